// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/auditevent.h"
#include "domain/result.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

class QIODevice;

namespace verdict {

enum class AuditFormat { Csv, Jsonl };

// Writes audit events for people and tools outside Verdict; AuditVerify checks the result.
// Both forms carry the keys seq,at,actor,action,subject,outcome,previous,detail,prev_hash,
// hash in that order, `at` as TextForm::formatTime() writes it.
// CSV: RFC 4180, a header row, CRLF record ends, fields holding a comma, quote, CR or LF
// quoted with inner quotes doubled. JSONL: one JSON object per line (LF), keys in order,
// seq a number, the rest strings.
class AuditExport final
{
public:
    // (events written, events in total); called after each block written and at the end.
    using Progress = std::function<void(qint64 done, qint64 total)>;

    static std::optional<AuditFormat> formatFromId(const QString &id); // "csv" "jsonl"
    static QString formatId(AuditFormat format);

    // Streams `events` to `out` (opened for writing). Returns the head hash: the hash of
    // the last event written, HashChain::genesis() when there is none.
    static Result<QString> write(QIODevice &out, const std::vector<AuditEvent> &events,
                                 AuditFormat format, const Progress &progress = {});

    // One event exactly as write() puts it in the file, its line end included (CRLF for
    // CSV, LF for JSONL). The one encoder of both forms: write() uses it, and AuditVerify
    // re-encodes every record it reads with it and compares bytes.
    static void appendRecord(QByteArray &out, const AuditEvent &event, AuditFormat format);

    // One record without its line end (exposed for tests and tools).
    static QByteArray csvRecord(const QStringList &fields);
    static QByteArray jsonlRecord(const AuditEvent &event);
    static QByteArray csvHeader();
};

} // namespace verdict
