// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/store.h"

#include <QHash>

#include <optional>
#include <vector>

namespace verdict {

// What the window asks of the store, as jobs for the store thread (StoreWorker::post):
// plain functions of a Store and values, returning values, so no widget is ever touched
// off the GUI thread and each flow's store logic is written once.
namespace StoreJobs {

// A proposal as shown: the revision and its decision history.
struct ProposalPage
{
    QString id;
    int revision = 0;
    std::optional<StoredProposal> stored;
    QString error;
    std::vector<Decision> history;
    // The other revisions the history tab compares with, newest first (at most
    // kRevisionsLoaded, so a proposal revised a thousand times costs ten reads).
    std::vector<StoredProposal> otherRevisions;
};
constexpr int kRevisionsLoaded = 10;
ProposalPage loadProposal(Store &store, const QString &id, int revision);

// One proposal of a decision (a keystroke may decide many: a bulk decision).
struct DecisionItem
{
    QString id;
    int revision = 0;
    // The queue says this reviewer has a standing decision here: the store is asked which,
    // so the same verdict again records nothing (and an undecided proposal costs no query).
    bool mayStand = false;
};

struct DecisionOutcome
{
    QString id;
    int revision = 0;
    std::optional<Decision> decision; // recorded
    Status status = Status::Pending;  // the proposal's status after it
    bool unchanged = false;           // the same verdict already stood: nothing recorded
    Error error;                      // when neither
};

struct DecisionBatch
{
    std::vector<DecisionItem> items;
    Verdict verdict = Verdict::Approve;
    QString reason;
    QString reviewer;
    bool resolution = false;
};

// Records each decision (durable before the next), in order.
std::vector<DecisionOutcome> decide(Store &store, const DecisionBatch &batch);

// This reviewer's latest decision still standing on the revision the queue shows
// (`shownRevisions`: proposal id -> revision), for an undo across sessions.
std::optional<Decision> lastStanding(Store &store, const QString &reviewer,
                                     const QHash<QString, int> &shownRevisions);

// True when `all` (one proposal's decisions, in order) ends, for `reviewer` on `revision`,
// with the same verdict and reason.
bool stands(const std::vector<Decision> &all, const QString &reviewer, int revision,
            Verdict verdict, const QString &reason);

} // namespace StoreJobs
} // namespace verdict
