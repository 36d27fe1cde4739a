"""Feeds requirements files envx wrote to pip's own requirement-file parser (what `pip install -r` runs first).

Usage: check_requirements.py FILE...   Prints `ok FILE N` or `fail FILE: reason` per file. Needs no network:
requirements are parsed and turned into install requirements, nothing is resolved or downloaded.
"""
import os
import sys
from pip._internal.network.session import PipSession
from pip._internal.req.req_file import parse_requirements
from pip._internal.req.constructors import install_req_from_parsed_requirement
session = PipSession()
for path in sys.argv[1:]:
    path = os.path.abspath(path)
    os.chdir(os.path.dirname(path))  # pip resolves local paths against the working directory, as `pip -r` does
    try:
        n = 0
        for parsed in parse_requirements(path, session=session):
            install_req_from_parsed_requirement(parsed)
            n += 1
        print("ok", path, n)
    except BaseException as e:
        print("fail", path + ":", type(e).__name__, str(e).replace("\n", " "))
