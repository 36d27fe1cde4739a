"""Reads file names from stdin, one per line; prints packaging's reading of each, one line per input:
`wheel<TAB>name<TAB>version<TAB>build<TAB>tags` (tags sorted, space separated), `sdist<TAB>name<TAB>version`,
or `invalid`."""
import sys

try:
    from packaging import utils
except ImportError:
    from pip._vendor.packaging import utils

for line in sys.stdin.read().splitlines():
    try:
        if line.endswith(".whl"):
            name, version, build, tags = utils.parse_wheel_filename(line)
            b = "" if not build else "%d%s" % build
            print("wheel\t%s\t%s\t%s\t%s" % (name, version, b, " ".join(sorted(str(t) for t in tags))))
        else:
            name, version = utils.parse_sdist_filename(line)
            print("sdist\t%s\t%s" % (name, version))
    except Exception:
        print("invalid")
