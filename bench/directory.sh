#!/usr/bin/env bash
# Directory benchmark: register 10,000 organisations through the Directory's write path and search them, next to a
# raw Npgsql baseline (same documents as plain rows with the same indexes, hand-written SELECTs) in the same run.
# Starts its own PostgreSQL and RabbitMQ (free ports, temporary folders, stopped at the end) unless
# NETWORK_TEST_POSTGRES / NETWORK_TEST_RABBITMQ point at existing servers. Writes bench/results/directory-latest.md.
# Options (all optional): --n 10000 --parallelism 8 --iterations 100 --warmup 10 --results PATH
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project bench/Directory.Bench -- "$@"
