#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes audit-golden.csv and audit-golden.jsonl from an implementation of the hash chain
# independent of Verdict's (rules in models/audit/hashchain.h), so auditverify_test checks
# both the verifier and that the canonical form never drifts. Run from this folder.
import hashlib
import json

def jstr(s):
    out = '"'
    for ch in s:
        o = ord(ch)
        if ch == '"': out += '\\"'
        elif ch == '\\': out += '\\\\'
        elif ch == '\b': out += '\\b'
        elif ch == '\f': out += '\\f'
        elif ch == '\n': out += '\\n'
        elif ch == '\r': out += '\\r'
        elif ch == '\t': out += '\\t'
        elif o < 0x20: out += '\\u%04x' % o
        else: out += ch
    return out + '"'

def csvf(s):
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s

events = [
    ["2026-01-02T19:12:25.611Z", "alice", "import", "fsar_a@1", "new", "",
     "reports/a.txt:1 sha256 " + "ab" * 32],
    ["2026-01-02T19:12:25.611Z", "alice", "import", "fsar_b@1", "new", "",
     "reports/b, with comma.txt:1 sha256 " + "cd" * 32],
    ["2026-01-02T19:20:00.000Z", "bob", "decision", "fsar_a@1", "approve", "",
     "decision 11111111-1111-4111-8111-111111111111"],
    ["2026-01-02T19:21:30.250Z", "bob", "decision", "fsar_a@1", "reject", "approve",
     "decision 22222222-2222-4222-8222-222222222222; supersedes "
     "11111111-1111-4111-8111-111111111111; reason: he said \"no\"\nsecond line\r\nthird"],
    ["2026-01-03T08:00:00.001Z", "carol", "decision", "fsar_b@1", "changes", "",
     "decision 33333333-3333-4333-8333-333333333333; reason: na\u00efve \u2192 fix, tab\there"],
    ["2026-01-03T09:00:00.000Z", "lead", "export", "stdout", "csv", "",
     "events 5; head (see file)"],
]

keys = ["seq", "at", "actor", "action", "subject", "outcome", "previous", "detail",
        "prev_hash", "hash"]
prev = "0" * 64
rows = []
for i, e in enumerate(events, 1):
    fields = [str(i)] + e
    canon = "[" + ",".join(jstr(f) for f in fields) + "]"
    h = hashlib.sha256((prev + canon).encode("utf-8")).hexdigest()
    rows.append(fields + [prev, h])
    prev = h

with open("audit-golden.csv", "w", encoding="utf-8", newline="") as f:
    f.write(",".join(keys) + "\r\n")
    for r in rows:
        f.write(",".join(csvf(x) for x in r) + "\r\n")
with open("audit-golden.jsonl", "w", encoding="utf-8", newline="") as f:
    for r in rows:
        obj = '{"seq":' + r[0] + "".join(',"%s":%s' % (k, jstr(v))
                                        for k, v in zip(keys[1:], r[1:])) + "}"
        json.loads(obj)
        f.write(obj + "\n")
print(prev)
