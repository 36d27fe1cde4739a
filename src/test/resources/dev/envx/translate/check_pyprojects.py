"""Validates pyproject.toml files envx wrote: tomllib must load them, pyproject_metadata must accept [project].

Usage: check_pyprojects.py FILE...   Prints one line per file: `ok FILE` or `fail FILE: reason`.
"""
import sys
import tomllib

try:
    import pyproject_metadata
except ImportError:  # reported by the caller, which checks for the module first
    pyproject_metadata = None

for path in sys.argv[1:]:
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
        if pyproject_metadata is not None:
            project = data.get("project", {})
            # files the user's own table refers to are not envx's output
            project.pop("readme", None)
            project.pop("license-files", None)
            meta = pyproject_metadata.StandardMetadata.from_pyproject(data)
            for req in meta.dependencies:
                str(req)
        print("ok", path)
    except Exception as e:  # noqa: BLE001 - every failure is reported
        print("fail", path + ":", type(e).__name__, str(e).replace("\n", " "))
