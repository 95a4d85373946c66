// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importtask.h"
#include "queue/approvalguard.h"
#include "queueloader.h"
#include "store/store.h"

#include <QFuture>
#include <QHash>
#include <QSet>
#include <QMainWindow>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QAction;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace verdict {

class CheatSheet;
class DecisionController;
class WorkstationTools;
class FilterBar;
class FilterQuery;
class FolderWatcher;
class GuardBar;
class RecentDecisions;
class QueueFilterProxy;
class SavedViews;
class TextSearch;
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
    QSortFilterProxyModel *queueProxy() const;
    QueueFilterProxy *filterProxy() const { return m_queueProxy; }
    FilterBar *filterBar() const { return m_filterBar; }
    SavedViews *savedViews() const { return m_savedViews; }
    FolderWatcher *folderWatcher() const { return m_watcher; }
    CheatSheet *cheatSheet() const { return m_cheatSheet; }
    // Proposal ids of the selected rows, in queue order (the current one when alone).
    QStringList selectedProposalIds() const;
    QTableView *queueView() const { return m_queueView; }
    ProposalView *proposalView() const { return m_proposalView; }
    ReasonBar *reasonBar() const { return m_reasonBar; }
    DecisionController *decisions() const { return m_decisions; }
    // The whole-text search behind the filter's free words (runs off the GUI thread).
    TextSearch *textSearch() const { return m_textSearch; }

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
    // Settings, statistics, audit export, team sync (menus and status bar).
    WorkstationTools *tools() const { return m_tools; }
    // For batch rendering only (--screenshot): blocks until the queued checks are done.
    bool waitForDiagnostics(int msecs);

    // Remembers sort, filter, splitter sizes and the selected proposal in QSettings, and
    // restores them (the interactive app does; tests and screenshots choose).
    void restoreSession();
    void saveSession() const;
    // Watches these folders for new or changed reports (imported in the background);
    // stored in QSettings "watchFolders".
    void setWatchFolders(const QStringList &folders);
    // Bulk decisions ask "Approve 12 proposals?"; tests answer without a dialog.
    void setConfirmHandler(std::function<bool(const QString &question)> handler);
    // The team's reason presets (stored in the database's settings).
    QStringList reasonPresets() const;
    bool setReasonPresets(const QStringList &presets);

    // The name decisions are recorded under, everywhere at once: the decision controller,
    // "reviewer:me", "Decided by me", undo and the status bar.
    void setReviewer(const QString &name);

public Q_SLOTS:
    // Diagnostics as they finish (from the engine, or from tests). Kept per proposal.
    void setDiagnostics(const QString &proposalId, int revision,
                        const std::vector<verdict::Diagnostic> &diagnostics);
    void approveCurrent();
    void rejectCurrent();
    void requestChangesCurrent();
    // A lead settles the current proposal's conflict (approve at once; reject and changes
    // ask for a reason). Does nothing unless its status is Conflict.
    void resolveCurrent(verdict::Verdict verdict);
    void nextProposal();
    void previousProposal();
    void openReports();
    // Retracts this reviewer's last decision (or last bulk decision) of the session, else
    // their latest decision still standing in the store (an earlier session's): a new
    // superseding event, the proposal back to the queue and selected.
    void undoLast();
    void showCheatSheet();
    void focusFilter();
    void saveCurrentView();
    void editReasonPresets();
    void watchFolder();

Q_SIGNALS:
    void importFinished(const verdict::ImportOutcome &outcome);
    void decisionRecorded(const verdict::Decision &decision);
    void proposalShown(const QString &proposalId);
    void queueReloaded();

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void createWidgets();
    void showCurrent();
    bool askReviewerName();
    void updateDecisionButtons();
    void disarmGuard();
    void applyRiskStyle();
    void nextSharingTarget();
    void toggleDeferred();
    QString deferredKey() const;
    void loadDeferred();
    bool isMyStandingVerdict(const QString &id, int revision, Verdict verdict,
                             const QString &reason) const;
    void decide(Verdict verdict, const QString &proposalId, int revision, const QString &reason,
                bool resolution = false);
    void askReason(Verdict verdict);
    bool currentIsConflict() const;
    void updateResolveActions();
    void selectNextPending(int fromProxyRow);
    void updateCounts();
    void diagnoseUncomputed();
    void showMessage(const QString &text, int timeoutMs = 8000);
    // Puts a queue role's whole value (ids, opportunities, paths) of the selected rows on
    // the clipboard, one per line: the cells and labels show them cut.
    void copySelected(int role);
    void applyDiagnosticCounts(const QString &id);
    int currentProxyRow() const;
    void applySnapshot(QueueSnapshot snapshot);
    void updateEmptyStates();
    void showHistoryOf(const StoredProposal &stored);
    void decideMany(Verdict verdict, const QStringList &ids, const QString &reason,
                    bool resolution = false);
    QString nextPendingAfter(const QStringList &ids) const;
    bool confirm(const QString &question);
    void addShortcutTips();
    void searchText(const FilterQuery &query);
    void updateUndoAction();
    std::optional<Decision> lastStandingDecision() const;

    struct ProposalDiagnostics
    {
        int revision = 0;
        std::vector<Diagnostic> list;
    };

    std::unique_ptr<Store> m_store;
    QueueModel *m_queueModel = nullptr;
    QueueFilterProxy *m_queueProxy = nullptr;
    FilterBar *m_filterBar = nullptr;
    SavedViews *m_savedViews = nullptr;
    FolderWatcher *m_watcher = nullptr;
    CheatSheet *m_cheatSheet = nullptr;
    QStackedWidget *m_queueStack = nullptr;
    QLabel *m_noMatchLabel = nullptr;
    QAction *m_undoAction = nullptr;
    QList<QAction *> m_resolveActions; // enabled only on a proposal in conflict
    TextSearch *m_textSearch = nullptr;
    std::function<bool(const QString &)> m_confirm;
    // This session's own decisions, one group per keystroke (a bulk decision is one group).
    std::vector<std::vector<Decision>> m_undo;
    QStringList m_bulkIds; // the selection a bulk reject/changes reason is being asked for
    bool m_reloading = false;
    bool m_sessionRestored = false;
    QString m_restoreSelection;
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
    GuardBar *m_guardBar = nullptr;
    RecentDecisions *m_recent = nullptr;
    QAction *m_guardCancel = nullptr;
    QHash<QString, int> m_decidedToday;
    QSet<QString> m_deferred; // this reviewer's, see deferredKey() // reviewer -> decisions since local midnight
    ApprovalGuard m_guard; // the team's thresholds, read with the settings
    QPushButton *m_approveButton = nullptr;
    QPushButton *m_rejectButton = nullptr;
    QPushButton *m_changesButton = nullptr;
    QHash<QString, ProposalDiagnostics> m_diagnostics;
    QString m_shownId;
    int m_importsRunning = 0;
    bool m_splitterPlaced = false;
    bool m_columnsFitted = true;  // queue columns follow the pane's width (until dragged)
    bool m_fittingColumns = false;
    WorkstationTools *m_tools = nullptr;
};

} // namespace verdict
