// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/diagnostic.h"
#include "store/store.h"

#include <QFuture>
#include <QHash>
#include <QObject>

#include <optional>
#include <vector>

namespace verdict {

class StoreWorker;

class DiagnosticsEngine;
class QueueModel;

// The diagnostics of every proposal the window has heard about, per proposal and revision,
// and the engine that computes them in the background (results cached in the store). Puts
// the counts and rules in the queue's rows; the reading pane asks for the shown proposal's.
class DiagnosticsCache final : public QObject
{
    Q_OBJECT

public:
    // `storeUrl`: the engine and the loading of uncomputed proposals open their own store.
    // `worker` reads the proposals to check (on its background connection); the engine's
    // checkers cache their results through `storeUrl`.
    DiagnosticsCache(QueueModel *model, StoreWorker *worker, const QString &storeUrl,
                     QObject *parent = nullptr);
    ~DiagnosticsCache() override;

    // Starts the engine (off by default so tests can feed results through set()).
    void enable();
    DiagnosticsEngine *engine() const { return m_engine; }

    // Known diagnostics of this revision; empty when not computed yet.
    std::optional<std::vector<Diagnostic>> find(const QString &proposalId, int revision) const;
    // Asks the engine for this proposal's (cached results come back at once); no-op when
    // the engine is off.
    void request(const StoredProposal &proposal);
    // Every queue row without counts that is not known here is sent to the engine.
    void diagnoseUncomputed();
    // After the queue's rows were replaced: their counts again from what is known.
    void applyAllCounts();
    // After the team's `disabled_rules` changed (Settings): every proposal of the queue and
    // every one known here is checked again, which reads the setting anew; the artifacts'
    // findings come from the store's cache (it keeps every rule's), so this re-filters
    // rather than re-runs the checkers. The shown diagnostics, the queue's counts and the
    // stored counts follow as the answers come in. No-op when the engine is off.
    void reloadDisabledRules();
    // For batch rendering only (--screenshot): blocks until the queued checks are done.
    bool waitForDone(int msecs);

public Q_SLOTS:
    // Diagnostics as they finish (from the engine, or from tests).
    void set(const QString &proposalId, int revision,
             const std::vector<verdict::Diagnostic> &diagnostics);

Q_SIGNALS:
    void diagnosed(const QString &proposalId, int revision,
                   const std::vector<verdict::Diagnostic> &diagnostics);

private:
    // Store access, on a worker with its own store: the proposals behind these ids.
    static std::vector<StoredProposal> loadProposals(Store &store,
                                                     const QStringList &ids);
    void diagnoseLoaded(const std::vector<StoredProposal> &proposals);
    void applyCounts(const QString &id);

    struct Known
    {
        int revision = 0;
        std::vector<Diagnostic> list;
    };

    QueueModel *m_model;
    QString m_storeUrl;
    DiagnosticsEngine *m_engine = nullptr;
    QHash<QString, Known> m_known;
    QHash<QString, int> m_requested; // proposal id -> revision handed to the engine, not back yet
    StoreWorker *m_worker;
};

} // namespace verdict
