// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importtask.h"
#include "store/store.h"

#include <QFuture>
#include <QHash>
#include <QMainWindow>

#include <memory>
#include <vector>

class QAction;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace verdict {

class DecisionController;
class DiagnosticsEngine;
class ProposalView;
class QueueModel;
class ReasonBar;

// The review workstation: the queue on the left, the selected proposal on the right,
// keyboard first (J/K move, A approves, R rejects, C asks for changes).
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(std::unique_ptr<Store> store, const QString &reviewer,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    Store *store() const { return m_store.get(); }
    QueueModel *queueModel() const { return m_queueModel; }
    QSortFilterProxyModel *queueProxy() const { return m_queueProxy; }
    QTableView *queueView() const { return m_queueView; }
    ProposalView *proposalView() const { return m_proposalView; }
    ReasonBar *reasonBar() const { return m_reasonBar; }
    DecisionController *decisions() const { return m_decisions; }

    QString currentProposalId() const;
    bool selectProposal(const QString &id);
    // Selects a row of the queue as shown (sorted); false when out of range.
    bool selectRow(int proxyRow);

    // Reads the queue from the store (a reset; used after imports, not after decisions).
    void reloadQueue();
    // Imports in the background with the window's store URL; the queue reloads when done.
    QFuture<ImportOutcome> importPaths(const QStringList &paths);
    bool isImporting() const { return m_importsRunning > 0; }

    // Runs the checkers in the background (cached in the store) and shows results as they
    // finish. Off by default so tests can feed diagnostics through setDiagnostics().
    void enableDiagnostics();
    DiagnosticsEngine *diagnosticsEngine() const { return m_engine; }
    // For batch rendering only (--screenshot): blocks until the queued checks are done.
    bool waitForDiagnostics(int msecs);

public Q_SLOTS:
    // Diagnostics as they finish (from the engine, or from tests). Kept per proposal.
    void setDiagnostics(const QString &proposalId, int revision,
                        const std::vector<verdict::Diagnostic> &diagnostics);
    void approveCurrent();
    void rejectCurrent();
    void requestChangesCurrent();
    void nextProposal();
    void previousProposal();
    void openReports();

Q_SIGNALS:
    void importFinished(const verdict::ImportOutcome &outcome);
    void decisionRecorded(const verdict::Decision &decision);
    void proposalShown(const QString &proposalId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void createActions();
    void createWidgets();
    void showCurrent();
    bool askReviewerName();
    void decide(Verdict verdict, const QString &proposalId, int revision, const QString &reason);
    void askReason(Verdict verdict);
    void selectNextPending(int fromProxyRow);
    void updateCounts();
    void diagnoseUncomputed();
    void showMessage(const QString &text, int timeoutMs = 8000);
    void applyDiagnosticCounts(const QString &id);
    int currentProxyRow() const;

    struct ProposalDiagnostics
    {
        int revision = 0;
        std::vector<Diagnostic> list;
    };

    std::unique_ptr<Store> m_store;
    QueueModel *m_queueModel = nullptr;
    QSortFilterProxyModel *m_queueProxy = nullptr;
    QTableView *m_queueView = nullptr;
    QStackedWidget *m_rightStack = nullptr;
    ProposalView *m_proposalView = nullptr;
    ReasonBar *m_reasonBar = nullptr;
    DecisionController *m_decisions = nullptr;
    DiagnosticsEngine *m_engine = nullptr;
    QSplitter *m_splitter = nullptr;
    QFuture<std::vector<StoredProposal>> m_loading;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_countsLabel = nullptr;
    QLabel *m_reviewerLabel = nullptr;
    QPushButton *m_approveButton = nullptr;
    QPushButton *m_rejectButton = nullptr;
    QPushButton *m_changesButton = nullptr;
    QHash<QString, ProposalDiagnostics> m_diagnostics;
    QString m_shownId;
    int m_importsRunning = 0;
    bool m_splitterPlaced = false;
};

} // namespace verdict
