#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a synthetic corpus of FSAR reports for the import benchmark.

Unlike gen_corpus.py (one artifact, one report per file, for the diagnostics benchmark),
this corpus has the shapes an import meets: several reports per file (1-8, and now and then
a file of 40), 1-3 artifacts per proposal, some proposals without any (self_improvement
prose), about a third of the artifacts fenced, sizes from a few lines to a few hundred,
mixed SQL / Python / shell / JSON / JavaScript (the line generators of gen_corpus.py are
reused), a few CRLF files, BOMs and missing final newlines. Every artifact is unique (a
tag line), so nothing is deduplicated by accident. About 4 KB per report on average.
Deterministic for a given seed; files go in sub-folders of 1,000.

Usage: gen_reports.py OUT_DIR [REPORTS=10000] [SEED=1]
Prints one line: "<reports> reports in <files> files, <bytes> bytes".
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_corpus  # noqa: E402  (the diagnostics corpus' line generators)

COMMENT = {"sql": "-- ", "py": "# ", "sh": "# ", "js": "// "}
FENCE_TAG = {"sql": "sql", "py": "python", "sh": "bash", "json": "json", "js": "javascript"}
OPPORTUNITIES = ["Make.com Scenario Generation", "LifeOS Overlay Game Development",
                 "Billing Pipeline Hardening", "Onboarding Funnel Analytics"]
RISKS = ["- Slow failure: unnoticed degradation accumulating by 2028-01-02",
         "- Unintended consequence: incentives shift toward short-term metrics, "
         "long-term reliability decays",
         "- Incentive drift: stakeholders habituate to optimistic outputs, raising risk of "
         "silent defects"]
MITIGATIONS = ["- Add scheduled adversarial audits with hard pass/fail gates",
               "- Track leading indicators for drift and trust inflation; alert on trend change",
               "- Prefer reversible rollouts; keep rollback artifacts warm and tested"]
PROSE = ("To address the identified issues we focus on the schema, the ROI tracking and the "
         "payment flow. Each step is reversible and measured before and after.")

_bodies = {}


def body(rng, ext, lines, broken, tag):
    """Content lines of one artifact; the generated block is cached, the tag makes it unique."""
    key = (ext, lines, broken)
    if key not in _bodies:
        _bodies[key] = getattr(gen_corpus, {"sql": "sql", "py": "python", "sh": "bash",
                                            "json": "json_", "js": "javascript"}[ext])(
            rng, lines, broken)
    out = list(_bodies[key])
    if ext == "json":
        out.insert(1, f"  \"build\": \"{tag}\",")
    else:
        out.insert(1 if ext in ("sh", "js") else 0, COMMENT[ext] + tag)
    return out


def size(rng):
    r = rng.random()
    if r < 0.5:
        return rng.randint(8, 40)
    if r < 0.85:
        return rng.randint(40, 140)
    return rng.randint(120, 420)


def report(rng, n):
    uid = f"{n:08x}-0000-4000-8000-{rng.getrandbits(48):012x}"
    head = ["# FSAR Proposal Report",
            f"- id: fsar_{uid}",
            f"- timestamp: 2026-01-{1 + n % 28:02d}T19:12:25.611Z",
            f"- severity: {rng.randint(0, 10)}",
            f"- block_execution: {'true' if rng.random() < 0.05 else 'false'}",
            "- proposal:",
            ""]
    text = []
    if rng.random() < 0.15:
        text.append(f"self_improvement: {PROSE} (report {n})")
        text += ["", f"1. **Step {n}**: {PROSE}", "", f"2. **Check**: {PROSE}"]
    else:
        count = rng.choices([1, 2, 3], [60, 30, 10])[0]
        for k in range(count):
            ext, _ = gen_corpus.KINDS[rng.randrange(len(gen_corpus.KINDS))]
            path = f"gen/p{n}/file_{k}.{ext}"
            tag = f"build {n}.{k} {rng.getrandbits(64):016x}"
            content = body(rng, ext, size(rng), rng.random() < 0.1, tag)
            lead = "idea_implementation: " if k == 0 else ""
            if rng.random() < 0.3:
                text += [f"{lead}Create or update the file {path} with this complete content:",
                         "", "```" + FENCE_TAG[ext], *content, "```", ""]
            else:
                text += [f"{lead}Create or update the file {path} with this complete content:",
                         "", *content, ""]
        text += [f"This is for opportunity: {OPPORTUNITIES[n % len(OPPORTUNITIES)]}",
                 "Make sure the file is complete, working, and production-ready."]
    return "\n".join(head + text + ["", "## Risks", *RISKS, "", "## Mitigations",
                                    *MITIGATIONS])


def main():
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    n = 0
    files = 0
    written = 0
    while n < total:
        per_file = 40 if rng.random() < 0.01 else rng.choices(
            [1, 2, 3, 5, 8], [50, 20, 15, 10, 5])[0]
        per_file = min(per_file, total - n)
        text = "\n\n".join(report(rng, n + k) for k in range(per_file))
        n += per_file
        if rng.random() > 0.05:
            text += "\n"  # most files end with a newline
        if rng.random() < 0.05:
            text = text.replace("\n", "\r\n")
        data = text.encode("utf-8")
        if rng.random() < 0.02:
            data = b"\xef\xbb\xbf" + data
        folder = os.path.join(out, f"batch_{files // 1000:03d}")
        if files % 1000 == 0:
            os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"reports_{files:06d}.txt"), "wb") as f:
            f.write(data)
        files += 1
        written += len(data)
    print(f"{total} reports in {files} files, {written} bytes")


if __name__ == "__main__":
    main()
