#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The yardstick for the import benchmark: a straightforward importer as one would write it
in an afternoon. Regular expressions, hashlib, the sqlite3 module, one transaction, WAL with
synchronous=NORMAL (as Verdict's import), the schema essentials (proposals + artifacts).
It does less than Verdict: no content-based language guess, no problems list, no
revisions, no audit chain, no line numbers beyond the report's.

Usage: naive_import.py DB PATH...   (files or folders, recursively, hidden ones skipped)
Prints one line: "<files> files, <proposals> proposals, <artifacts> artifacts".
"""
import hashlib
import os
import re
import sqlite3
import sys

HEADER = re.compile(r"^[ \t]*#[ \t]*FSAR Proposal Report[ \t]*$", re.M | re.I)
FIELD = re.compile(r"^[-*][ \t]+([A-Za-z_ ]+?)[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)
KIND = re.compile(r"^([a-z_][a-z0-9_]*):", re.M)
CREATE = re.compile(r"^.*?Create or update the file[ \t]+(\S+?)[ \t]+with this complete "
                    r"content:?[ \t]*$", re.M | re.I)
STOP = re.compile(r"^(This is for opportunity|Make sure the file is complete).*$",
                  re.M | re.I)
OPPORTUNITY = re.compile(r"^This is for opportunity:[ \t]*(.*?)[ \t]*$", re.M | re.I)
SECTION = re.compile(r"^##[ \t]*(Risks|Mitigations)[ \t]*:?[ \t]*$", re.M | re.I)
ITEM = re.compile(r"^[ \t]*[-*][ \t]+(.*?)[ \t]*$", re.M)
FENCE = re.compile(r"\A\s*(```|~~~)([^\n]*)\n(.*?)\n[ \t]*\1[ \t]*(?:\n|\Z)", re.S)
EXT = {"sql": "sql", "py": "python", "sh": "bash", "bash": "bash", "json": "json",
       "js": "javascript", "ts": "typescript", "yml": "yaml", "yaml": "yaml", "toml": "toml",
       "html": "html", "css": "css", "md": "markdown", "c": "c", "h": "c", "cpp": "cpp",
       "go": "go", "rs": "rust", "java": "java"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS proposals (
    id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, source_file TEXT NOT NULL,
    source_line INTEGER NOT NULL, timestamp TEXT, severity INTEGER, block_execution INTEGER,
    kind TEXT, opportunity TEXT, body TEXT NOT NULL, risks TEXT NOT NULL,
    mitigations TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS artifacts (
    proposal_id TEXT NOT NULL REFERENCES proposals(id), idx INTEGER NOT NULL,
    path TEXT NOT NULL, language TEXT NOT NULL, fenced INTEGER NOT NULL,
    sha256 TEXT NOT NULL, content TEXT NOT NULL, PRIMARY KEY (proposal_id, idx));
"""


def files_of(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for n in sorted(names):
                    if not n.startswith("."):
                        yield os.path.join(root, n)
        else:
            yield p


def items(section):
    return "\n".join(ITEM.findall(section))


def parse_report(text, path, line):
    fields = {k.strip().lower().replace(" ", "_"): v for k, v in FIELD.findall(text[:2000])}
    body_at = text.find("- proposal:")
    body = text[body_at + len("- proposal:"):] if body_at >= 0 else ""
    sections = list(SECTION.finditer(body))
    risks = mitigations = ""
    if sections:
        tail = body[sections[0].start():]
        body = body[:sections[0].start()]
        parts = SECTION.split(tail)
        for name, part in zip(parts[1::2], parts[2::2]):
            if name.lower() == "risks":
                risks = items(part)
            else:
                mitigations = items(part)
    kind = KIND.search(body.lstrip())
    opportunity = OPPORTUNITY.search(body)
    artifacts = []
    creates = list(CREATE.finditer(body))
    for i, m in enumerate(creates):
        end = creates[i + 1].start() if i + 1 < len(creates) else len(body)
        chunk = body[m.end():end]
        stop = STOP.search(chunk)
        if stop:
            chunk = chunk[:stop.start()]
        fence = FENCE.match(chunk)
        content = fence.group(3) if fence else chunk.strip("\n")
        ext = m.group(1).rsplit(".", 1)[-1].lower()
        artifacts.append((i, m.group(1), EXT.get(ext, "plaintext"), 1 if fence else 0,
                          hashlib.sha256(content.encode()).hexdigest(), content))
    try:
        severity = int(fields.get("severity", ""))
    except ValueError:
        severity = None
    block = fields.get("block_execution", "").lower()
    return ((fields.get("id") or "noid_" + hashlib.sha256(text.encode()).hexdigest()[:16],
             hashlib.sha256(text.rstrip().encode()).hexdigest(), path, line,
             fields.get("timestamp"), severity,
             1 if block == "true" else 0 if block == "false" else None,
             kind.group(1) if kind else None, opportunity.group(1) if opportunity else None,
             body.strip(), risks, mitigations), artifacts)


def main():
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.executescript(SCHEMA)
    nfiles = nproposals = nartifacts = 0
    db.execute("BEGIN")
    for path in files_of(sys.argv[2:]):
        nfiles += 1
        with open(path, encoding="utf-8-sig", errors="replace", newline=None) as f:
            text = f.read()
        heads = [m.start() for m in HEADER.finditer(text)]
        line, counted = 1, 0
        for i, start in enumerate(heads):
            report = text[start:heads[i + 1] if i + 1 < len(heads) else len(text)]
            line += text.count("\n", counted, start)
            counted = start
            proposal, artifacts = parse_report(report, path, line)
            db.execute("INSERT OR REPLACE INTO proposals VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                       proposal)
            db.execute("DELETE FROM artifacts WHERE proposal_id = ?", (proposal[0],))
            db.executemany("INSERT INTO artifacts VALUES (?,?,?,?,?,?,?)",
                           [(proposal[0], *a) for a in artifacts])
            nproposals += 1
            nartifacts += len(artifacts)
    db.execute("COMMIT")
    db.close()
    print(f"{nfiles} files, {nproposals} proposals, {nartifacts} artifacts")


if __name__ == "__main__":
    main()
