#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes N synthetic FSAR reports for the diagnostics benchmark: one artifact each, mixed
SQL / Python / shell / JSON / JavaScript, 5-400 lines (whole blocks), about one in ten
with a syntax error.
Deterministic for a given seed. Usage: gen_corpus.py OUT_DIR [N=10000] [SEED=1]"""
import os
import random
import sys


def sql(rng, lines, broken):
    out = []
    t = 0
    while len(out) + 9 <= lines or not out:
        t += 1
        out += [f"CREATE TABLE IF NOT EXISTS t{t} (",
                "    id BIGSERIAL PRIMARY KEY,",
                f"    owner_id BIGINT REFERENCES t{max(1, t - 1)}(id),",
                "    name TEXT NOT NULL,",
                "    created_at TIMESTAMPTZ DEFAULT now()",
                ");",
                f"CREATE INDEX t{t}_owner_idx ON t{t} (owner_id);",
                f"INSERT INTO t{t} (name) VALUES ('row {t}');",
                f"SELECT id, name FROM t{t} WHERE owner_id = {t} ORDER BY created_at;"]
    if broken:
        out[min(1, len(out) - 1)] = "    id BIGSERIAL PRIMARY KEY"  # missing comma
    return out


def python(rng, lines, broken):
    out = ["import os", "import sys", ""]
    f = 0
    while len(out) + 8 <= lines or f == 0:
        f += 1
        out += [f"def step_{f}(items, limit={f}):",
                f"    \"\"\"Step {f}.\"\"\"",
                "    total = 0",
                "    for item in items:",
                "        if item > limit:",
                "            total += item",
                "    return total", ""]
    if broken:
        for i, line in enumerate(out):
            if line.startswith("def "):
                out[i] = line.rstrip(":")
                break
        else:
            out[-1] = "x = ("
    return out


def bash(rng, lines, broken):
    out = ["#!/usr/bin/env bash", "set -euo pipefail"]
    f = 0
    while len(out) + 7 <= lines or f == 0:
        f += 1
        out += [f"task_{f}() {{",
                f"  for x in \"$@\"; do",
                f"    if [ -f \"$x\" ]; then",
                f"      echo \"task {f}: $x\"",
                "    fi",
                "  done",
                "}"]
    if broken:
        out.append("if true; then")
    return out


def json_(rng, lines, broken):
    inner = max(1, lines - 2)
    out = ["{"]
    for i in range(inner):
        comma = "," if i < inner - 1 or broken else ""
        out.append(f"  \"key_{i}\": {{\"n\": {i}, \"ok\": true, \"tags\": [\"a\", \"b\"]}}{comma}")
    out.append("}")
    return out


def javascript(rng, lines, broken):
    out = ["'use strict';", "const path = require('path');", ""]
    f = 0
    while len(out) + 8 <= lines or f == 0:
        f += 1
        out += [f"function step{f}(items) {{",
                "  let total = 0;",
                "  for (const item of items) {",
                f"    if (item > {f}) total += item;",
                "  }",
                "  return total;",
                "}",
                f"module.exports.step{f} = step{f};"]
    if broken:
        out.append("function broken( {")
    return out


KINDS = [("sql", sql), ("py", python), ("sh", bash), ("json", json_), ("js", javascript)]


def report(rng, n):
    ext, gen = KINDS[n % len(KINDS)]
    lines = rng.randint(5, 400)
    body = gen(rng, lines, rng.random() < 0.1)
    # A unique first line: every artifact has its own hash, as in real queues (the cache
    # must not make the cold run look faster than it is).
    tag = f"build {n} {rng.getrandbits(64):016x}"
    if ext == "json":
        body.insert(1, f"  \"build\": \"{tag}\",")
    else:
        body.insert(1 if ext in ("sh", "js") else 0,
                    {"sql": "-- ", "py": "# ", "sh": "# ", "js": "// "}[ext] + tag)
    uid = f"{n:08x}-0000-4000-8000-{rng.getrandbits(48):012x}"
    return "\n".join([
        "# FSAR Proposal Report",
        f"- id: fsar_{uid}",
        "- timestamp: 2026-01-02T19:12:25.611Z",
        f"- severity: {rng.randint(0, 10)}",
        "- block_execution: false",
        "- proposal:",
        "",
        f"idea_implementation: Create or update the file gen/file_{n}.{ext} with this "
        "complete content:",
        "",
        *body,
        "",
        "This is for opportunity: Benchmark",
        "Make sure the file is complete, working, and production-ready.",
        "",
        "## Risks",
        "- none",
        "",
        "## Mitigations",
        "- none",
        ""])


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        with open(os.path.join(out, f"report_{i:05d}.txt"), "w", encoding="utf-8") as f:
            f.write(report(rng, i))


if __name__ == "__main__":
    main()
