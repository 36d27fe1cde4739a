"""Reads a prefix's conda-meta as conda's PrefixData and History and micromamba's PrefixData do, strictly.

Usage: conda_prefix_check.py PREFIX [REAL_RECORD.json ...]
Prints one `conda list`-style line per record (name, version, build, channel) on stdout; every rule a record
breaks goes to stderr as `PROBLEM: file: what`, and the exit status is 1 when there is any.

The rules restate what the readers need (conda 24.x conda/core/prefix_data.py `_load_single_record`,
conda/models/records.py PrefixRecord/PathsData/Link, conda/history.py `History.parse`; libmamba's
`PackageInfo` from_json): a record that breaks one is skipped or makes them fail. REAL_RECORD files, records
that conda, micromamba or rattler wrote, give the JSON type each shared key must have.
"""
import json
import os
import re
import sys

problems = []


def problem(f, what):
    problems.append(f"PROBLEM: {f}: {what}")


HEX32 = re.compile(r"^[0-9a-f]{32}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
PATH_TYPES = {"hardlink", "softlink", "directory", "pyc_file", "unix_python_entry_point",
              "windows_python_entry_point_script", "windows_python_entry_point_exe", "linked_package_record"}
LINK_TYPES = {1, 2, 3, 4}  # conda LinkType: hardlink, softlink, copy, directory


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def check_record(prefix, fn, rec, real_types):
    where = "conda-meta/" + fn
    for key in ("name", "version", "build"):
        if not isinstance(rec.get(key), str) or not rec.get(key):
            problem(where, f"`{key}` must be a non-empty string (PackageRecord requires it)")
    if not is_int(rec.get("build_number")):
        problem(where, "`build_number` must be an integer (PackageRecord and libmamba require it)")
    # conda ignores a record whose file name is not name-version-build.json ("Ignoring malformed prefix record")
    try:
        n, v, b = fn[:-5].rsplit("-", 2)
        if (n, v, b) != (rec.get("name"), rec.get("version"), rec.get("build")):
            problem(where, "file name is not `<name>-<version>-<build>.json` of its record")
    except ValueError:
        problem(where, "file name is not `<name>-<version>-<build>.json`")
    for key in ("channel", "subdir", "fn", "url", "license", "requested_spec", "extracted_package_dir"):
        if key in rec and not isinstance(rec[key], str):
            problem(where, f"`{key}` must be a string")
    for key in ("depends", "constrains"):
        if key in rec and not (isinstance(rec[key], list) and all(isinstance(x, str) for x in rec[key])):
            problem(where, f"`{key}` must be a list of strings")
    for key in ("timestamp", "size"):
        if key in rec and not is_int(rec[key]):
            problem(where, f"`{key}` must be an integer")
    if "md5" in rec and not HEX32.match(str(rec["md5"])):
        problem(where, "`md5` is not 32 hex digits")
    if "sha256" in rec and not HEX64.match(str(rec["sha256"])):
        problem(where, "`sha256` is not 64 hex digits")
    if rec.get("noarch") not in (None, "python", "generic"):
        problem(where, "`noarch` must be python or generic")
    if not str(rec.get("fn", "")).endswith((".conda", ".tar.bz2")):
        problem(where, "`fn` must be the package file name (.conda or .tar.bz2)")
    files = rec.get("files")
    if not (isinstance(files, list) and all(isinstance(x, str) for x in files)):
        problem(where, "`files` must be a list of strings")
        files = []
    for f in files:
        if f.startswith("/") or ".." in f.split("/"):
            problem(where, f"file `{f}` is not relative to the prefix")
        elif not os.path.lexists(os.path.join(prefix, f)):
            problem(where, f"file `{f}` is not in the prefix")
    pd = rec.get("paths_data")
    if not isinstance(pd, dict) or pd.get("paths_version") != 1 or not isinstance(pd.get("paths"), list):
        problem(where, "`paths_data` must be {paths_version: 1, paths: [...]}")
    else:
        listed = set()
        for p in pd["paths"]:
            if not isinstance(p, dict) or not isinstance(p.get("_path"), str):
                problem(where, "a paths_data entry has no `_path`")
                continue
            if p.get("path_type") not in PATH_TYPES:
                problem(where, f"`{p['_path']}` has path_type {p.get('path_type')!r}")
            if "sha256" in p and not HEX64.match(str(p["sha256"])):
                problem(where, f"`{p['_path']}` sha256 is not 64 hex digits")
            if "sha256_in_prefix" in p and not HEX64.match(str(p["sha256_in_prefix"])):
                problem(where, f"`{p['_path']}` sha256_in_prefix is not 64 hex digits")
            if "size_in_bytes" in p and not is_int(p["size_in_bytes"]):
                problem(where, f"`{p['_path']}` size_in_bytes is not an integer")
            if "file_mode" in p and p["file_mode"] not in ("text", "binary"):
                problem(where, f"`{p['_path']}` file_mode is {p['file_mode']!r}")
            if "prefix_placeholder" in p and not isinstance(p["prefix_placeholder"], str):
                problem(where, f"`{p['_path']}` prefix_placeholder is not a string")
            if "no_link" in p and not isinstance(p["no_link"], bool):
                problem(where, f"`{p['_path']}` no_link is not a boolean")
            if p.get("path_type") != "directory":
                listed.add(p["_path"])
        if listed != set(files):
            problem(where, "`files` and the non-directory `paths_data` paths differ: "
                    + str(sorted(listed ^ set(files))[:5]))
    link = rec.get("link")
    if link is not None and not (isinstance(link, dict) and isinstance(link.get("source"), str)
                                 and link.get("type") in LINK_TYPES):
        problem(where, "`link` must be {source: str, type: 1..4}")
    for key, want in real_types.items():
        if key in rec and type(rec[key]).__name__ != want:
            problem(where, f"`{key}` is a {type(rec[key]).__name__}; conda-written records have a {want}")


def check_history(prefix, names):
    path = os.path.join(prefix, "conda-meta", "history")
    if not os.path.isfile(path):
        problem("conda-meta/history", "missing")
        return
    head = re.compile(r"==>\s*(.+?)\s*<==")
    seen_head = False
    added = set()
    for i, line in enumerate(open(path, encoding="utf-8").read().splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        m = head.match(line)
        if m:
            if not re.match(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", m.group(1)):
                problem(f"conda-meta/history:{i}", "the date is not `%Y-%m-%d %H:%M:%S`")
            seen_head = True
        elif line.startswith("#"):
            continue
        elif line[0] in "+-":
            if not seen_head:
                problem(f"conda-meta/history:{i}", "a package line before the first `==> date <==`")
            dist = line[1:].split("::")[-1]
            if line[0] == "+":
                added.add(dist)
        else:
            problem(f"conda-meta/history:{i}", f"conda cannot read `{line}`")
    for n in names:
        if n not in added:
            problem("conda-meta/history", f"`{n}` is installed but never added")


def main():
    prefix = sys.argv[1]
    real_types = {}
    for real in sys.argv[2:]:
        for k, v in json.load(open(real, encoding="utf-8")).items():
            real_types.setdefault(k, type(v).__name__)
    meta = os.path.join(prefix, "conda-meta")
    dists = []
    for fn in sorted(os.listdir(meta)):
        if not fn.endswith(".json"):
            continue
        with open(os.path.join(meta, fn), encoding="utf-8") as fh:
            rec = json.load(fh)
        check_record(prefix, fn, rec, real_types)
        dists.append(fn[:-5])
        channel = str(rec.get("channel", "")).rstrip("/").split("/")[-1]
        print(f"{rec.get('name')}\t{rec.get('version')}\t{rec.get('build')}\t{channel}")
    check_history(prefix, dists)
    for p in problems:
        print(p, file=sys.stderr)
    sys.exit(1 if problems else 0)


main()
