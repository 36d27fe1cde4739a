#!/usr/bin/env bash
# Speed of CondaVersion.parse / compareTo over the conda version corpus in ../shared/data/vectors.
# Usage: scripts/bench-conda-version.sh (the dispatcher `scripts/bench conda-version` calls it)   (from the project root)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile
java -cp target/classes:target/test-classes dev.envx.model.conda.CondaVersionBench \
  ../shared/data/vectors/conda_version_parse_corpus.json
