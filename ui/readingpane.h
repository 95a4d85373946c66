// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/store.h"

#include <QObject>

#include <functional>

namespace verdict {

class ActionRegistry;
class DiagnosticsCache;
class ProposalView;

// The proposal on the right: reads the current queue row's proposal and its decisions from
// the store, hands it the diagnostics known for it (or asks the engine), and owns the
// reading keys that work from the queue (F8, ] and [, Space, H, P pins the tab, Alt+Z
// wraps code lines, remembered in QSettings "code/wrap").
class ReadingPane final : public QObject
{
    Q_OBJECT

public:
    ReadingPane(ProposalView *view, Store *store, DiagnosticsCache *diagnostics,
                ActionRegistry *actions, QObject *parent = nullptr);
    ~ReadingPane() override;

    // Shows this revision of the proposal (nothing when `id` is empty); a no-op when it is
    // the one shown already.
    void show(const QString &id, int revision);
    // The next show() reads the proposal again even when it is the one shown.
    void forget() { m_shownId.clear(); }
    QString shownId() const { return m_shownId; }

    // A decision was recorded: the shown proposal's status and history follow.
    void applyDecided(const Decision &decision, Status status);

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);
    void proposalShown(const QString &proposalId);

private:
    // What the pane shows of one proposal revision.
    struct Loaded
    {
        Result<StoredProposal> proposal;
        std::vector<Decision> decisions;
    };

    // Store access (the results are applied by the functions below).
    Loaded loadProposal(const QString &id, int revision) const;
    std::vector<Decision> loadDecisions(const QString &id) const;
    // Reads other revisions of `id` when the history diff asks for them.
    std::function<Result<StoredProposal>(int)> revisionLoader(const QString &id) const;

    void applyProposal(const QString &id, int revision, const Loaded &loaded);
    void applyHistory(const StoredProposal &stored, const std::vector<Decision> &decisions);
    void applyDiagnostics(const QString &id, int revision,
                          const std::vector<Diagnostic> &diagnostics);
    void toggleHistory();

    ProposalView *m_view;
    Store *m_store;
    DiagnosticsCache *m_diagnostics;
    QString m_shownId;
};

} // namespace verdict
