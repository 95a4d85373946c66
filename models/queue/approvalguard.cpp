// SPDX-License-Identifier: GPL-3.0-or-later
#include "approvalguard.h"

#include <QCoreApplication>

namespace verdict {

const QString ApprovalGuard::kSeverityKey = QStringLiteral("guard_severity");
const QString ApprovalGuard::kRulesKey = QStringLiteral("guard_rules");

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("verdict::ApprovalGuard", text, disambiguation, n);
}

} // namespace

ApprovalGuard ApprovalGuard::fromStore(Store *store)
{
    if (!store)
        return ApprovalGuard();
    const auto value = store->setting(kSeverityKey);
    bool ok = false;
    const int severity = value ? value->trimmed().toInt(&ok) : 0;
    const auto rules = store->setting(kRulesKey);
    // Unset (or unreadable) means every rule: a gate fails closed.
    return ApprovalGuard(ok && severity >= 0 ? severity : kDefaultSeverity,
                         rules && !rules->trimmed().isEmpty() ? rulesFromText(*rules)
                                                              : int(AllRules));
}

QString ApprovalGuard::rulesText(int rules)
{
    QStringList names;
    if (rules & Errors)
        names << QStringLiteral("errors");
    if (rules & Blocking)
        names << QStringLiteral("blocking");
    if (rules & SharedTarget)
        names << QStringLiteral("shared-target");
    return names.isEmpty() ? QStringLiteral("none") : names.join(QLatin1Char(','));
}

int ApprovalGuard::rulesFromText(const QString &text)
{
    int rules = 0;
    const QStringList names = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &raw : names) {
        const QString name = raw.trimmed();
        if (name == QLatin1String("errors"))
            rules |= Errors;
        else if (name == QLatin1String("blocking"))
            rules |= Blocking;
        else if (name == QLatin1String("shared-target"))
            rules |= SharedTarget;
        else if (name != QLatin1String("none"))
            return AllRules; // a word we do not know: keep the gate closed
    }
    return rules;
}

QStringList ApprovalGuard::reasons(const QueueEntry &entry, const TargetWriters &writers) const
{
    QStringList why;
    if ((m_rules & Errors) && entry.errors > 0)
        why << (entry.errors == 1 ? tr("1 error diagnostic")
                                  : tr("%1 error diagnostics").arg(entry.errors));
    else if ((m_rules & Errors) && entry.errors < 0 && !entry.targets.isEmpty())
        why << tr("diagnostics not finished yet");
    if ((m_rules & Blocking) && entry.blockExecution.value_or(false))
        why << tr("asks to block execution");
    if (m_severity > 0 && entry.severity && *entry.severity >= m_severity)
        why << tr("severity %1 (the team's threshold is %2)")
                   .arg(*entry.severity)
                   .arg(m_severity);
    const int count = (m_rules & SharedTarget) ? writers.othersCount(entry) : 0;
    if (count > 0) {
        QString first = writers.others(entry, 1).value(0);
        if (first.size() > 60)
            first = first.left(59) + QChar(0x2026);
        why << (count == 1 ? tr("writes a file that %1 also writes").arg(first)
                           : tr("writes a file that %n other proposals also write (%1, …)",
                                nullptr, count)
                                 .arg(first));
    }
    return why;
}

} // namespace verdict
