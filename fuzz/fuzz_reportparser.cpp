// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: ReportParser::parse on arbitrary bytes must not crash, hang or leak,
// and what it returns must satisfy the format's invariants.
#include "report/reportparser.h"

#include <QByteArray>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), int(size));
    const verdict::ParsedFile parsed =
        verdict::ReportParser::parse(bytes, QStringLiteral("fuzz.txt"));
    for (const verdict::Proposal &p : parsed.proposals) {
        if (p.sourceLine < 1 || p.endLine < p.sourceLine)
            std::abort();
        for (const verdict::Artifact &a : p.artifacts) {
            if (a.firstLine < 1 || a.lastLine > p.endLine)
                std::abort();
        }
    }
    return 0;
}
