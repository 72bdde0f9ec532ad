#!/usr/bin/env bash
# Forum benchmark: posting to a thread of 10,000 posts under 32 concurrent clients, paging through it by keyset (the first
# page next to the last), and a board's thread list at 5,000 threads, through the Forum service's HTTP API, next to raw
# Npgsql inserts and keyset reads of the same shape (the fair baselines) in the same run.
# Starts its own PostgreSQL, RabbitMQ and smtp4dev (free ports, temporary folders, stopped at the end) unless
# NETWORK_TEST_POSTGRES / NETWORK_TEST_RABBITMQ / NETWORK_TEST_SMTP point at existing servers, and the Identity
# service (the sign-in provider the service under test trusts; every token comes from it).
# Writes bench/results/forum-latest.md and, beside it, forum-latest.json (for bench/Summary).
# Options (all optional): --posts 10000 --threads 5000 --n 2000 --clients 32 --rounds 10 --window 300 --reads 500
#                         --warmup 200 --results PATH
# BENCH_NO_BUILD=1 runs what was built last (bench/all.sh builds every bench once, first).
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release ${BENCH_NO_BUILD:+--no-build} --project bench/Forum.Bench -- "$@"
