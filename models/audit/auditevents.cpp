// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditevents.h"

#include <QStringList>

namespace verdict::AuditEvents {

QString subject(const QString &proposalId, int revision)
{
    return proposalId + QLatin1Char('@') + QString::number(revision);
}

AuditEvent forDecision(const Decision &d, const QString &previousVerdict)
{
    AuditEvent e;
    e.actor = d.reviewer;
    e.action = QStringLiteral("decision");
    e.subject = subject(d.proposalId, d.revision);
    e.outcome = verdictId(d.verdict);
    e.previous = previousVerdict;
    QStringList detail{QStringLiteral("decision ") + d.uuid};
    if (!d.supersedes.isEmpty())
        detail << QStringLiteral("supersedes ") + d.supersedes;
    if (!d.pushedBy.isEmpty())
        detail << QStringLiteral("synced, pushed by ") + d.pushedBy;
    if (d.resolution)
        detail << QStringLiteral("resolution");
    if (!d.reason.isEmpty())
        detail << QStringLiteral("reason: ") + d.reason;
    e.detail = detail.join(QLatin1String("; "));
    return e;
}

} // namespace verdict::AuditEvents
