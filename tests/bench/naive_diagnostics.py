#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The yardstick for the diagnostics benchmark: the checks as one would script them in an
afternoon, one process per artifact. Each artifact of the reports (found with
naive_import.py's regular expressions) is written to a file and checked: Python with
`python3 -m py_compile`, shell with `bash -n`, JavaScript with `node --check`, JSON with
json.load in this process; SQL is not checked (no parser at hand). With --linters, also
`python3 -m pyflakes` per Python file and `shellcheck` per shell script. As many processes
at a time as there are cores (Verdict uses one thread per core).

Usage: naive_diagnostics.py [--linters] PATH...
Prints one line: "<artifacts> artifacts, <checked> checked, <failed> with findings in
<seconds> s (CPU <seconds> s)".
"""
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import naive_import  # noqa: E402  (the same report reading)

PYFLAKES_PYTHON = "/usr/bin/python3"


def artifacts_of(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    starts = [m.start() for m in naive_import.HEADER.finditer(text)] + [len(text)]
    for a, b in zip(starts, starts[1:]):
        report = text[a:b]
        creates = list(naive_import.CREATE.finditer(report))
        for i, m in enumerate(creates):
            end = creates[i + 1].start() if i + 1 < len(creates) else len(report)
            body = report[m.end():end]
            stop = naive_import.STOP.search(body)
            if stop:
                body = body[:stop.start()]
            fence = naive_import.FENCE.match(body)
            if fence:
                body = fence.group(3)
            yield m.group(1), body.strip("\n") + "\n"


def commands(path, linters):
    ext = path.rsplit(".", 1)[-1]
    if ext == "py":
        yield [sys.executable, "-m", "py_compile", path]
        if linters:
            yield [PYFLAKES_PYTHON, "-m", "pyflakes", path]
    elif ext in ("sh", "bash"):
        yield ["bash", "-n", path]
        if linters:
            yield ["shellcheck", "--norc", "-f", "gcc", path]
    elif ext in ("js", "mjs", "cjs"):
        yield ["node", "--check", path]


def check(path, linters):
    """Returns (checked, found)."""
    if path.endswith(".json"):
        try:
            json.load(open(path, encoding="utf-8"))
            return True, False
        except ValueError:
            return True, True
    checked = found = False
    for cmd in commands(path, linters):
        checked = True
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        found = found or r.returncode != 0
    return checked, found


def main():
    args = sys.argv[1:]
    linters = "--linters" in args
    paths = [a for a in args if a != "--linters"]
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for report in naive_import.files_of(paths):
            for name, body in artifacts_of(report):
                ext = name.rsplit(".", 1)[-1] if "." in name else "txt"
                out = os.path.join(tmp, "a%06d.%s" % (len(files), re.sub(r"\W", "", ext)))
                with open(out, "w", encoding="utf-8") as f:
                    f.write(body)
                files.append(out)
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            results = list(pool.map(lambda p: check(p, linters), files))
    wall = time.monotonic() - start
    cpu = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        u = resource.getrusage(who)
        cpu += u.ru_utime + u.ru_stime
    print("%d artifacts, %d checked, %d with findings in %.2f s (CPU %.1f s)"
          % (len(files), sum(1 for c, _ in results if c), sum(1 for _, f in results if f),
             wall, cpu))


if __name__ == "__main__":
    main()
