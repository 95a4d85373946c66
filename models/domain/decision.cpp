// SPDX-License-Identifier: GPL-3.0-or-later
#include "decision.h"

#include <QCoreApplication>

#include <pwd.h>
#include <unistd.h>

namespace verdict {

QString systemUserName()
{
    for (const char *var : {"VERDICT_REVIEWER", "USER", "USERNAME", "LOGNAME"}) {
        const QString value = qEnvironmentVariable(var).trimmed();
        if (!value.isEmpty())
            return value;
    }
    if (const passwd *pw = getpwuid(getuid()); pw && pw->pw_name && *pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    return QStringLiteral("unknown");
}

QString verdictId(Verdict v)
{
    switch (v) {
    case Verdict::Approve: return QStringLiteral("approve");
    case Verdict::Reject: return QStringLiteral("reject");
    case Verdict::Changes: return QStringLiteral("changes");
    case Verdict::Retract: return QStringLiteral("retract");
    }
    return {};
}

std::optional<Verdict> verdictFromId(const QString &id)
{
    if (id == QLatin1String("approve"))
        return Verdict::Approve;
    if (id == QLatin1String("reject"))
        return Verdict::Reject;
    if (id == QLatin1String("changes"))
        return Verdict::Changes;
    if (id == QLatin1String("retract"))
        return Verdict::Retract;
    return std::nullopt;
}

QString statusId(Status s)
{
    switch (s) {
    case Status::Pending: return QStringLiteral("pending");
    case Status::Approved: return QStringLiteral("approved");
    case Status::Rejected: return QStringLiteral("rejected");
    case Status::Changes: return QStringLiteral("changes");
    case Status::Conflict: return QStringLiteral("conflict");
    }
    return {};
}

std::optional<Status> statusFromId(const QString &id)
{
    for (Status s : {Status::Pending, Status::Approved, Status::Rejected, Status::Changes,
                     Status::Conflict}) {
        if (statusId(s) == id)
            return s;
    }
    return std::nullopt;
}

QString statusLabel(Status s)
{
    switch (s) {
    case Status::Pending: return QCoreApplication::translate("verdict", "Pending");
    case Status::Approved: return QCoreApplication::translate("verdict", "Approved");
    case Status::Rejected: return QCoreApplication::translate("verdict", "Rejected");
    case Status::Changes: return QCoreApplication::translate("verdict", "Changes");
    case Status::Conflict: return QCoreApplication::translate("verdict", "Conflict");
    }
    return {};
}

} // namespace verdict
