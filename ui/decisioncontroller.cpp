// SPDX-License-Identifier: GPL-3.0-or-later
#include "decisioncontroller.h"

#include "domain/status.h"

#include <QSettings>


namespace verdict {

DecisionController::DecisionController(Store *store, const QString &reviewer, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_reviewer(reviewer)
{
}

DecisionController::~DecisionController() = default;

Result<Decision> DecisionController::decide(const QString &proposalId, int revision,
                                            Verdict verdict, const QString &reason)
{
    return record(proposalId, revision, verdict, reason, false);
}

Result<Decision> DecisionController::resolve(const QString &proposalId, int revision,
                                             Verdict verdict, const QString &reason)
{
    if (verdict == Verdict::Retract)
        return makeError(tr("A conflict is resolved by approving, rejecting or asking for "
                            "changes."));
    return record(proposalId, revision, verdict, reason, true);
}

bool DecisionController::isPermissionError(const Error &error)
{
    // SQLSTATE 42501 insufficient_privilege: the server's trigger for non-leads.
    return error.code == QLatin1String("42501");
}

Result<Decision> DecisionController::record(const QString &proposalId, int revision,
                                            Verdict verdict, const QString &reason,
                                            bool resolution)
{
    if (!m_store)
        return makeError(tr("No database is open."));
    if (m_reviewer.trimmed().isEmpty())
        return makeError(tr("No reviewer name: set VERDICT_REVIEWER or the reviewer setting."));
    DecisionRequest request;
    request.proposalId = proposalId;
    request.revision = revision;
    request.verdict = verdict;
    request.reviewer = m_reviewer;
    request.reason = reason;
    request.resolution = resolution;
    auto recorded = write(m_store, request);
    if (!recorded)
        return recorded.error();
    Q_EMIT decided(recorded->decision, recorded->status);
    return recorded->decision;
}

Result<DecisionController::Recorded> DecisionController::write(Store *store,
                                                               const DecisionRequest &request)
{
    auto decision = store->decide(request);
    if (!decision)
        return decision.error();
    // The store derives the status (quorum, other reviewers); read back just this proposal.
    Status status = Status::Pending;
    auto stored = store->proposal(request.proposalId, decision->revision);
    if (stored) {
        status = stored->status;
    } else {
        std::vector<Decision> same;
        auto all = store->decisions(request.proposalId);
        if (all) {
            for (const Decision &d : all.value()) {
                if (d.revision == decision->revision)
                    same.push_back(d);
            }
        }
        status = deriveStatus(same);
    }
    return Recorded{decision.value(), status};
}

QString DecisionController::defaultReviewer()
{
    // The name set in Settings, else the same rule as verdict-cli.
    const QString configured = QSettings().value(QStringLiteral("reviewer")).toString().trimmed();
    return configured.isEmpty() ? systemUserName() : configured;
}

} // namespace verdict
