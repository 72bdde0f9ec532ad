#!/usr/bin/env bash
# Directory benchmark: register 10,000 organisations through the Directory's write path, next to the same registrations
# in plain SQL (the fair baseline: name check, event row, snapshot row, one transaction), the plain-INSERT floor and
# the commit floor, in the same run; then search them three ways (Marten query, HTTP, hand-written SELECTs).
# Starts its own PostgreSQL, RabbitMQ and smtp4dev (free ports, temporary folders, stopped at the end) unless
# NETWORK_TEST_POSTGRES / NETWORK_TEST_RABBITMQ / NETWORK_TEST_SMTP point at existing servers, and the Identity
# service (the sign-in provider the service under test trusts; every token comes from it).
# Writes bench/results/directory-latest.md and, beside it, directory-latest.json (for bench/Summary).
# Options (all optional): --n 10000 --parallelism 8 --rounds 10 --iterations 100 --warmup 10 --results PATH
# BENCH_NO_BUILD=1 runs what was built last (bench/all.sh builds every bench once, first).
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release ${BENCH_NO_BUILD:+--no-build} --project bench/Directory.Bench -- "$@"
