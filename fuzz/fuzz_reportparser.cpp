// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: ReportParser::parse on arbitrary bytes must not crash, hang or leak,
// and what it returns must satisfy the format's invariants.
#include "audit/hashchain.h"
#include "report/reportparser.h"

#include <QByteArray>
#include <QStringList>

#include <cstdint>
#include <cstdlib>

namespace {

// ["text"] escaped byte by byte, as HashChain documents it.
QByteArray referenceJson(const QString &text)
{
    static const char hex[] = "0123456789abcdef";
    QByteArray out("[\"");
    for (const char c : text.toUtf8()) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"')
            out += "\\\"";
        else if (c == '\\')
            out += "\\\\";
        else if (c == '\b')
            out += "\\b";
        else if (c == '\f')
            out += "\\f";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else if (u < 0x20)
            out += QByteArray("\\u00") + hex[u >> 4] + hex[u & 0xf];
        else
            out += c;
    }
    out += "\"]";
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), int(size));
    const verdict::ParsedFile parsed =
        verdict::ReportParser::parse(bytes, QStringLiteral("fuzz.txt"));
    for (const verdict::Proposal &p : parsed.proposals) {
        if (p.sourceLine < 1 || p.endLine < p.sourceLine)
            std::abort();
        // The bytes handed to the store for the body are the body, when present.
        if (!p.bodyUtf8.isEmpty() && p.bodyUtf8 != p.body.toUtf8())
            std::abort();
        // The JSON writer's fast paths (eight bytes at a time, short ASCII from UTF-16)
        // escape exactly what a plain byte loop does (the audit hashes depend on it).
        for (const QString &text : {p.body, p.id, p.risks.value(0)}) {
            if (verdict::HashChain::canonical(QStringList{text}) != referenceJson(text))
                std::abort();
        }
        for (const verdict::Artifact &a : p.artifacts) {
            if (a.firstLine < 1 || a.lastLine > p.endLine)
                std::abort();
        }
    }
    return 0;
}
