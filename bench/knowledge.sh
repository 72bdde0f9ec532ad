#!/usr/bin/env bash
# Knowledge search benchmark: full-text search with facets at 10,000 and 100,000 published items through the Knowledge
# service's HTTP API, next to the same PostgreSQL queries written by hand with Npgsql in the same run (p50/p99 per
# search and size; targets: the service's p99 within 1.5x of the hand-written query's, the filtered search at 100,000
# within 3x of its own figure at 10,000).
# Starts its own PostgreSQL, RabbitMQ and smtp4dev (as the other benches) and the Identity service.
# Writes bench/results/knowledge-latest.md and, beside it, knowledge-latest.json.
# Options (all optional): --small 10000 --large 100000 --requests 200 --results PATH
# BENCH_NO_BUILD=1 runs what was built last (bench/all.sh builds every bench once, first).
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release ${BENCH_NO_BUILD:+--no-build} --project bench/Knowledge.Bench -- "$@"
