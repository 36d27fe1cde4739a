"""Prints packaging's tag list for a target given on the command line, one tag per line.

usage: packaging_tags.py PYTHON ABI KIND ARCH [VERSION]  |  packaging_tags.py sys
  KIND is manylinux (VERSION = glibc, e.g. 2.17), musllinux (VERSION = musl, e.g. 1.2), linux (no C library),
  macos (VERSION = deployment target, e.g. 11.0), windows (ARCH is the platform tag, e.g. win_amd64) or
  none (no platform tags). This is sys_tags() for CPython, with the machine-specific parts (glibc, musl,
  macOS version) given instead of probed, the way packaging documents them.
"""
import sys

try:
    from packaging import tags, _manylinux
except ImportError:
    from pip._vendor.packaging import tags, _manylinux

if sys.argv[1:] == ["sys"]:
    # the running interpreter: first line `PYTHON GLIBC`, then sys_tags()
    glibc = _manylinux._get_glibc_version()
    print("%d.%d %d.%d" % (sys.version_info[0], sys.version_info[1], glibc[0], glibc[1]))
    for t in tags.sys_tags():
        print(t)
    sys.exit(0)

python, abi, kind, arch = sys.argv[1:5]
version = tuple(int(x) for x in sys.argv[5].split(".")) if len(sys.argv) > 5 else None
major, minor = (int(x) for x in python.split("."))

if kind == "manylinux":
    _manylinux._get_glibc_version = lambda: _manylinux._GLibCVersion(*version)
    _manylinux._have_compatible_abi = lambda executable, archs: (
        "armv7l" in archs or "i686" in archs or any(a in _manylinux._ALLOWED_ARCHS for a in archs))
    import inspect
    if "archs" in inspect.signature(_manylinux.platform_tags).parameters:  # packaging >= 24
        platforms = list(_manylinux.platform_tags([arch]))
    else:  # packaging < 24: platform_tags(linux, arch), _have_compatible_abi(executable, arch)
        _manylinux._have_compatible_abi = lambda executable, a: True
        platforms = list(_manylinux.platform_tags("linux_" + arch, arch))
    platforms.append("linux_" + arch)
elif kind == "musllinux":
    platforms = ["musllinux_%d_%d_%s" % (version[0], m, arch) for m in range(version[1], -1, -1)]
    platforms.append("linux_" + arch)
elif kind == "linux":
    platforms = ["linux_" + arch]
elif kind == "macos":
    platforms = list(tags.mac_platforms(version, arch))
elif kind == "windows":
    platforms = [arch]
else:
    platforms = []

out = list(tags.cpython_tags((major, minor), [abi], platforms)) if platforms else []
out += list(tags.compatible_tags((major, minor), "cp%d%d" % (major, minor), platforms or ["__none__"]))
for t in out:
    if t.platform != "__none__":
        print(t)
