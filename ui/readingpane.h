// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storejobs.h"

#include <QObject>

#include <functional>
#include <memory>

namespace verdict {

class ActionRegistry;
class DiagnosticsCache;
class ProposalView;
class StoreWorker;

// The proposal on the right: reads the current queue row's proposal and its decisions from
// the store, hands it the diagnostics known for it (or asks the engine), and owns the
// reading keys that work from the queue (F8, ] and [, Space, H, P pins the tab, Alt+Z
// wraps code lines, remembered in QSettings "code/wrap").
class ReadingPane final : public QObject
{
    Q_OBJECT

public:
    ReadingPane(ProposalView *view, StoreWorker *worker, DiagnosticsCache *diagnostics,
                ActionRegistry *actions, QObject *parent = nullptr);
    ~ReadingPane() override;

    // Shows this revision of the proposal (nothing when `id` is empty); a no-op when it is
    // the one shown already.
    void show(const QString &id, int revision);
    // The next show() reads the proposal again even when it is the one shown.
    void forget()
    {
        m_shownId.clear();
        m_wantedId.clear();
    }
    QString shownId() const { return m_shownId; }

    // Counts the queue's risks and mitigations again (on the store's background connection)
    // and marks the generic ones: after the queue changed.
    void refreshBoilerplate();

    // A decision was recorded: the shown proposal's status and history follow.
    void applyDecided(const Decision &decision, Status status);

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);
    void proposalShown(const QString &proposalId);

private:
    void applyProposal(const StoreJobs::ProposalPage &page);
    // `others`: the other revisions read with it (the history tab's diff).
    void applyHistory(const StoredProposal &stored, const std::vector<Decision> &decisions,
                      std::shared_ptr<const std::vector<StoredProposal>> others);
    void applyDiagnostics(const QString &id, int revision,
                          const std::vector<Diagnostic> &diagnostics);
    void toggleHistory();

    ProposalView *m_view;
    StoreWorker *m_worker;
    DiagnosticsCache *m_diagnostics;
    QString m_shownId;
    // The proposal asked for last: an answer for another one (the reviewer moved on) is
    // dropped.
    QString m_wantedId;
    int m_wantedRevision = 0;
    std::shared_ptr<const std::vector<StoredProposal>> m_otherRevisions;
};

} // namespace verdict
