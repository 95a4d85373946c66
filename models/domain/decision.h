// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace verdict {

// Retract withdraws the reviewer's own earlier decision (undo); it is a decision too, so the
// audit trail keeps both.
enum class Verdict { Approve, Reject, Changes, Retract };

// The state of a proposal in the queue, derived from its decisions.
enum class Status { Pending, Approved, Rejected, Changes, Conflict };

QString verdictId(Verdict v); // "approve" "reject" "changes" "retract"
std::optional<Verdict> verdictFromId(const QString &id);
QString statusId(Status s);                         // "pending" "approved" ...
std::optional<Status> statusFromId(const QString &id);
QString statusLabel(Status s);                      // for people: "Pending", "Approved", ...

// A decision as stored. Decisions are never updated or deleted: a later one supersedes.
struct Decision
{
    QString uuid;        // RFC 4122, without braces
    QString proposalId;
    int revision = 1;    // the proposal revision it was made on
    Verdict verdict = Verdict::Approve;
    QString reviewer;
    QString reason;      // required for reject and changes
    QDateTime decidedAt; // UTC
    QString supersedes;  // uuid of the decision it replaces, empty if none
    QString pushedBy;    // the server's authenticated user, when synced (team store)
    bool resolution = false; // a lead's decision that resolves a conflict
};

// The name of whoever runs Verdict on this machine, for decisions and import events when no
// reviewer name was given: $VERDICT_REVIEWER, else $USER, $USERNAME, $LOGNAME, else the
// account's own name (services and containers often run without USER), else "unknown".
// The CLI and the GUI use this one rule.
QString systemUserName();

// Who a decision counts as, for quorum, disagreement and retraction: the server's
// authenticated login when the decision went through the team server (a reviewer name is
// only a claim: one login typing two names is still one person), else the reviewer name.
inline const QString &countedAs(const Decision &d)
{
    return d.pushedBy.isEmpty() ? d.reviewer : d.pushedBy;
}

} // namespace verdict
