#!/usr/bin/env bash
# Parsing throughput of the PEP 440/508 model over ../shared/data/vectors.
# Usage: scripts/bench-pep-parse.sh (or `scripts/bench pep-parse`)   (builds test classes offline first)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -o test-compile
cp_file="$root/target/bench.classpath"
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java -cp "target/classes:target/test-classes:$(cat "$cp_file")" dev.envx.model.pep508.PepParseBench "$root/../shared/data/vectors"
