#!/usr/bin/env bash
# Scan benchmark: the job's batch reader vs raw JDBC streaming of the same table, same run.
# Usage: bench/scan-benchmark.sh [--url JDBC_URL] [--user U] [--password P] [--rows N] [--batch B] [--rounds R]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime
exec java -Xmx1g -cp "target/classes:$(cat target/bench-classpath.txt)" bench/ScanBenchmark.java "$@"
