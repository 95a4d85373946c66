// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checkerset.h"
#include "domain/diagnostic.h"
#include "domain/proposal.h"
#include "store/store.h"

#include <QMetaType>
#include <QObject>

#include <memory>
#include <vector>

namespace verdict {

// Runs every check on a thread pool, never on the caller's thread, and reports each
// proposal as it finishes. Proposals are checked in small batches (one pool task each), so
// a linter that batches (ShellCheck) runs once over a batch's scripts. With a store URL,
// artifact results are cached in the store by artifact sha256 and checker version (a
// re-import or restart does not re-run them) and the per-proposal counts are written for
// the queue. Cross-proposal rules (target-conflict)
// see every proposal of a diagnose() call, plus the queue entries given with it.
class DiagnosticsEngine final : public QObject
{
    Q_OBJECT

public:
    explicit DiagnosticsEngine(QObject *parent = nullptr);
    ~DiagnosticsEngine() override; // cancels queued work and waits for running work

    // Empty (the default) = no cache, no counts written.
    void setStoreUrl(const QString &url);
    QString storeUrl() const;
    // Where python3 / node / bash are (tests); takes effect for work queued afterwards.
    void setTools(const CheckerTools &tools);
    void setMaxThreads(int threads);
    // Rules not reported (DisabledRules syntax), in addition to the store's team setting
    // `disabled_rules`, which is read again for each diagnose() call. Applies to work
    // queued afterwards. Disabled rules are left out of what is reported and counted; the
    // cache keeps every finding, so turning a rule back on needs no re-check.
    void setDisabledRules(const QString &rules);

    // Queues every proposal (revision 1).
    void diagnose(const std::vector<Proposal> &proposals);
    // Queues stored proposals; `queue` adds the targets of the rest of the queue to the
    // target-conflict rule (pass the whole queue when diagnosing only some proposals).
    void diagnose(const std::vector<StoredProposal> &proposals,
                  const std::vector<QueueEntry> &queue = {});

    // Drops work not started yet; running proposals finish but are not reported.
    void cancel();
    bool isBusy() const;
    bool waitForDone(int msecs = -1);

    // Synchronous, for `verdict-cli check`: all diagnostics of all proposals (artifact,
    // proposal and cross-proposal rules), sorted by file, line, column.
    static std::vector<Diagnostic> diagnoseAll(const std::vector<Proposal> &proposals,
                                               const QString &storeUrl = {},
                                               const CheckerTools &tools = {},
                                               const QString &disabledRules = {});

    // Every rule of one proposal, uncached, on the calling thread (tests, fuzzing).
    static std::vector<Diagnostic> diagnoseProposal(const Proposal &proposal,
                                                    CheckerSet &checkers);

    struct Shared; // implementation detail, shared with the pool's tasks

Q_SIGNALS:
    // From a pool thread: connect with a context object (queued into its thread).
    void proposalDiagnosed(const QString &proposalId, int revision,
                           const std::vector<verdict::Diagnostic> &diagnostics);
    // All queued work is done (or cancelled).
    void finished();

private:
    std::shared_ptr<Shared> d;
};

} // namespace verdict

Q_DECLARE_METATYPE(std::vector<verdict::Diagnostic>)
