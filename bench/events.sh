#!/usr/bin/env bash
# Events registration benchmark: registrations per second under 32 concurrent clients, through the Events service's
# HTTP API and its Marten write path, next to the same rule in plain SQL (the fair baseline), the plain-INSERT floor and
# the commit floor in the same run, for one hot event and spread over 50 events; after every run the no-overbooking
# check (exit code 1 if it fails).
# Starts its own PostgreSQL, RabbitMQ and smtp4dev (free ports, temporary folders, stopped at the end) unless
# NETWORK_TEST_POSTGRES / NETWORK_TEST_RABBITMQ / NETWORK_TEST_SMTP point at existing servers, and the Identity
# service (the sign-in provider the service under test trusts; every token comes from it).
# Writes bench/results/events-latest.md and, beside it, events-latest.json (for bench/Summary).
# Options (all optional): --n 3000 --clients 32 --events 50 --hot-capacity 500 --capacity 20 --rounds 10 --window 300
#                         --warmup 200 --results PATH
# BENCH_NO_BUILD=1 runs what was built last (bench/all.sh builds every bench once, first).
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release ${BENCH_NO_BUILD:+--no-build} --project bench/Events.Bench -- "$@"
