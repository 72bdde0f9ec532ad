#!/usr/bin/env bash
# Exports benchmark: the memory and time an event's registrations export needs at 1,000 and at 10,000 registrations,
# as CSV, xlsx and JSON through the Events service's HTTP API, next to PostgreSQL's own COPY of the same rows in the
# same run; the peak live heap above idle per export shows whether memory grows with the rows (it must not).
# Starts its own PostgreSQL, RabbitMQ and smtp4dev (as the other benches) and the Identity service.
# Writes bench/results/exports-latest.md and, beside it, exports-latest.json.
# Options (all optional): --small 1000 --large 10000 --repeats 5 --results PATH
# BENCH_NO_BUILD=1 runs what was built last (bench/all.sh builds every bench once, first).
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release ${BENCH_NO_BUILD:+--no-build} --project bench/Exports.Bench -- "$@"
