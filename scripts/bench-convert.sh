#!/usr/bin/env bash
# End-to-end time of `envx convert` on a ~300-line environment.yml (JVM start included), through scripts/envx.
# Input: the 314-line real file AnyLoc__AnyLoc__conda-environment.yml of ../shared/data/corpus (or $1).
# Uses hyperfine when installed, else N runs timed with /usr/bin/time (or bash's time).
# Usage: scripts/bench-convert.sh [environment.yml] [runs]      (from anywhere)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
input="${1:-$root/../shared/data/corpus/environment/AnyLoc__AnyLoc__conda-environment.yml}"
runs="${2:-10}"
[[ -f "$input" ]] || { echo "bench-convert: no input at $input" >&2; exit 2; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cp "$input" "$work/environment.yml"
echo "input: $input ($(wc -l < "$input") lines)"
"$root/scripts/envx" --quiet convert "$work/environment.yml" -o "$work/warm.toml" >/dev/null   # build jar + CDS archive
cmd="$root/scripts/envx --quiet convert $work/environment.yml -o - --dry-run"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 2 --runs "$runs" --output=null "$cmd"
else
  ts=()
  for _ in $(seq "$runs"); do
    s=$(date +%s%N); $cmd >/dev/null; e=$(date +%s%N)
    ts+=($(( (e - s) / 1000000 )))
  done
  sorted=($(printf '%s\n' "${ts[@]}" | sort -n))
  sum=0; for t in "${ts[@]}"; do sum=$((sum + t)); done
  echo "command: $cmd"
  echo "runs: $runs  mean: $((sum / runs)) ms  median: ${sorted[$((runs / 2))]} ms  min: ${sorted[0]} ms  max: ${sorted[$((runs - 1))]} ms"
fi
