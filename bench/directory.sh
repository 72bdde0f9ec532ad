#!/usr/bin/env bash
# Directory benchmark: register 10,000 organisations through the Directory's write path and search them, next to a
# raw Npgsql baseline (same documents as plain rows with the same indexes, hand-written SELECTs) in the same run.
# Starts its own PostgreSQL, RabbitMQ and smtp4dev (free ports, temporary folders, stopped at the end) unless
# NETWORK_TEST_POSTGRES / NETWORK_TEST_RABBITMQ / NETWORK_TEST_SMTP point at existing servers, and the Identity
# service (the sign-in provider the service under test trusts; every token comes from it).
# Writes bench/results/directory-latest.md.
# Options (all optional): --n 10000 --parallelism 8 --iterations 100 --warmup 10 --results PATH
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project bench/Directory.Bench -- "$@"
