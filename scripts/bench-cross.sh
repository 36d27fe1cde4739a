#!/usr/bin/env bash
# scripts/bench cross [N]: one solve across conda and PyPI, over ../shared/data/pypi (the real-wheel mirror, as
# file://) and ../shared/data/channels/derived-from-pixi-lockfiles/conda-forge. Whole processes, JVM start
# included, medians of N runs (default 10) with hyperfine:
#   1. a PyPI-only request: envx (`--prefer pypi`, conda gives only python 3.11) against pip's resolver on the
#      same index (`python3 -m pip install --dry-run --ignore-installed --report -`, Debian's python3-pip,
#      config and cache isolated); the request is one whose wheels all have bodies on the mirror, since pip
#      23.0 reads PEP 658 metadata only under its old attribute name and downloads the wheel instead;
#   2. a mixed request: a conda scientific stack plus 20 PyPI-only packages (envx only; pip cannot).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${ENVX_SHARED:-$root/../shared}/data"
runs="${1:-10}"
cf="$shared/channels/derived-from-pixi-lockfiles/conda-forge"
index="file://$(cd "$shared/pypi/simple" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

pypi_only=(flask httpx uvicorn requests tqdm python-dateutil tenacity attrs packaging jinja2 click anyio six)
pypi_mixed=(aenum anytree apscheduler asteval backoff beartype bottleneck cachelib cattrs chardet colorlog croniter
  dill diskcache dnspython docstring-parser emoji et-xmlfile deprecation einops)
conda_stack=("python=3.11" numpy scipy pandas matplotlib)

"$root/scripts/envx" --version >/dev/null 2>&1 || true   # build the jar and the start-up cache first
"$root/scripts/envx" --version >/dev/null 2>&1 || true

envx_only=("$root/scripts/envx" solve "python=3.11" -c "$cf" --index-url "$index" --platform linux-64 --prefer pypi)
for r in "${pypi_only[@]}"; do envx_only+=(--pypi "$r"); done
pip_only=(env PIP_CONFIG_FILE=/dev/null PIP_CACHE_DIR="$work/pip-cache" PIP_DISABLE_PIP_VERSION_CHECK=1
  /usr/bin/python3 -m pip install --dry-run --ignore-installed --report - -q --index-url "$index" "${pypi_only[@]}")
envx_mixed=("$root/scripts/envx" solve "${conda_stack[@]}" -c "$cf" --index-url "$index" --platform linux-64)
for r in "${pypi_mixed[@]}"; do envx_mixed+=(--pypi "$r"); done

quote() { local out="" a; for a in "$@"; do out+=" $(printf '%q' "$a")"; done; echo "${out:1}"; }

echo "command: scripts/bench cross $runs ($(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg), $(/usr/bin/python3 -m pip --version | cut -d' ' -f1-2))"
echo
echo "== the sets (envx's PyPI rows; pip's report)"
ENVX_CACHE_DIR="$work/envx-cache" "${envx_only[@]}" | awk '$3 == "pypi" { print "  envx:", $1, $2 }'
"${pip_only[@]}" | python3 -c 'import json,sys; [print("  pip: ", i["metadata"]["name"].lower(), i["metadata"]["version"]) for i in sorted(json.load(sys.stdin)["install"], key=lambda i: i["metadata"]["name"].lower())]'
echo
echo "== mixed: ${conda_stack[*]} (conda) + ${#pypi_mixed[@]} PyPI-only packages"
ENVX_CACHE_DIR="$work/envx-cache" "${envx_mixed[@]}" | awk 'NR > 1 { n[$3]++ } END { print "  conda rows:", n["conda"], " pypi rows:", n["pypi"] }'
echo
export ENVX_CACHE_DIR="$work/envx-cache"
hyperfine -N -w 1 -r "$runs" --export-json "$work/h.json" \
  -n "envx PyPI-only" "$(quote "${envx_only[@]}")" \
  -n "pip PyPI-only" "$(quote "${pip_only[@]}")" \
  -n "envx mixed" "$(quote "${envx_mixed[@]}")" >&2
python3 - "$work/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
for name, x in r.items():
    print(f"  {name:16s} median {x['median']:.3f} s  (mean {x['mean']:.3f} ± {x['stddev']:.3f} s, {len(x['times'])} runs)")
e, p = r["envx PyPI-only"]["median"], r["pip PyPI-only"]["median"]
print(f"  ratio pip / envx (PyPI-only, medians): {p / e:.2f}")
PY
echo
echo "commands:"
echo "  $(quote "${envx_only[@]}")"
echo "  $(quote "${pip_only[@]}")"
echo "  $(quote "${envx_mixed[@]}")"
