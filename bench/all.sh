#!/usr/bin/env bash
# Every benchmark, one after another (about 16 minutes on 2 cores when last timed; the Partners bench adds about 2):
# Outbox (bench/run.sh), Directory (bench/directory.sh), Events (bench/events.sh), Forum (bench/forum.sh), Knowledge
# (bench/knowledge.sh), Exports (bench/exports.sh) and Partners (bench/partners.sh), each with its own servers and its own report
# (bench/results/<bench>-latest.md and .json); then bench/Summary writes bench/results/summary.md (one table: bench,
# path, throughput, ratio to its fair raw baseline, p99) and bench/results/summary.png (throughput and p99 per path).
# Each bench runs with its own defaults, except that the Directory's searches run 50 times each instead of 100 (they
# are not in the summary and would take two minutes), or with the options given for it (replacing these):
#   bench/all.sh [--outbox "OPTIONS"] [--directory "OPTIONS"] [--events "OPTIONS"] [--forum "OPTIONS"] [--knowledge "OPTIONS"]
#                [--exports "OPTIONS"] [--partners "OPTIONS"]    e.g. --events "--n 1500"
# (The exports bench measures memory, not throughput against a baseline: its report stands beside the summary.)
# Exit code 1 if a bench failed; the summary is written all the same and names the benches that gave no results.
set -euo pipefail
self="$(realpath "$0")"
cd "$(dirname "$self")/.."

declare -A options=([outbox]="" [directory]="--iterations 50" [events]="" [forum]="" [knowledge]="" [exports]="" [partners]="")
while [ $# -gt 0 ]; do
    case "$1" in
        --outbox|--directory|--events|--forum|--knowledge|--exports|--partners)
            [ $# -ge 2 ] || { echo "all.sh: $1 needs the bench's options in one argument" >&2; exit 2; }
            options[${1#--}]="$2"; shift ;;
        -h|--help) sed -n '2,12p' "$self" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "all.sh: unknown argument '$1' (see bench/all.sh --help)" >&2; exit 2 ;;
    esac
    shift
done

# The chart's text is drawn with this font file: ScottPlot's SkiaSharp build reads font files itself (no fontconfig).
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
if [ ! -f "$font" ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "all.sh: installing fonts-dejavu-core (the chart's font) ..."
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends fonts-dejavu-core >/dev/null
    else
        echo "all.sh: the chart needs $font. Install it with: sudo apt-get install -y fonts-dejavu-core" >&2
        exit 1
    fi
fi

started=$(date +%s)
# Built once here: each script's own `dotnet run` would check the whole service graph again (a minute on 2 cores).
for project in Outbox.Bench Directory.Bench Events.Bench Forum.Bench Knowledge.Bench Exports.Bench Partners.Bench Summary; do
    echo "all.sh: building bench/$project"
    if ! built=$(dotnet build -c Release --nologo "bench/$project" 2>&1); then echo "$built" >&2; exit 1; fi
done
export BENCH_NO_BUILD=1

failed=()
for bench in outbox directory events forum knowledge exports partners; do
    script=bench/$bench.sh
    [ "$bench" = outbox ] && script=bench/run.sh
    echo "all.sh: $script ${options[$bench]}"
    # Word splitting is wanted here: one argument holds a bench's options.
    # shellcheck disable=SC2086
    "$script" ${options[$bench]} || failed+=("$bench")
done
took=$(( $(date +%s) - started ))

dotnet run -c Release --no-build --project bench/Summary -- --since "$started" --took "$took"
echo "all.sh: built and ran every bench in ${took} s${failed[*]:+; FAILED: ${failed[*]}}"
[ ${#failed[@]} -eq 0 ]
