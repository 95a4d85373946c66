// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace verdict {

// One entry of the tamper-evident audit log. `hash` = sha256 over the canonical form of
// the event including `prevHash` (see audit/hashchain.h).
struct AuditEvent
{
    qint64 seq = 0;      // global order (assigned by the store/server)
    QDateTime at;        // UTC
    QString actor;       // reviewer / user
    QString action;      // import, decision, supersede, resolve, export
    QString subject;     // proposal id (and revision) or file
    QString outcome;     // e.g. approve / reject / changes / imported
    QString previous;    // previous state, for changes
    QString detail;      // free text (reason, ...)
    QString prevHash;    // hex
    QString hash;        // hex
};

} // namespace verdict
