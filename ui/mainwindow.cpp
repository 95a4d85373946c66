// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "store/storeworker.h"

#include "actionregistry.h"
#include "cheatsheet.h"
#include "decisionarea.h"
#include "decisioncontroller.h"
#include "filterbar.h"
#include "guardbar.h"
#include "importflow.h"
#include "icons.h"
#include "plaintext.h"
#include "proposalview.h"
#include "queue/queuefilterproxy.h"
#include "queue/queuemodel.h"
#include "queuecolumns.h"
#include "queuetable.h"
#include "readingpane.h"
#include "reasonbar.h"
#include "recentdecisions.h"
#include "savedviews.h"
#include "windowmenus.h"
#include "workstationtools.h"

#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

#include <type_traits>

namespace verdict {

MainWindow::MainWindow(std::unique_ptr<Store> store, const QString &reviewer, QWidget *parent)
    : QMainWindow(parent)
    , m_worker(new StoreWorker(std::move(store), {}, this))
{
    build(reviewer);
}

MainWindow::MainWindow(const QString &storeUrl, const QString &reviewer, QWidget *parent)
    : QMainWindow(parent)
    , m_worker(new StoreWorker(storeUrl, this))
{
    build(reviewer);
}

void MainWindow::build(const QString &reviewer)
{
    m_actions = new ActionRegistry(this);
    m_queueModel = new QueueModel(this);
    m_queueProxy = new QueueFilterProxy(this);
    setWindowIcon(Icons::application());
    setWindowTitle(tr("Verdict — %1").arg(PlainText::line(m_worker->url())));
    m_queueProxy->setQueueModel(m_queueModel);
    m_queueProxy->setMe(reviewer);

    createComponents(reviewer);
    createWidgets();
    createActions();
    connectComponents();
    m_tools = new WorkstationTools(this, m_actions); // may set the reviewer from Settings
    WindowMenus::layOut(m_actions); // every component has registered its actions
    m_actions->updateToolTips();
    resize(1400, 900);
    reloadQueue();
}

MainWindow::~MainWindow() = default;

QSortFilterProxyModel *MainWindow::queueProxy() const
{
    return m_queueProxy;
}

QTableView *MainWindow::queueView() const
{
    return m_queueView;
}

void MainWindow::createComponents(const QString &reviewer)
{
    const QString url = m_worker->openUrl();
    m_decisions = new DecisionController(m_worker, reviewer, this);
    m_diagnostics = new DiagnosticsCache(m_queueModel, m_worker, url, this);
    m_queueView = new QueueTable(m_queueProxy, m_queueModel);
    m_columns = new QueueColumns(m_queueView);
    m_navigator = new QueueNavigator(m_queueView, m_queueModel, m_queueProxy, url, m_actions,
                                     this);
    m_filter = new QueueFilter(m_queueModel, m_queueProxy, m_queueView, m_navigator, m_worker,
                               m_actions, this);
    m_sessionDecisions = new SessionDecisions(m_worker, m_decisions, m_queueModel, m_navigator,
                                              m_queueView, m_actions, this);
    m_flow = new ReviewFlow(m_worker, m_decisions, m_queueModel, m_navigator, m_sessionDecisions,
                            m_queueView, m_actions, this);
    m_flow->setReviewerPrompt([this] { return askReviewerName(); });
    m_imports = new ImportFlow(url, m_decisions, this, statusBar(), m_actions);
    m_proposalView = new ProposalView;
    m_reading = new ReadingPane(m_proposalView, m_worker, m_diagnostics, m_actions, this);
}

void MainWindow::createWidgets()
{
    auto *queueTitle = PlainText::label(tr("Queue"));
    QFont bold = queueTitle->font();
    bold.setBold(true);
    queueTitle->setFont(bold);
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 0, 4);
    leftLayout->setSpacing(4);
    auto *hint = PlainText::label(tr("J/K move  ·  A/R/C decide  ·  Ctrl+Z undo  ·  "
                                     "F1 keys"));
    hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    hint->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    QPalette hintPalette = hint->palette();
    hintPalette.setColor(QPalette::WindowText,
                         hintPalette.color(QPalette::Disabled, QPalette::WindowText));
    hint->setPalette(hintPalette);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(queueTitle);
    titleRow->addWidget(hint, 1);
    leftLayout->addLayout(titleRow);
    leftLayout->addWidget(m_filter->filterBar());
    leftLayout->addWidget(m_filter->queuePane(), 1);

    auto *viewsPane = new QWidget;
    auto *viewsLayout = new QVBoxLayout(viewsPane);
    viewsLayout->setContentsMargins(8, 8, 0, 4);
    viewsLayout->setSpacing(4);
    auto *viewsTitle = PlainText::label(tr("Views"));
    viewsTitle->setFont(bold);
    viewsLayout->addWidget(viewsTitle);
    viewsLayout->addWidget(m_filter->savedViews(), 1);
    auto *saveView = new QPushButton(tr("Save view…"));
    saveView->setObjectName(QStringLiteral("saveView"));
    saveView->setToolTip(tr("Save the current filter as a view (Ctrl+Shift+S)"));
    saveView->setFocusPolicy(Qt::TabFocus);
    connect(saveView, &QPushButton::clicked, m_filter, &QueueFilter::saveCurrentView);
    viewsLayout->addWidget(saveView);
    auto *recentTitle = PlainText::label(tr("Recent"));
    recentTitle->setFont(bold);
    recentTitle->setToolTip(tr("Your last decisions in this window; Ctrl+Z undoes the latest"));
    viewsLayout->addWidget(recentTitle);
    viewsLayout->addWidget(m_sessionDecisions->recent(), 1);

    auto *proposalPage = new QWidget;
    auto *rightLayout = new QVBoxLayout(proposalPage);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(0);
    rightLayout->addWidget(m_proposalView, 1);
    // One row of a fixed height for the buttons, the guard's second step and the reason
    // box: asking either never moves the code.
    rightLayout->addWidget(
        new DecisionArea(m_flow->guardBar(), m_flow->reasonBar(), m_flow->buttonRow()));

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(viewsPane);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_filter->wrapProposalPage(proposalPage));
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setStretchFactor(2, 1);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    m_reviewerLabel = PlainText::label();
    m_reviewerLabel->setContentsMargins(8, 0, 8, 0);
    statusBar()->addPermanentWidget(m_filter->countsLabel());
    statusBar()->addPermanentWidget(m_reviewerLabel);
    setReviewer(m_decisions->reviewer());

    m_session = new WindowSession(this, m_splitter, m_columns, m_filter->filterBar(),
                                  m_navigator, m_actions);
}

void MainWindow::createActions()
{
    // The window's own: the reviewer's name, quitting, the key list.
    using Spec = ActionRegistry::Spec;
    m_actions->add(Spec{QStringLiteral("setReviewer"), tr("Set &reviewer name…"),
                        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)}},
                   this, [this] { askReviewerName(); });
    m_actions->add(Spec{QStringLiteral("quit"), tr("&Quit"), {QKeySequence(QKeySequence::Quit)}},
                   this, &QWidget::close);
    m_actions->add(Spec{QStringLiteral("keyboardShortcuts"), tr("&Keyboard shortcuts"),
                        {QKeySequence(Qt::Key_F1), QKeySequence(Qt::Key_Question)}},
                   this, &MainWindow::showCheatSheet);
}

void MainWindow::connectComponents()
{
    const auto toStatusBar = [this](auto *source) {
        using Source = std::remove_pointer_t<decltype(source)>;
        connect(source, &Source::message, this,
                [this](const QString &text, int timeoutMs) { showMessage(text, timeoutMs); });
    };
    toStatusBar(m_navigator);
    toStatusBar(m_filter);
    toStatusBar(m_flow);
    toStatusBar(m_sessionDecisions);
    toStatusBar(m_reading);
    toStatusBar(m_session);

    QItemSelectionModel *selection = m_queueView->selectionModel();
    connect(selection, &QItemSelectionModel::currentRowChanged, this, [this] {
        m_flow->disarmGuard(); // a second step belongs to the proposal it was asked for
        showCurrent();
        m_filter->updateCounts(); // the position, and a view switch moves the current row too
    });
    connect(selection, &QItemSelectionModel::selectionChanged, m_flow,
            &ReviewFlow::updateResolveActions);
    connect(m_navigator, &QueueNavigator::deferring, m_flow, &ReviewFlow::disarmGuard);
    connect(m_filter, &QueueFilter::countsUpdated, m_flow, &ReviewFlow::updateButtons);
    connect(m_sessionDecisions, &SessionDecisions::decidedTodayChanged, m_filter,
            &QueueFilter::setDecidedToday);
    connect(m_reading, &ReadingPane::proposalShown, this, &MainWindow::proposalShown);
    connect(m_session, &WindowSession::importRequested, this, &MainWindow::importPaths);
    connect(m_imports, &ImportFlow::started, this, [this](const QStringList &paths) {
        showMessage(tr("Importing %1…").arg(paths.join(QStringLiteral(", "))), 0);
    });
    connect(m_imports, &ImportFlow::finished, this, [this](const ImportOutcome &outcome) {
        showMessage(ImportTask::describe(outcome), outcome.ok ? 8000 : 0);
        // Finished for the reviewer when the queue shows what came in.
        reloadQueue([this, outcome] { Q_EMIT importFinished(outcome); });
    });
    connect(m_decisions, &DecisionController::decided, this,
            [this](const Decision &decision, Status status) {
                m_flow->applyDecided(decision, status);         // the row's status
                m_reading->applyDecided(decision, status);      // the shown proposal
                m_sessionDecisions->applyDecided(decision);     // recent, today's count
                m_flow->updateResolveActions();
                Q_EMIT decisionRecorded(decision);
            });
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    m_actions->updateToolTips();
    m_session->placeSplitter();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_session->isRestored())
        m_session->save();
    QMainWindow::closeEvent(event);
}

void MainWindow::reloadQueue(std::function<void()> applied)
{
    // One read at a time: imports and syncs finishing together read the queue once more,
    // not once each.
    if (m_reloadRunning) {
        m_reloadAgain = true;
        if (applied)
            m_afterNextReload.push_back(std::move(applied));
        return;
    }
    m_reloadRunning = true;
    if (applied)
        m_afterReload.push_back(std::move(applied));
    m_worker->post(
        this, [](Store &store) { return QueueLoader::load(&store); },
        [this](QueueSnapshot snapshot) {
            applySnapshot(std::move(snapshot));
            m_reloadRunning = false;
            const auto done = std::exchange(m_afterReload, {});
            m_afterReload = std::exchange(m_afterNextReload, {});
            if (std::exchange(m_reloadAgain, false))
                reloadQueue();
            for (const auto &f : done)
                f();
        });
}

void MainWindow::applySnapshot(QueueSnapshot snapshot)
{
    if (!snapshot.ok)
        showMessage(tr("Cannot read the queue: %1").arg(snapshot.error));
    const QString keep = m_navigator->currentProposalId();
    // A merge, not a reset, when the queue only grew: the reviewer's selection, scroll
    // position and half-typed reason survive a background import.
    m_reloading = true;
    m_queueModel->setReviewers(snapshot.reviewers);
    m_sessionDecisions->setDecidedToday(snapshot.decidedToday);
    m_queueModel->updateEntries(std::move(snapshot.entries));
    m_reloading = false;
    m_diagnostics->applyAllCounts();
    m_filter->queueReloaded();
    m_sessionDecisions->updateUndoAction();
    const QString restore = m_session->takePendingSelection();
    if (restore.isEmpty() || !m_navigator->selectProposal(restore)) {
        if (keep.isEmpty() || m_navigator->currentProposalId() != keep) {
            if ((keep.isEmpty() || !m_navigator->selectProposal(keep))
                && !m_queueView->currentIndex().isValid())
                m_navigator->selectRow(0);
        }
    }
    showCurrent();
    m_filter->updateEmptyStates();
    m_filter->updateCounts();
    m_diagnostics->diagnoseUncomputed(); // new or changed proposals (none before enabling)
    m_reading->refreshBoilerplate();
    Q_EMIT queueReloaded();
}

void MainWindow::showCurrent()
{
    if (m_reloading)
        return; // rows are being merged; applySnapshot() shows the result once
    const QString id = m_navigator->currentProposalId();
    m_flow->currentChanged(id);
    m_reading->show(id, m_navigator->currentRevision());
}

void MainWindow::showCheatSheet()
{
    if (!m_cheatSheet)
        m_cheatSheet = new CheatSheet(this);
    m_actions->updateToolTips();
    m_cheatSheet->setActions(m_actions->menuGroups());
    m_cheatSheet->show();
    m_cheatSheet->raise();
}

bool MainWindow::askReviewerName()
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Reviewer name"),
                              tr("Your name, recorded with every decision you make:"),
                              QLineEdit::Normal, m_decisions->reviewer(), &ok)
            .trimmed();
    if (!ok || name.isEmpty())
        return false;
    QSettings().setValue(QStringLiteral("reviewer"), name);
    setReviewer(name);
    return true;
}

void MainWindow::setReviewer(const QString &name)
{
    m_decisions->setReviewer(name);
    m_queueProxy->setMe(name);
    m_navigator->setReviewer(name); // deferrals are per reviewer
    m_reviewerLabel->setText(
        name.isEmpty() ? tr("Reviewer: (not set)")
                       : tr("Reviewer: %1").arg(PlainText::line(name, PlainText::kShortChars)));
    m_sessionDecisions->updateUndoAction();
    m_filter->setDecidedToday(m_sessionDecisions->decidedToday());
}

void MainWindow::enableDiagnostics()
{
    if (m_diagnostics->engine())
        return;
    m_diagnostics->enable();
    m_tools->watchDiagnostics(m_diagnostics->engine());
    if (!m_reading->shownId().isEmpty()) {
        m_reading->forget();
        showCurrent();
    }
    m_diagnostics->diagnoseUncomputed();
}

void MainWindow::showMessage(const QString &text, int timeoutMs)
{
    // Messages quote ids, paths and errors that may hold report text: one bounded line.
    statusBar()->showMessage(PlainText::line(text, PlainText::kMessageChars), timeoutMs);
}

} // namespace verdict
