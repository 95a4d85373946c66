// SPDX-License-Identifier: GPL-3.0-or-later
// Store's non-virtual helpers and the defaults both stores may keep.
#include "store/store.h"

#include "audit/auditexport.h"
#include "store/storerules.h"

namespace verdict {

Result<ImportSummary> Store::importStream(const ParsedFileSource &next, const QString &actor)
{
    ImportSummary total;
    std::vector<ParsedFile> chunk;
    for (;;) {
        chunk.clear();
        const Result<bool> more = next(chunk);
        if (!more)
            return more.error();
        if (!*more)
            return total;
        const Result<ImportSummary> part = importFiles(chunk, actor);
        if (!part)
            return part.error();
        StoreRules::addTo(total, *part);
    }
}

Result<int> Store::quorum()
{
    const Result<QString> value = setting(QStringLiteral("quorum"));
    if (!value)
        return value.error();
    return StoreRules::quorumFrom(*value);
}

Result<QString> Store::exportAuditCsv(QIODevice &out, const QDateTime &since)
{
    const auto events = auditEvents(since);
    if (!events)
        return events.error();
    return AuditExport::write(out, *events, AuditFormat::Csv);
}

Result<StoreStatistics> Store::statistics()
{
    StoreStatistics s;
    auto entries = queue();
    if (!entries)
        return entries.error();
    s.queue = std::move(entries).value();
    auto decided = allDecisions();
    if (!decided)
        return decided.error();
    s.decisions = std::move(decided).value();
    auto q = quorum();
    if (!q)
        return q.error();
    s.quorum = *q;
    return s;
}

} // namespace verdict
