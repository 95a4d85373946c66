// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/auditevent.h"
#include "domain/decision.h"
#include "domain/proposal.h"
#include "domain/result.h"
#include "store/store.h"

#include <QString>

#include <optional>

namespace verdict {

// The domain rules of a store, written once: both stores call these and keep only their
// SQL. (The team server repeats the import and decision event wording in its functions,
// postgresmigrations.cpp, because it seals events itself; the contract test holds the two
// to the same events.)
namespace StoreRules {

// Error codes the stores use for a refused request and for something that does not exist.
QString invalidCode();  // "invalid"
QString notFoundCode(); // "not-found"

// A decision request as a store may take it, checked before anything is read: a
// reviewer (returned trimmed), a reason for reject and changes, no NUL character in the
// reviewer, the reason or the proposal id (PostgreSQL text cannot hold one, and an
// unsyncable decision must not enter a laptop's outbox).
Result<DecisionRequest> validate(const DecisionRequest &request);

// The revision a request means (0 = the latest, `latest`), or a not-found error. `latest`
// 0 means the proposal does not exist.
Result<int> resolveRevision(const QString &proposalId, int requested, int latest);

// A retraction takes back the reviewer's standing decision on that revision: refused when
// there is none (no earlier decision, or the latest one is itself a retraction).
// `previousVerdict` is the verdict id of the reviewer's latest decision there, "" if none.
std::optional<Error> refuseRetract(const DecisionRequest &request, int revision,
                                   const QString &previousVerdict);

// The decision a validated request records: a new uuid, on `revision`, superseding the
// reviewer's latest decision there (`supersedes`, "" if none), made at `at`.
Decision newDecision(const DecisionRequest &request, int revision, const QString &supersedes,
                     const QDateTime &at);

// An import refuses a report it could not identify: "FILE:LINE: proposal without an id not
// stored" for ImportSummary::fileErrors; nullopt when the proposal may be stored.
std::optional<QString> refuseProposal(const Proposal &proposal);
// What refuseProposal says after "FILE:LINE: ".
QString noIdMessage(); // "proposal without an id not stored"

// The audit event of an import that stored revision `revision` of proposal `id`.
AuditEvent importEvent(const QString &id, int revision, const Proposal &proposal,
                       const QString &sha256, const QString &actor);

// The "quorum" setting's value as status derivation uses it: a whole number >= 1, else 1.
int quorumFrom(const QString &value);

// Decision rows are listed (decisions(), allDecisions()) by decision time, then in the
// order they were recorded: ORDER BY decided_at, seq in both schemas. The SQL keeps it as a
// literal (SQLite's statement cache is keyed by the literal); storecontract_test holds
// both stores to it.

// Adds `part` to `total` (the default Store::importStream sums its chunks this way).
void addTo(ImportSummary &total, const ImportSummary &part);

} // namespace StoreRules

} // namespace verdict
