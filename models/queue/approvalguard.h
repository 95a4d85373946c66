// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/targetwriters.h"
#include "store/store.h"

#include <QHash>
#include <QStringList>

#include <vector>

namespace verdict {

// When approving takes a deliberate second step: the proposal has an error diagnostic (or
// its diagnostics are not known yet), blocks execution, is at or above a severity, or
// writes a file another pending or approved proposal also writes. The thresholds are team
// settings in the database, so a lead sets them for everyone.
class ApprovalGuard final
{
public:
    enum Rule {
        Errors = 1,       // an error diagnostic, or diagnostics not finished
        Blocking = 2,     // block_execution: true
        SharedTarget = 4, // a target another pending/approved proposal writes
        AllRules = Errors | Blocking | SharedTarget,
    };
    static constexpr int kDefaultSeverity = 8;
    static const QString kSeverityKey; // "guard_severity": 0 turns the severity rule off
    static const QString kRulesKey;    // "guard_rules": "errors,blocking,shared-target"

    explicit ApprovalGuard(int severityThreshold = kDefaultSeverity, int rules = AllRules)
        : m_severity(severityThreshold), m_rules(rules)
    {
    }
    // The thresholds the team set in `store` (the defaults when unset or unreadable).
    static ApprovalGuard fromStore(Store *store);
    int severityThreshold() const { return m_severity; }
    int rules() const { return m_rules; }
    static QString rulesText(int rules);
    static int rulesFromText(const QString &text);

    // Why approving `entry` needs a second look, one short sentence each; empty when not.
    // `writers`: who else writes its files (the queue model keeps it current).
    QStringList reasons(const QueueEntry &entry, const TargetWriters &writers) const;

private:
    int m_severity;
    int m_rules;
};

} // namespace verdict
