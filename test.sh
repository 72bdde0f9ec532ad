#!/usr/bin/env bash
# Runs every test of the solution: ./test.sh [more dotnet test arguments, e.g. --filter FullyQualifiedName~Gateway]
#
# The tests start their own PostgreSQL and RabbitMQ servers (tests/Network.Tests/Infrastructure), so the
# machine needs the Debian packages postgresql and rabbitmq-server; run as root, this script installs what is
# missing. NETWORK_TEST_POSTGRES / NETWORK_TEST_RABBITMQ point the tests at existing servers instead.
# The tests' SMTP server is smtp4dev, a local dotnet tool (.config/dotnet-tools.json), restored here first;
# NETWORK_TEST_SMTP=smtp://HOST:PORT|http://HOST:WEBPORT uses a running one instead (without "|...", its web API
# is taken at port 5390, so NETWORK_TEST_SMTP=smtp://127.0.0.1:2525 uses the one of a running ./run.sh).
# The calendar tests read every .ics with ical.js on Node.js (tests/ical-check, installed here with npm ci; as root the
# Debian packages nodejs and npm are installed when missing), as is fonts-dejavu-core (the Knowledge chart's font); the
# AsyncAPI test reads the Partners service's document with the AsyncAPI parser on Node.js (tests/asyncapi-check, installed
# the same way).
# The last line printed is the run's totals over all test assemblies: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# A first restore on a fresh machine can fail on one tool while restoring both at once (the SDK mixes up their
# packages); a second try finds them in the cache.
if ! restored=$(dotnet tool restore 2>&1) && ! restored=$(dotnet tool restore 2>&1); then
    echo "$restored" >&2
    echo "test.sh: 'dotnet tool restore' failed: the tests need smtp4dev (.config/dotnet-tools.json)" >&2
    exit 1
fi

missing=()
if [ -z "${NETWORK_TEST_POSTGRES:-}" ] && ! command -v initdb >/dev/null && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    missing+=(postgresql)
fi
if [ -z "${NETWORK_TEST_RABBITMQ:-}" ] && [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && ! command -v rabbitmq-server >/dev/null; then
    missing+=(rabbitmq-server)
fi
# The calendar tests read every .ics with Mozilla's ical.js (tests/ical-check), which runs on Node.js.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    missing+=(nodejs npm)
fi
# The Knowledge analysis chart draws its text with this font file (ScottPlot's SkiaSharp reads font files itself).
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "test.sh: installing ${missing[*]}"
        # The tests start their own servers: keep the packages from starting the system-wide ones.
        if [ ! -e /usr/sbin/policy-rc.d ]; then
            printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
            trap 'rm -f /usr/sbin/policy-rc.d' EXIT
        fi
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
            || echo "test.sh: could not install ${missing[*]}; the tests that need them will fail" >&2
    else
        echo "test.sh: missing ${missing[*]}: install with 'sudo apt-get install ${missing[*]}'" \
             "(or set NETWORK_TEST_POSTGRES / NETWORK_TEST_RABBITMQ); the tests that need them will fail" >&2
    fi
fi

if [ ! -d tests/ical-check/node_modules/ical.js ] && command -v npm >/dev/null; then
    npm ci --prefix tests/ical-check --no-audit --no-fund --loglevel=error >/dev/null \
        || echo "test.sh: 'npm ci' in tests/ical-check failed; the calendar tests will fail" >&2
fi
if [ ! -d tests/asyncapi-check/node_modules/@asyncapi/parser ] && command -v npm >/dev/null; then
    npm ci --prefix tests/asyncapi-check --no-audit --no-fund --loglevel=error >/dev/null \
        || echo "test.sh: 'npm ci' in tests/asyncapi-check failed; the AsyncAPI tests will fail" >&2
fi

results=TestResults/test.sh
rm -rf "$results"
mkdir -p "$results"
log="$results/console.log"
# Release keeps this build apart from an IDE's Debug build of the same tree.
# A test hanging for 20 minutes aborts its assembly instead of the whole CI run.
DOTNET_CLI_UI_LANGUAGE=en VSLANG=1033 dotnet test Network.sln -c Release --results-directory "$results" --logger trx \
    --blame-hang-timeout 20m --blame-hang-dump-type none "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test assembly: "Passed!  - Failed:     0, Passed:    12, Skipped: ..., Total: ..."
passed=0
failed=0
while read -r f p; do
    passed=$((passed + p))
    failed=$((failed + f))
done < <(sed -n -E 's/^[[:space:]]*(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+),.*/\2 \3/p' "$log")

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "test.sh: dotnet test failed (exit code $status) without a failed test: a build error, or a test host that crashed" >&2
fi
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "$failed" -gt 0 ]; then exit 1; fi
exit 0
