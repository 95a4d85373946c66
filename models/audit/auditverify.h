// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/auditexport.h"

#include <QByteArray>
#include <QString>

namespace verdict {

// What verifying an export found.
struct AuditVerifyReport
{
    bool ok = false;
    AuditFormat format = AuditFormat::Csv;
    int events = 0;
    qint64 firstSeq = 0;
    QString head;    // hash of the last event (genesis when there is none)
    int line = 0;    // 1-based file line where the chain breaks (0 when ok)
    QString message; // why it breaks
};

// Checks an exported audit log (CSV or JSONL, told apart by the first line): every hash is
// recomputed from the text as written, every prev_hash must equal the previous event's hash
// and seq must grow by exactly 1. A full export must start at seq 1 with the genesis
// prev_hash, so removing the first event is caught; `partial` accepts an export made with
// --since, whose first prev_hash is then trusted. Removing the last events cannot be seen
// from the file alone: pass the head hash kept from the export as `expectedHead`.
class AuditVerify final
{
public:
    static AuditVerifyReport verify(const QByteArray &data, const QString &expectedHead = {},
                                    bool partial = false);
};

} // namespace verdict
