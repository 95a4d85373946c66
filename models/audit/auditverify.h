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
    // The bytes are not what export writes (BOM, NUL, another line end, a duplicate key...),
    // as opposed to a broken hash chain; both fail verification.
    bool altered = false;
};

// Checks an exported audit log (CSV or JSONL, told apart by the first line). The file must
// be byte for byte what AuditExport writes: each record read is written again with the
// exporter's own encoder and compared with the bytes read (so a byte order mark, another
// line end, a blank line, a NUL, a duplicate or reordered key, an escape or a space export
// would not write, invalid UTF-8 all fail). Every hash is recomputed from the text as
// written, every prev_hash must equal the previous event's hash and seq must grow by
// exactly 1. A full export must start at seq 1 with the genesis
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
