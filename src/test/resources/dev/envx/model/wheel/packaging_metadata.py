"""Reads metadata file paths from stdin, one per line; prints packaging's reading of the fields a resolver
needs as one JSON object per line (or {"error": ...}). Uses parse_email and packaging's own types for the
values, not Metadata.from_email(validate=True), which also rejects fields that do not matter to a resolver
(e.g. License-File under an older Metadata-Version)."""
import json
import sys

try:
    from packaging.metadata import parse_email
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet
    from packaging.utils import canonicalize_name
    from packaging.version import Version
except ImportError:
    from pip._vendor.packaging.metadata import parse_email
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.specifiers import SpecifierSet
    from pip._vendor.packaging.utils import canonicalize_name
    from pip._vendor.packaging.version import Version

for path in sys.stdin.read().splitlines():
    try:
        with open(path, "rb") as f:
            raw, unparsed = parse_email(f.read())
        out = {
            "metadata_version": raw["metadata_version"],
            "name": canonicalize_name(raw["name"], validate=True),
            "version": str(Version(raw["version"])),
            "requires_python": str(SpecifierSet(raw.get("requires_python", ""))),
            "requires_dist": [str(Requirement(r)) for r in raw.get("requires_dist", [])],
            "provides_extra": list(dict.fromkeys(canonicalize_name(e, validate=True)
                                                 for e in raw.get("provides_extra", []))),
            "dynamic": list(dict.fromkeys(d.lower() for d in raw.get("dynamic", []))),
            "unparsed": sorted(unparsed),
        }
    except Exception as e:  # noqa: BLE001 - reported to the test
        out = {"error": repr(e)}
    print(json.dumps(out))
