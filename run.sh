#!/usr/bin/env bash
# Starts everything: the Aspire AppHost with PostgreSQL, RabbitMQ, the mail server, the four services and the gateway.
#
#   ./run.sh            start (Ctrl+C stops everything, the local servers included)
#   ./run.sh --reset    delete the local data folder (.local/: databases, broker state, mails) first
#   ./run.sh --no-demo  start without the fictional demo network of the five pilot cities (loaded by default)
#   ./run.sh [--reset] -- <AppHost arguments>   e.g. -- --Infrastructure:Mode=local
#
# Without a working container runtime (docker info fails), PostgreSQL and RabbitMQ are the locally
# installed Debian servers, run by the AppHost with their state in .local/ (kept between runs). When root, and the
# 'postgres' user cannot enter .local/ (a clone under /root), PostgreSQL's cluster goes to /var/lib/network/<clone>/
# instead, linked from .local/postgres; the AppHost says so at start. A resource that cannot start is named on the
# console with its last log lines, and the AppHost then exits with code 1.
# When run as root this script installs them if missing (apt-get); otherwise it says what to install. The same for
# fonts-dejavu-core, the Knowledge service's chart font (without it the chart is a 503, everything else works).
# The mail server is smtp4dev, a local dotnet tool (.config/dotnet-tools.json, restored here): it keeps every
# mail for its web view at http://localhost:5390 and delivers none.
# Secrets (bootstrap-staff-password; the passwords of the superuser, of each database role and broker user) are generated on
# the first run and kept in the AppHost's user secrets: `dotnet user-secrets list --project AppHost`.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data_dir="$repo/.local"
reset=false
apphost_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --reset) reset=true ;;
        --no-demo) apphost_args+=("--DemoData=false") ;;
        --) shift; apphost_args+=("$@"); break ;;
        -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument '$1' (see ./run.sh --help)" >&2; exit 2 ;;
    esac
    shift
done

if ! command -v dotnet >/dev/null; then
    echo "run.sh: the .NET SDK (see global.json) is not installed or not on PATH." >&2
    exit 1
fi

# --- Local servers (used when no container runtime works) --------------------------------------
missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
if [ ${#missing[@]} -gt 0 ]; then
    if timeout 10 docker info >/dev/null 2>&1; then
        : # a container runtime works: the AppHost uses containers instead
    elif [ "$(id -u)" = 0 ]; then
        echo "run.sh: installing ${missing[*]} ..."
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "run.sh: no container runtime and missing Debian packages. Install them with:" >&2
        echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi

# --- The Knowledge service's chart font -----------------------------------------------------------
# ScottPlot's SkiaSharp reads font files itself (no fontconfig): without this file GET /analysis/published.png is a 503.
chart_font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
if [ ! -f "$chart_font" ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "run.sh: installing fonts-dejavu-core (the analysis chart's font) ..."
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends fonts-dejavu-core >/dev/null
    else
        echo "run.sh: $chart_font is missing: the analysis chart answers 503 without it. Install it with:" >&2
        echo "    sudo apt-get install -y fonts-dejavu-core" >&2
    fi
fi

# --- Local dotnet tools (smtp4dev) ----------------------------------------------------------------
# A first restore on a fresh machine can fail on one tool while restoring both at once; a second try finds them cached.
if ! restored=$(cd "$repo" && dotnet tool restore 2>&1) && ! restored=$(cd "$repo" && dotnet tool restore 2>&1); then
    echo "$restored" >&2
    echo "run.sh: 'dotnet tool restore' failed: the mail server (smtp4dev, .config/dotnet-tools.json) cannot start." >&2
    exit 1
fi

# --- Reset ----------------------------------------------------------------------------------------
if $reset; then
    pidfile="$data_dir/postgres/cluster/postmaster.pid"
    if [ -f "$pidfile" ] && kill -0 "$(head -n 1 "$pidfile")" 2>/dev/null; then
        echo "run.sh: PostgreSQL is still running on $data_dir; stop the AppHost first." >&2
        exit 1
    fi
    # A clone the postgres user cannot enter keeps PostgreSQL's cluster under /var/lib/network, linked from .local/postgres.
    if [ -L "$data_dir/postgres" ]; then
        placed="$(readlink -f "$data_dir/postgres")"
        echo "run.sh: deleting $placed"
        rm -rf "$placed"
    fi
    echo "run.sh: deleting $data_dir"
    rm -rf "$data_dir"
fi

# --- Start ------------------------------------------------------------------------------------------
cat <<EOF
run.sh: starting the AppHost (first run builds the solution, which takes a minute).
        Dashboard: http://localhost:18888  (open the login link with the token printed below)
        Gateway:   http://localhost:5080
        Mails:     http://localhost:5390  (smtp4dev: every mail sent, none delivered)
        Data:      $data_dir
EOF
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
cd "$repo"
exec dotnet run --project AppHost --launch-profile http -- "${apphost_args[@]}"
