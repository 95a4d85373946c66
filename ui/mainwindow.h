// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnosticscache.h"
#include "importflow.h"
#include "queuefilter.h"
#include "queueloader.h"
#include "queuenavigator.h"
#include "reviewflow.h"
#include "sessiondecisions.h"
#include "store/store.h"
#include "windowsession.h"

#include <QFuture>
#include <QMainWindow>

#include <functional>
#include <memory>
#include <vector>

class QLabel;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace verdict {

class ActionRegistry;
class CheatSheet;
class DecisionController;
class DiagnosticsEngine;
class FilterBar;
class FolderWatcher;
class ProposalView;
class QueueColumns;
class QueueFilterProxy;
class QueueModel;
class QueueTable;
class ReadingPane;
class ReasonBar;
class SavedViews;
class StoreWorker;
class TextSearch;
class WorkstationTools;

// The review workstation: the queue on the left, the selected proposal on the right,
// keyboard first (J/K move, A approves, R rejects, C asks for changes). The window builds
// the widgets, lays out the menus and connects the objects that own the behaviour:
// QueueNavigator (where the reviewer is), QueueFilter (what the queue shows), ReviewFlow
// (deciding), SessionDecisions (undo, recent, today's count), ReadingPane (the proposal),
// DiagnosticsCache, WindowSession and WorkstationTools. Every action is registered in one
// ActionRegistry by its owner.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    // The store moves to the window's store thread (tests, --screenshot).
    MainWindow(std::unique_ptr<Store> store, const QString &reviewer,
               QWidget *parent = nullptr);
    // Opens `storeUrl` on the store thread: the window shows at once, the queue when the
    // store answers (an error there is shown, not waited on).
    MainWindow(const QString &storeUrl, const QString &reviewer, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The one store of the window, on its own thread: every read and write goes through it.
    StoreWorker *storeWorker() const { return m_worker; }
    ActionRegistry *actionRegistry() const { return m_actions; }
    QueueNavigator *navigator() const { return m_navigator; }
    QueueFilter *queueFilter() const { return m_filter; }
    ReviewFlow *reviewFlow() const { return m_flow; }
    SessionDecisions *sessionDecisions() const { return m_sessionDecisions; }
    ReadingPane *readingPane() const { return m_reading; }
    DiagnosticsCache *diagnosticsCache() const { return m_diagnostics; }
    WindowSession *session() const { return m_session; }
    ImportFlow *imports() const { return m_imports; }
    // Settings, statistics, audit export, team sync (menus and status bar).
    WorkstationTools *tools() const { return m_tools; }

    QueueModel *queueModel() const { return m_queueModel; }
    QSortFilterProxyModel *queueProxy() const;
    QueueFilterProxy *filterProxy() const { return m_queueProxy; }
    QTableView *queueView() const;
    FilterBar *filterBar() const { return m_filter->filterBar(); }
    SavedViews *savedViews() const { return m_filter->savedViews(); }
    // The whole-text search behind the filter's free words (runs off the GUI thread).
    TextSearch *textSearch() const { return m_filter->textSearch(); }
    FolderWatcher *folderWatcher() const { return m_session->folderWatcher(); }
    CheatSheet *cheatSheet() const { return m_cheatSheet; }
    ProposalView *proposalView() const { return m_proposalView; }
    ReasonBar *reasonBar() const { return m_flow->reasonBar(); }
    DecisionController *decisions() const { return m_decisions; }

    QString currentProposalId() const { return m_navigator->currentProposalId(); }
    // Proposal ids of the selected rows, in queue order (the current one when alone).
    QStringList selectedProposalIds() const { return m_navigator->selectedProposalIds(); }
    bool selectProposal(const QString &id) { return m_navigator->selectProposal(id); }
    // Selects a row of the queue as shown (sorted); false when out of range.
    bool selectRow(int proxyRow) { return m_navigator->selectRow(proxyRow); }

    // Reads the queue from the store (a merge; used after imports and syncs); applied when
    // the store answers, then `applied` runs. Asked while a read is on its way: one more read
    // follows it (what changed since is not missed), and serves every request made meanwhile.
    void reloadQueue(std::function<void()> applied = {});
    // Imports in the background with the window's store URL; the queue reloads when done.
    QFuture<ImportOutcome> importPaths(const QStringList &paths)
    {
        return m_imports->importPaths(paths);
    }
    bool isImporting() const { return m_imports->isImporting(); }

    // Runs the checkers in the background (cached in the store) and shows results as they
    // finish. Off by default so tests can feed diagnostics through setDiagnostics().
    void enableDiagnostics();
    DiagnosticsEngine *diagnosticsEngine() const { return m_diagnostics->engine(); }
    // For batch rendering only (--screenshot): blocks until the queued checks are done.
    bool waitForDiagnostics(int msecs) { return m_diagnostics->waitForDone(msecs); }

    // Remembers sort, filter, splitter sizes and the selected proposal in QSettings, and
    // restores them (the interactive app does; tests and screenshots choose).
    void restoreSession() { m_session->restore(); }
    void saveSession() const { m_session->save(); }
    // Watches these folders for new or changed reports (imported in the background);
    // stored in QSettings "watchFolders".
    void setWatchFolders(const QStringList &folders) { m_session->setWatchFolders(folders); }
    // Bulk decisions ask "Approve 12 proposals?"; tests answer without a dialog.
    void setConfirmHandler(std::function<bool(const QString &question)> handler)
    {
        m_flow->setConfirmHandler(std::move(handler));
    }
    // The team's reason presets (stored in the database's settings).
    QStringList reasonPresets() const { return m_flow->reasonPresets(); }
    void setReasonPresets(const QStringList &presets) { m_flow->setReasonPresets(presets); }

    // The name decisions are recorded under, everywhere at once: the decision controller,
    // "reviewer:me", deferrals, "Decided by me", undo and the status bar.
    void setReviewer(const QString &name);

public Q_SLOTS:
    // Diagnostics as they finish (from the engine, or from tests). Kept per proposal.
    void setDiagnostics(const QString &proposalId, int revision,
                        const std::vector<verdict::Diagnostic> &diagnostics)
    {
        m_diagnostics->set(proposalId, revision, diagnostics);
    }
    void approveCurrent() { m_flow->approveCurrent(); }
    void rejectCurrent() { m_flow->rejectCurrent(); }
    void requestChangesCurrent() { m_flow->requestChangesCurrent(); }
    void resolveCurrent(verdict::Verdict verdict) { m_flow->resolveCurrent(verdict); }
    void undoLast() { m_sessionDecisions->undoLast(); }
    void nextProposal() { m_navigator->nextProposal(); }
    void previousProposal() { m_navigator->previousProposal(); }
    void focusFilter() { m_filter->focusFilter(); }
    void saveCurrentView() { m_filter->saveCurrentView(); }
    void editReasonPresets() { m_flow->editReasonPresets(); }
    void watchFolder() { m_session->watchFolder(); }
    void openReports() { m_imports->openReports(); }
    void showCheatSheet();

Q_SIGNALS:
    void importFinished(const verdict::ImportOutcome &outcome);
    void decisionRecorded(const verdict::Decision &decision);
    void proposalShown(const QString &proposalId);
    void queueReloaded();

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void build(const QString &reviewer);
    void createComponents(const QString &reviewer);
    void createWidgets();
    void createActions();
    void connectComponents();
    void showCurrent();
    bool askReviewerName();
    void applySnapshot(QueueSnapshot snapshot);
    void showMessage(const QString &text, int timeoutMs = 8000);

    StoreWorker *m_worker = nullptr;
    ActionRegistry *m_actions = nullptr;
    QueueModel *m_queueModel = nullptr;
    QueueFilterProxy *m_queueProxy = nullptr;
    QueueTable *m_queueView = nullptr;
    QueueColumns *m_columns = nullptr;
    DecisionController *m_decisions = nullptr;
    DiagnosticsCache *m_diagnostics = nullptr;
    QueueNavigator *m_navigator = nullptr;
    QueueFilter *m_filter = nullptr;
    SessionDecisions *m_sessionDecisions = nullptr;
    ReviewFlow *m_flow = nullptr;
    ProposalView *m_proposalView = nullptr;
    ReadingPane *m_reading = nullptr;
    WindowSession *m_session = nullptr;
    ImportFlow *m_imports = nullptr;
    WorkstationTools *m_tools = nullptr;
    CheatSheet *m_cheatSheet = nullptr;
    QSplitter *m_splitter = nullptr;
    QLabel *m_reviewerLabel = nullptr;
    bool m_reloading = false;
    bool m_reloadRunning = false;           // a queue read is on its way
    bool m_reloadAgain = false;             // asked for again meanwhile
    std::vector<std::function<void()>> m_afterReload;     // for the read on its way
    std::vector<std::function<void()>> m_afterNextReload; // for the one after it
};

} // namespace verdict
