#!/usr/bin/env bash
# Anonymous reads under load (issue 9): coverage, search, the organisation list and the event list, the same bounded
# number of requests at 1,000 and at 10,000 organisations (100 and 1,000 events); prints latency and memory per
# request side by side with their ratios and writes bench/results/reads-latest.md.
# Starts its own PostgreSQL, RabbitMQ and smtp4dev (see bench/directory.sh for NETWORK_TEST_* to use existing ones).
# Options (all optional): --requests 400 --parallelism 8 --small 1000 --large 10000 --results PATH
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release ${BENCH_NO_BUILD:+--no-build} --project bench/Reads.Bench -- "$@"
