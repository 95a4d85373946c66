// SPDX-License-Identifier: GPL-3.0-or-later
#include "storejobs.h"

#include "domain/status.h"

namespace verdict::StoreJobs {

ProposalPage loadProposal(Store &store, const QString &id, int revision)
{
    ProposalPage page;
    page.id = id;
    page.revision = revision;
    auto stored = store.proposal(id, revision);
    if (!stored) {
        page.error = stored.errorMessage();
        return page;
    }
    page.stored = std::move(stored).value();
    if (auto history = store.decisions(id))
        page.history = std::move(history).value();
    const int latest = page.stored->latestRevision;
    for (int r = latest; r >= 1 && r > latest - kRevisionsLoaded; --r) {
        if (r == page.stored->revision)
            continue;
        if (auto other = store.proposal(id, r))
            page.otherRevisions.push_back(std::move(other).value());
    }
    return page;
}

bool stands(const std::vector<Decision> &all, const QString &reviewer, int revision,
            Verdict verdict, const QString &reason)
{
    const Decision *mine = nullptr;
    for (const Decision &d : all) {
        if (d.revision == revision && d.reviewer == reviewer)
            mine = &d; // in decision order: the last one stands
    }
    return mine && !mine->resolution && mine->verdict == verdict
           && mine->reason.trimmed() == reason.trimmed();
}

namespace {

Status statusAfter(Store &store, const Decision &decision)
{
    // The store derives the status (quorum, other reviewers); read back just this proposal.
    if (auto stored = store.proposal(decision.proposalId, decision.revision))
        return stored->status;
    std::vector<Decision> same;
    if (auto all = store.decisions(decision.proposalId)) {
        for (const Decision &d : all.value()) {
            if (d.revision == decision.revision)
                same.push_back(d);
        }
    }
    return deriveStatus(same);
}

} // namespace

std::vector<DecisionOutcome> decide(Store &store, const DecisionBatch &batch)
{
    std::vector<DecisionOutcome> out;
    out.reserve(batch.items.size());
    for (const DecisionItem &item : batch.items) {
        DecisionOutcome o;
        o.id = item.id;
        o.revision = item.revision;
        if (item.mayStand && !batch.resolution && batch.verdict != Verdict::Retract) {
            if (auto all = store.decisions(item.id);
                all && stands(*all, batch.reviewer, item.revision, batch.verdict, batch.reason)) {
                o.unchanged = true;
                out.push_back(std::move(o));
                continue;
            }
        }
        DecisionRequest request;
        request.proposalId = item.id;
        request.revision = item.revision;
        request.verdict = batch.verdict;
        request.reviewer = batch.reviewer;
        request.reason = batch.reason;
        request.resolution = batch.resolution;
        auto decision = store.decide(request);
        if (decision) {
            o.status = statusAfter(store, *decision);
            o.decision = std::move(decision).value();
        } else {
            o.error = decision.error();
        }
        out.push_back(std::move(o));
    }
    return out;
}

std::optional<Decision> lastStanding(Store &store, const QString &reviewer,
                                     const QHash<QString, int> &shownRevisions)
{
    if (reviewer.isEmpty())
        return std::nullopt;
    auto all = store.allDecisions();
    if (!all)
        return std::nullopt;
    // My latest word per proposal, oldest first; the newest that is not a retraction and
    // is on the revision the queue shows (a decision on an older revision no longer counts).
    QHash<QString, int> latest; // proposal id -> index in *all
    for (int i = 0; i < int(all->size()); ++i) {
        if ((*all)[size_t(i)].reviewer == reviewer)
            latest.insert((*all)[size_t(i)].proposalId, i);
    }
    int best = -1;
    for (auto it = latest.cbegin(); it != latest.cend(); ++it) {
        const Decision &d = (*all)[size_t(it.value())];
        const auto shown = shownRevisions.constFind(d.proposalId);
        if (d.verdict != Verdict::Retract && shown != shownRevisions.cend()
            && *shown == d.revision)
            best = std::max(best, it.value());
    }
    if (best < 0)
        return std::nullopt;
    return (*all)[size_t(best)];
}

} // namespace verdict::StoreJobs
