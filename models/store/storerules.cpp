// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/storerules.h"

#include "audit/auditevents.h"

#include <QUuid>

#include <utility>

namespace verdict {

namespace StoreRules {

QString invalidCode()
{
    return QStringLiteral("invalid");
}

QString notFoundCode()
{
    return QStringLiteral("not-found");
}

Result<DecisionRequest> validate(const DecisionRequest &request)
{
    DecisionRequest out = request;
    out.reviewer = request.reviewer.trimmed();
    if (out.reviewer.isEmpty())
        return makeError(QStringLiteral("a decision needs a reviewer"), invalidCode());
    if ((request.verdict == Verdict::Reject || request.verdict == Verdict::Changes)
        && request.reason.trimmed().isEmpty()) {
        return makeError(QStringLiteral("%1 needs a reason").arg(verdictId(request.verdict)),
                         invalidCode());
    }
    // Named field by field, as PostgreSQL would refuse them.
    const QString owner = QStringLiteral("decision on ") + request.proposalId;
    const std::pair<QString, QString> fields[] = {{out.reviewer, QStringLiteral("reviewer")},
                                                  {request.reason, QStringLiteral("reason")},
                                                  {request.proposalId,
                                                   QStringLiteral("proposal id")}};
    for (const auto &[value, field] : fields) {
        if (value.contains(QChar(0))) {
            return makeError(QStringLiteral("%1: %2 contains a NUL character, which "
                                            "PostgreSQL text cannot store")
                                 .arg(owner, field),
                             invalidCode());
        }
    }
    return out;
}

Result<int> resolveRevision(const QString &proposalId, int requested, int latest)
{
    if (latest < 1)
        return makeError(QStringLiteral("no proposal with id %1").arg(proposalId),
                         notFoundCode());
    const int rev = requested == 0 ? latest : requested;
    if (rev < 1 || rev > latest) {
        return makeError(QStringLiteral("proposal %1 has no revision %2").arg(proposalId).arg(rev),
                         notFoundCode());
    }
    return rev;
}

std::optional<Error> refuseRetract(const DecisionRequest &request, int revision,
                                   const QString &previousVerdict)
{
    if (request.verdict != Verdict::Retract)
        return std::nullopt;
    if (!previousVerdict.isEmpty() && previousVerdict != verdictId(Verdict::Retract))
        return std::nullopt;
    return makeError(QStringLiteral("%1 has no decision by %2 to retract")
                         .arg(AuditEvents::subject(request.proposalId, revision),
                              request.reviewer.trimmed()),
                     invalidCode());
}

Decision newDecision(const DecisionRequest &request, int revision, const QString &supersedes,
                     const QDateTime &at)
{
    Decision d;
    d.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    d.proposalId = request.proposalId;
    d.revision = revision;
    d.verdict = request.verdict;
    d.reviewer = request.reviewer.trimmed();
    d.reason = request.reason;
    d.decidedAt = at;
    d.supersedes = supersedes;
    d.resolution = request.resolution;
    return d;
}

std::optional<QString> refuseProposal(const Proposal &proposal)
{
    if (!proposal.id.isEmpty())
        return std::nullopt;
    return QStringLiteral("%1:%2: ").arg(proposal.sourceFile).arg(proposal.sourceLine)
           + noIdMessage();
}

QString noIdMessage()
{
    return QStringLiteral("proposal without an id not stored");
}

AuditEvent importEvent(const QString &id, int revision, const Proposal &proposal,
                       const QString &sha256, const QString &actor)
{
    AuditEvent e;
    e.actor = actor;
    e.action = QStringLiteral("import");
    e.subject = AuditEvents::subject(id, revision);
    e.outcome = revision == 1 ? QStringLiteral("new") : QStringLiteral("revised");
    e.previous = revision == 1 ? QString() : AuditEvents::subject(id, revision - 1);
    e.detail = proposal.sourceFile + QLatin1Char(':') + QString::number(proposal.sourceLine)
               + QStringLiteral(" sha256 ") + sha256;
    return e;
}

int quorumFrom(const QString &value)
{
    bool ok = false;
    const int q = value.toInt(&ok);
    return ok && q >= 1 ? q : 1;
}

void addTo(ImportSummary &total, const ImportSummary &part)
{
    total.files += part.files;
    total.proposals += part.proposals;
    total.added += part.added;
    total.revised += part.revised;
    total.unchanged += part.unchanged;
    total.fileErrors += part.fileErrors;
    total.reportErrors += part.reportErrors;
}

} // namespace StoreRules

} // namespace verdict
