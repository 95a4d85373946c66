// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/auditevent.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace verdict {

// The audit log's SHA-256 hash chain, shared by the stores (which append events) and by
// export/verify (which recompute it from exported text). Times and JSON strings are
// written by domain/textform.h; this class only chains hashes.
//
// Canonical serialization of an event (UTF-8 bytes):
//   a JSON array of exactly 8 strings, in this order, with no whitespace:
//   [seq, at, actor, action, subject, outcome, previous, detail]
//   - seq is the decimal integer written as a string ("1", "2", ...);
//   - at is UTC with millisecond precision: "yyyy-MM-ddTHH:mm:ss.zzzZ";
//   - strings are escaped as JSON: '"' -> \", '\' -> \\, \b \f \n \r \t, other code points
//     below U+0020 as \u00XX (lower-case hex); everything else is written literally.
//   e.g. ["1","2026-01-02T19:12:25.611Z","alice","import","fsar_x@1","new","","a.txt:1"]
// hash = lower-case hex SHA-256 of (prevHash + canonical), prevHash being the previous
// event's hash as 64 ASCII hex digits; the first event's prevHash is 64 zeros.
// Because seq is hashed, reordering, removing or inserting an event breaks the chain.
class HashChain final
{
public:
    // 64 zeros: the prevHash of the first event.
    static QString genesis();

    // The 8 canonical fields of an event, as text.
    static QStringList fields(const AuditEvent &event);
    // Canonical bytes from the 8 fields as written (verify hashes exactly what it read).
    static QByteArray canonical(const QStringList &fields);
    static QByteArray canonical(const AuditEvent &event);

    static QString hash(const QString &prevHash, const QByteArray &canonical);
    // The hash `event` must carry, given its prevHash.
    static QString computeHash(const AuditEvent &event);
    // Sets event.prevHash and event.hash (seq and at must be set already).
    static void seal(AuditEvent &event, const QString &prevHash);

    // True for 64 lower-case hex digits.
    static bool isHash(const QString &text);
};

} // namespace verdict
