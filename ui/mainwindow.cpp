// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "backgroundjob.h"
#include "workstationtools.h"

#include "cheatsheet.h"
#include "decisioncontroller.h"
#include "diagnostics/diagnosticsengine.h"
#include "filterbar.h"
#include "guardbar.h"
#include "folderwatcher.h"
#include "historyview.h"
#include "icons.h"
#include "plaintext.h"
#include "proposalview.h"
#include "queue/queuefilterproxy.h"
#include "queue/queuemodel.h"
#include "reasonbar.h"
#include "reasonpresets.h"
#include "recentdecisions.h"
#include "savedviews.h"
#include "syntaxhighlighteradapter.h"
#include "textsearch.h"

#include <QAction>
#include <QApplication>
#include <QCryptographicHash>
#include <QClipboard>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHelpEvent>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace verdict {

namespace {

// An id in a status message: ids are report text, and may be of any length.
QString shownId(const QString &id)
{
    return PlainText::line(id, PlainText::kShortChars);
}

// A table whose tool tips show report text literally (never as rich text).
class PlainToolTipTable final : public QTableView
{
public:
    using QTableView::QTableView;

    std::function<void()> resized; // after every resize of the table

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QTableView::resizeEvent(event);
        if (resized)
            resized();
    }

    bool viewportEvent(QEvent *event) override
    {
        if (event->type() == QEvent::ToolTip) {
            auto *help = static_cast<QHelpEvent *>(event);
            const QModelIndex index = indexAt(help->pos());
            const QString text = index.data(Qt::ToolTipRole).toString();
            if (text.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(help->globalPos(), PlainText::toolTip(text), this);
            return true;
        }
        return QTableView::viewportEvent(event);
    }
};

} // namespace

MainWindow::MainWindow(std::unique_ptr<Store> store, const QString &reviewer, QWidget *parent)
    : QMainWindow(parent)
    , m_store(std::move(store))
    , m_queueModel(new QueueModel(this))
    , m_queueProxy(new QueueFilterProxy(this))
    , m_decisions(new DecisionController(m_store.get(), reviewer, this))
{
    setWindowIcon(Icons::application());
    setWindowTitle(m_store ? tr("Verdict — %1").arg(PlainText::line(m_store->url()))
                           : tr("Verdict"));
    for (Status s : {Status::Pending, Status::Approved, Status::Rejected, Status::Changes,
                     Status::Conflict})
        m_queueModel->setStatusIcon(s, Icons::status(s));
    applyRiskStyle();
    m_queueProxy->setQueueModel(m_queueModel);
    m_queueProxy->setMe(reviewer);
    // "12 of 40 shown" follows the filter.
    const auto recount = [this] {
        if (m_countsLabel)
            updateCounts();
    };
    connect(m_queueProxy, &QAbstractItemModel::layoutChanged, this, recount);
    connect(m_queueProxy, &QAbstractItemModel::modelReset, this, recount);
    connect(m_queueProxy, &QAbstractItemModel::rowsInserted, this, recount);
    connect(m_queueProxy, &QAbstractItemModel::rowsRemoved, this, recount);

    createWidgets();
    createActions();

    connect(m_decisions, &DecisionController::decided, this,
            [this](const Decision &decision, Status status) {
                m_queueModel->setStatus(decision.proposalId, status);
                m_queueModel->setReviewerDecision(decision.proposalId, decision.reviewer,
                                                  decision.verdict != Verdict::Retract);
                if (m_proposalView->proposalId() == decision.proposalId) {
                    m_proposalView->setStatus(status);
                    showHistoryOf(m_proposalView->proposal());
                }
                m_recent->add(decision);
                int &today = m_decidedToday[decision.reviewer];
                today = std::max(0, today + (decision.verdict == Verdict::Retract ? -1 : 1));
                updateCounts();
                updateResolveActions();
                Q_EMIT decisionRecorded(decision);
            });
    connect(m_reasonBar, &ReasonBar::confirmed, this,
            [this](Verdict verdict, const QString &id, int revision, const QString &reason) {
                decide(verdict, id, revision, reason, m_reasonBar->isResolution());
            });
    connect(m_reasonBar, &ReasonBar::cancelled, this, [this] {
        m_bulkIds.clear();
        showMessage(tr("Cancelled: nothing recorded."), 3000);
        m_queueView->setFocus(Qt::OtherFocusReason);
    });

    m_textSearch = new TextSearch(this);
    if (m_store)
        m_textSearch->setStoreUrl(m_store->url());
    connect(m_textSearch, &TextSearch::busyChanged, this, [this](bool busy) {
        m_filterBar->setSearching(busy);
        updateEmptyStates();
    });
    connect(m_textSearch, &TextSearch::finished, this, [this](const TextMatches &matches) {
        m_queueProxy->setTextMatches(matches);
        if (!m_queueView->currentIndex().isValid())
            selectRow(0);
        updateEmptyStates();
    });
    connect(m_textSearch, &TextSearch::failed, this, [this](const QString &message) {
        showMessage(tr("Cannot search the proposals' text: %1").arg(message), 15000);
    });
    connect(m_filterBar, &FilterBar::queryChanged, this, [this](const FilterQuery &query) {
        searchText(query);
        m_queueProxy->setQuery(query);
        m_savedViews->showQuery(query.text());
        if (!m_queueView->currentIndex().isValid())
            selectRow(0);
        updateEmptyStates();
    });
    connect(m_filterBar, &FilterBar::finished, this,
            [this] { m_queueView->setFocus(Qt::OtherFocusReason); });
    connect(m_savedViews, &SavedViews::viewActivated, this, [this](const QString &query) {
        m_filterBar->setText(query);
        m_queueView->setFocus(Qt::OtherFocusReason);
    });
    m_watcher = new FolderWatcher(this);
    connect(m_watcher, &FolderWatcher::filesChanged, this,
            [this](const QStringList &files) { importPaths(files); });
    m_reasonBar->setPresets(ReasonPresets::load(m_store.get()));
    m_guard = ApprovalGuard::fromStore(m_store.get());
    loadDeferred();
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Verdict"), question,
                                     QMessageBox::Yes | QMessageBox::Cancel,
                                     QMessageBox::Yes)
               == QMessageBox::Yes;
    };

    m_tools = new WorkstationTools(this);
    resize(1400, 900);
    reloadQueue();
}

QSortFilterProxyModel *MainWindow::queueProxy() const
{
    return m_queueProxy;
}

MainWindow::~MainWindow() = default;

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    addShortcutTips();
    if (!m_splitterPlaced) {
        // Sizes only stick once the splitter has its real width: views narrow, the code
        // pane the larger share (reading is the work; the queue needs its first columns).
        m_splitterPlaced = true;
        const int total = m_splitter->width();
        const int views = m_splitter->widget(0)->minimumSizeHint().width();
        const int left = (total - views) * 38 / 100;
        m_splitter->setSizes({views, left, total - views - left});
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_sessionRestored)
        saveSession();
    QMainWindow::closeEvent(event);
}

void MainWindow::createWidgets()
{
    auto *table = new PlainToolTipTable;
    m_queueView = table;
    m_queueView->setObjectName(QStringLiteral("queue"));
    m_queueView->setModel(m_queueProxy);
    m_queueView->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Shift/Ctrl+click and Shift+arrows select several for a bulk decision.
    m_queueView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_queueView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_queueView->setSortingEnabled(true);
    m_queueView->sortByColumn(-1, Qt::AscendingOrder); // store order until a header is clicked
    m_queueView->setAlternatingRowColors(true);
    m_queueView->setWordWrap(false);
    m_queueView->setTextElideMode(Qt::ElideRight);
    m_queueView->setShowGrid(false);
    m_queueView->verticalHeader()->hide();
    QHeaderView *header = m_queueView->horizontalHeader();
    header->setHighlightSections(false);
    // Titles read from their start when a narrow column clips them.
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    // A dense table (like a mail list): slightly smaller text, long values elided with a
    // tool tip. Kind and targets get room for the common values, opportunity the rest.
    QFont tableFont = m_queueView->font();
    tableFont.setPointSizeF(tableFont.pointSizeF() * 0.92);
    m_queueView->setFont(tableFont);
    m_queueView->verticalHeader()->setDefaultSectionSize(QFontMetrics(tableFont).height() + 10);
    const QFontMetrics fm(tableFont);
    auto width = [&fm](const QString &sample) { return fm.horizontalAdvance(sample) + 14; };
    header->resizeSection(QueueModel::StatusColumn, width(tr("Changes")) + 22);
    header->resizeSection(QueueModel::SeverityColumn, width(tr("Sev.")));
    header->resizeSection(QueueModel::BlockColumn, width(tr("blocks")));
    header->resizeSection(QueueModel::KindColumn, width(QStringLiteral("idea_implementati")));
    header->resizeSection(QueueModel::TargetsColumn, width(QStringLiteral("generated_1.sql")));
    header->resizeSection(QueueModel::DiagnosticsColumn, width(QStringLiteral("2 err · 1 warn")));
    header->resizeSection(QueueModel::AgeColumn, width(QStringLiteral("365 d")));
    header->setMinimumSectionSize(fm.horizontalAdvance(QStringLiteral("Sev.")) + 10);
    header->setSectionResizeMode(QueueModel::OpportunityColumn, QHeaderView::Stretch);
    // Every column fits the pane (no horizontal scroll bar hiding Diagnostics and Age):
    // when the pane is narrow, kind and targets give up room down to a floor and elide
    // (their tool tips show all), opportunity stretches over the rest. A column the
    // reviewer drags (or a restored layout) is theirs from then on.
    const int kindIdeal = width(QStringLiteral("idea_implementati"));
    const int targetsIdeal = width(QStringLiteral("generated_1.sql"));
    connect(header, &QHeaderView::sectionResized, this, [this](int section) {
        if (!m_fittingColumns && section != QueueModel::OpportunityColumn)
            m_columnsFitted = false;
    });
    table->resized = [this, kindIdeal, targetsIdeal] {
        if (!m_columnsFitted)
            return;
        QHeaderView *h = m_queueView->horizontalHeader();
        int fixed = 0;
        for (int c = 0; c < h->count(); ++c) {
            if (c != QueueModel::KindColumn && c != QueueModel::TargetsColumn
                && c != QueueModel::OpportunityColumn && !h->isSectionHidden(c))
                fixed += h->sectionSize(c);
        }
        // A third each at most (opportunity gets the rest), down to a small floor.
        const int share = (m_queueView->viewport()->width() - fixed) / 3;
        auto fit = [h, share](int column, int ideal) {
            h->resizeSection(column, std::max(h->minimumSectionSize() * 2,
                                              std::min(ideal, share)));
        };
        m_fittingColumns = true;
        fit(QueueModel::KindColumn, kindIdeal);
        fit(QueueModel::TargetsColumn, targetsIdeal);
        m_fittingColumns = false;
    };
    // The cells show report text cut; these copy whole values (of every selected row).
    m_queueView->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto addCopy = [this](const QString &text, const QString &name, int role,
                          const QKeySequence &key) {
        auto *a = new QAction(text, m_queueView);
        a->setObjectName(name);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetShortcut);
        connect(a, &QAction::triggered, this, [this, role] { copySelected(role); });
        m_queueView->addAction(a);
    };
    addCopy(tr("Copy id"), QStringLiteral("copyId"), QueueModel::IdRole, QKeySequence::Copy);
    addCopy(tr("Copy opportunity"), QStringLiteral("copyOpportunity"),
            QueueModel::OpportunityRole, {});
    addCopy(tr("Copy target paths"), QStringLiteral("copyTargets"), QueueModel::TargetsRole,
            {});
    connect(m_queueView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] {
                disarmGuard(); // a second step belongs to the proposal it was asked for
                showCurrent();
                updateCounts(); // the position, and a view switch moves the current row too
            });
    connect(m_queueView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { updateResolveActions(); });

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
    m_filterBar = new FilterBar;
    leftLayout->addWidget(m_filterBar);
    m_noMatchLabel = PlainText::label();
    m_noMatchLabel->setObjectName(QStringLiteral("noMatch"));
    m_noMatchLabel->setAlignment(Qt::AlignCenter);
    m_noMatchLabel->setWordWrap(true);
    m_noMatchLabel->setMargin(24);
    m_queueStack = new QStackedWidget;
    m_queueStack->addWidget(m_queueView);
    m_queueStack->addWidget(m_noMatchLabel);
    leftLayout->addWidget(m_queueStack, 1);

    m_savedViews = new SavedViews;
    auto *viewsPane = new QWidget;
    auto *viewsLayout = new QVBoxLayout(viewsPane);
    viewsLayout->setContentsMargins(8, 8, 0, 4);
    viewsLayout->setSpacing(4);
    auto *viewsTitle = PlainText::label(tr("Views"));
    viewsTitle->setFont(bold);
    viewsLayout->addWidget(viewsTitle);
    viewsLayout->addWidget(m_savedViews, 1);
    auto *saveView = new QPushButton(tr("Save view…"));
    saveView->setObjectName(QStringLiteral("saveView"));
    saveView->setToolTip(tr("Save the current filter as a view (Ctrl+Shift+S)"));
    saveView->setFocusPolicy(Qt::TabFocus);
    connect(saveView, &QPushButton::clicked, this, &MainWindow::saveCurrentView);
    viewsLayout->addWidget(saveView);
    auto *recentTitle = PlainText::label(tr("Recent"));
    recentTitle->setFont(bold);
    recentTitle->setToolTip(tr("Your last decisions in this window; Ctrl+Z undoes the latest"));
    m_recent = new RecentDecisions;
    m_recent->setFocusPolicy(Qt::TabFocus); // a click must not take the queue's keys
    connect(m_recent, &RecentDecisions::proposalActivated, this, [this](const QString &id) {
        if (!selectProposal(id))
            showMessage(tr("%1 is hidden by the current filter (Ctrl+1 shows every proposal).")
                            .arg(PlainText::line(id, PlainText::kShortChars)),
                        6000);
        m_queueView->setFocus(Qt::OtherFocusReason);
    });
    viewsLayout->addWidget(recentTitle);
    viewsLayout->addWidget(m_recent, 1);

    m_proposalView = new ProposalView;
    m_reasonBar = new ReasonBar;
    m_guardBar = new GuardBar;

    m_approveButton = new QPushButton(Icons::status(Status::Approved), tr("Approve  (A)"));
    m_rejectButton = new QPushButton(Icons::status(Status::Rejected), tr("Reject…  (R)"));
    m_changesButton = new QPushButton(Icons::status(Status::Changes),
                                      tr("Request changes…  (C)"));
    m_approveButton->setObjectName(QStringLiteral("approveButton"));
    for (QPushButton *b : {m_approveButton, m_rejectButton, m_changesButton}) {
        b->setAutoDefault(false);
        b->setFocusPolicy(Qt::TabFocus); // a click must not steal the queue's keyboard focus
    }
    connect(m_approveButton, &QPushButton::clicked, this, &MainWindow::approveCurrent);
    connect(m_rejectButton, &QPushButton::clicked, this, &MainWindow::rejectCurrent);
    connect(m_changesButton, &QPushButton::clicked, this, &MainWindow::requestChangesCurrent);
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(10, 4, 10, 8);
    buttons->addStretch(1);
    buttons->addWidget(m_approveButton);
    buttons->addWidget(m_rejectButton);
    buttons->addWidget(m_changesButton);

    auto *proposalPage = new QWidget;
    auto *rightLayout = new QVBoxLayout(proposalPage);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(0);
    rightLayout->addWidget(m_proposalView, 1);
    rightLayout->addWidget(m_guardBar);
    rightLayout->addWidget(m_reasonBar);
    rightLayout->addLayout(buttons);

    m_emptyLabel = PlainText::label(
        tr("No reports yet: File > Open reports… (Ctrl+O) or run `verdict resources/samples`"));
    m_emptyLabel->setObjectName(QStringLiteral("emptyState"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    QFont big = m_emptyLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_emptyLabel->setFont(big);

    m_rightStack = new QStackedWidget;
    m_rightStack->addWidget(m_emptyLabel);
    m_rightStack->addWidget(proposalPage);

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(viewsPane);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_rightStack);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setStretchFactor(2, 1);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    m_countsLabel = PlainText::label();
    m_reviewerLabel = PlainText::label();
    m_countsLabel->setContentsMargins(8, 0, 8, 0);
    m_reviewerLabel->setContentsMargins(8, 0, 8, 0);
    statusBar()->addPermanentWidget(m_countsLabel);
    statusBar()->addPermanentWidget(m_reviewerLabel);
    const QString reviewer = m_decisions->reviewer();
    m_reviewerLabel->setText(
        reviewer.isEmpty() ? tr("Reviewer: (not set)")
                           : tr("Reviewer: %1").arg(PlainText::line(reviewer,
                                                                    PlainText::kShortChars)));
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open reports…"), this, &MainWindow::openReports);
    open->setShortcut(QKeySequence::Open);
    QAction *openFolder = file->addAction(tr("Open report &folder…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open report folder"));
        if (!dir.isEmpty())
            importPaths({dir});
    });
    openFolder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QAction *watch = file->addAction(tr("&Watch folder…"), this, &MainWindow::watchFolder);
    watch->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    file->addAction(tr("Set &reviewer name…"), this, [this] { askReviewerName(); })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    file->addAction(tr("Edit reason &presets…"), this, &MainWindow::editReasonPresets)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *review = menuBar()->addMenu(tr("&Review"));
    auto add = [this, review](const QString &text, const QKeySequence &key, auto slot) {
        QAction *a = review->addAction(text, this, slot);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        addAction(a); // works with the menu bar hidden too
        return a;
    };
    add(tr("&Approve"), QKeySequence(Qt::Key_A), &MainWindow::approveCurrent);
    // Esc cancels a guarded approval's second step; enabled only while one is asked.
    m_guardCancel = add(tr("Cancel the second step"), QKeySequence(Qt::Key_Escape),
                        &MainWindow::disarmGuard);
    m_guardCancel->setEnabled(false);
    add(tr("&Reject…"), QKeySequence(Qt::Key_R), &MainWindow::rejectCurrent);
    add(tr("Request &changes…"), QKeySequence(Qt::Key_C), &MainWindow::requestChangesCurrent);
    m_undoAction = add(tr("&Undo my last decision"), QKeySequence::Undo, &MainWindow::undoLast);
    m_undoAction->setEnabled(false);
    add(tr("Cop&y proposal id"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
        [this] { copySelected(QueueModel::IdRole); })
        ->setObjectName(QStringLiteral("copyProposalId"));
    review->addSeparator();
    // A lead's word on a conflict; the team server accepts it from verdict_lead only.
    m_resolveActions = {
        add(tr("Resolve conflict: a&pprove"), QKeySequence(Qt::SHIFT | Qt::Key_A),
            [this] { resolveCurrent(Verdict::Approve); }),
        add(tr("Resolve conflict: re&ject…"), QKeySequence(Qt::SHIFT | Qt::Key_R),
            [this] { resolveCurrent(Verdict::Reject); }),
        add(tr("Resolve conflict: request chan&ges…"), QKeySequence(Qt::SHIFT | Qt::Key_C),
            [this] { resolveCurrent(Verdict::Changes); }),
    };
    for (QAction *a : std::as_const(m_resolveActions))
        a->setEnabled(false);
    review->addSeparator();
    add(tr("&Next proposal"), QKeySequence(Qt::Key_J), &MainWindow::nextProposal);
    add(tr("&Previous proposal"), QKeySequence(Qt::Key_K), &MainWindow::previousProposal);
    add(tr("Go to the &other proposal writing this file"), QKeySequence(Qt::Key_O),
        &MainWindow::nextSharingTarget);
    add(tr("&Defer (skip for now; again to un-defer)"), QKeySequence(Qt::Key_D),
        &MainWindow::toggleDeferred);
    QAction *pin = add(tr("&Pin the tab (keep it for the next proposals)"),
                       QKeySequence(Qt::Key_P), [this] {});
    pin->setCheckable(true);
    connect(pin, &QAction::toggled, this, [this](bool on) {
        m_proposalView->setTabPinned(on);
        showMessage(on ? tr("Tab pinned: the next proposals open on it (P unpins).")
                       : tr("Tab unpinned: each proposal opens on its code."),
                    4000);
    });
    // Remembered: a reviewer who reads wrapped reads wrapped tomorrow too.
    QAction *wrap = add(tr("&Wrap code lines"), QKeySequence(Qt::ALT | Qt::Key_Z), [this] {});
    wrap->setCheckable(true);
    wrap->setChecked(QSettings().value(QStringLiteral("code/wrap"), false).toBool());
    m_proposalView->setWrapCode(wrap->isChecked());
    connect(wrap, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("code/wrap"), on);
        m_proposalView->setWrapCode(on);
    });
    // Reading without leaving the queue: the focus stays on the row, J/K keep working.
    add(tr("Next &diagnostic"), QKeySequence(Qt::Key_F8),
        [this] { m_proposalView->stepDiagnostic(1); });
    add(tr("Previous diagnostic"), QKeySequence(Qt::SHIFT | Qt::Key_F8),
        [this] { m_proposalView->stepDiagnostic(-1); });
    add(tr("Next file tab"), QKeySequence(Qt::Key_BracketRight),
        [this] { m_proposalView->stepTab(1); });
    add(tr("Previous file tab"), QKeySequence(Qt::Key_BracketLeft),
        [this] { m_proposalView->stepTab(-1); });
    add(tr("Scroll the code down a page"), QKeySequence(Qt::Key_Space),
        [this] { m_proposalView->scrollPage(1); });
    add(tr("Scroll the code up a page"), QKeySequence(Qt::SHIFT | Qt::Key_Space),
        [this] { m_proposalView->scrollPage(-1); });
    add(tr("&History of this proposal"), QKeySequence(Qt::Key_H), [this] {
        if (m_proposalView->isHistoryShown())
            m_proposalView->tabs()->setCurrentIndex(0);
        else
            m_proposalView->showHistory();
    });

    QMenu *find = menuBar()->addMenu(tr("&Find"));
    auto addFind = [this, find](const QString &text, const QKeySequence &key, auto slot) {
        QAction *a = find->addAction(text, this, slot);
        a->setShortcut(key);
        addAction(a);
        return a;
    };
    addFind(tr("&Filter the queue…"), QKeySequence::Find, &MainWindow::focusFilter);
    addFind(tr("&Save filter as a view…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
            &MainWindow::saveCurrentView);
    find->addSeparator();
    const auto views = SavedViews::builtInViews();
    for (int i = 0; i < int(views.size()) && i < 9; ++i) {
        addFind(tr("View: %1").arg(views[size_t(i)].name),
                QKeySequence(int(Qt::CTRL) | int(Qt::Key_1 + i)),
                [this, i] { m_savedViews->activate(i); });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showCheatSheet);
    keys->setShortcuts({QKeySequence(Qt::Key_F1), QKeySequence(Qt::Key_Question)});
    addAction(keys);
    addShortcutTips();
}

void MainWindow::addShortcutTips()
{
    // Every action's tool tip names its keys (menus added later by others included: this
    // runs again on show and before the cheat sheet); the buttons repeat their action's tip.
    for (QAction *a : findChildren<QAction *>()) {
        if (a->isSeparator() || a->shortcut().isEmpty())
            continue;
        const QString keys = a->shortcut().toString(QKeySequence::NativeText);
        if (a->toolTip().contains(keys))
            continue;
        QString text = a->text();
        text.remove(QLatin1Char('&'));
        text.remove(QStringLiteral("…"));
        a->setToolTip(tr("%1 (%2)").arg(text, keys));
    }
    m_approveButton->setToolTip(tr("Approve the selected proposals (A)"));
    m_rejectButton->setToolTip(tr("Reject the selected proposals, with a reason (R)"));
    m_changesButton->setToolTip(tr("Ask for changes on the selected proposals (C)"));
}

QString MainWindow::currentProposalId() const
{
    const QModelIndex current = m_queueView->currentIndex();
    return current.isValid() ? current.data(QueueModel::IdRole).toString() : QString();
}

int MainWindow::currentProxyRow() const
{
    const QModelIndex current = m_queueView->currentIndex();
    return current.isValid() ? current.row() : -1;
}

bool MainWindow::selectRow(int proxyRow)
{
    if (proxyRow < 0 || proxyRow >= m_queueProxy->rowCount())
        return false;
    const QModelIndex index = m_queueProxy->index(proxyRow, 0);
    m_queueView->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_queueView->scrollTo(index);
    return true;
}

// Deferred proposals are this reviewer's, on this machine, per database: a note to come
// back, not a decision (nothing goes to the audit log).
QString MainWindow::deferredKey() const
{
    const QByteArray who = (m_store ? m_store->url() : QString()).toUtf8() + '\n'
                           + m_decisions->reviewer().toUtf8();
    return QStringLiteral("deferred/")
           + QString::fromLatin1(QCryptographicHash::hash(who, QCryptographicHash::Sha256)
                                     .toHex()
                                     .left(24));
}

void MainWindow::loadDeferred()
{
    const QStringList ids = QSettings().value(deferredKey()).toStringList();
    m_deferred = QSet<QString>(ids.cbegin(), ids.cend());
    m_queueProxy->setDeferred(m_deferred);
}

void MainWindow::toggleDeferred()
{
    const QString id = currentProposalId();
    if (id.isEmpty())
        return;
    disarmGuard();
    const bool defer = !m_deferred.contains(id);
    const QString nextId = defer ? nextPendingAfter({id}) : QString();
    if (defer)
        m_deferred.insert(id);
    else
        m_deferred.remove(id);
    QStringList ids(m_deferred.cbegin(), m_deferred.cend());
    ids.sort();
    QSettings().setValue(deferredKey(), ids);
    m_queueProxy->setDeferred(m_deferred);
    const QString shown = PlainText::line(id, PlainText::kShortChars);
    showMessage(defer ? tr("Deferred: %1 (D on it again un-defers; the Deferred view lists them)")
                            .arg(shown)
                      : tr("No longer deferred: %1").arg(shown),
                6000);
    if (!nextId.isEmpty())
        selectProposal(nextId);
}

void MainWindow::nextSharingTarget()
{
    const QString id = currentProposalId();
    const QueueEntry *entry = m_queueModel->entryAt(m_queueModel->rowForId(id));
    if (!entry)
        return;
    QStringList group = m_queueModel->targetWriters().others(*entry);
    if (group.isEmpty()) {
        showMessage(tr("No other pending or approved proposal writes this proposal's files."),
                    5000);
        return;
    }
    // O cycles through the group in queue order, from the current one.
    group << id;
    std::sort(group.begin(), group.end(), [this](const QString &a, const QString &b) {
        return m_queueModel->rowForId(a) < m_queueModel->rowForId(b);
    });
    const QString next = group.at((group.indexOf(id) + 1) % group.size());
    if (!selectProposal(next)) {
        showMessage(tr("%1 also writes this file, but the current filter hides it (Ctrl+1 "
                       "shows every proposal).")
                        .arg(PlainText::line(next, PlainText::kShortChars)),
                    8000);
        return;
    }
    showMessage(tr("%1 of %2 proposals writing the same file (O goes on)")
                    .arg(group.indexOf(next) + 1)
                    .arg(group.size()),
                5000);
}

bool MainWindow::selectProposal(const QString &id)
{
    const int sourceRow = m_queueModel->rowForId(id);
    if (sourceRow < 0)
        return false;
    return selectRow(m_queueProxy->mapFromSource(m_queueModel->index(sourceRow, 0)).row());
}

void MainWindow::reloadQueue()
{
    QueueSnapshot snapshot;
    if (m_store)
        snapshot = QueueLoader::load(m_store.get());
    applySnapshot(std::move(snapshot));
}

void MainWindow::applySnapshot(QueueSnapshot snapshot)
{
    if (m_store && !snapshot.ok)
        showMessage(tr("Cannot read the queue: %1").arg(snapshot.error));
    const QString keep = currentProposalId();
    // A merge, not a reset, when the queue only grew: the reviewer's selection, scroll
    // position and half-typed reason survive a background import.
    m_reloading = true;
    m_queueModel->setReviewers(snapshot.reviewers);
    m_decidedToday = snapshot.decidedToday;
    m_queueModel->updateEntries(std::move(snapshot.entries));
    m_reloading = false;
    for (auto it = m_diagnostics.cbegin(); it != m_diagnostics.cend(); ++it)
        applyDiagnosticCounts(it.key());
    QStringList kinds;
    for (const QueueEntry &e : m_queueModel->entries()) {
        // A completion list is no place for a kind of a megabyte (it can still be typed).
        if (!e.kind.isEmpty() && e.kind.size() <= PlainText::kShortChars
            && !kinds.contains(QStringLiteral("kind:") + e.kind) && kinds.size() < 50)
            kinds << QStringLiteral("kind:") + e.kind;
    }
    m_filterBar->setExtraCompletions(kinds);
    // New or changed reports: the whole-text matches are searched again.
    const QStringList textValues = m_queueProxy->query().textValues();
    if (!textValues.isEmpty())
        m_textSearch->search(textValues);
    updateUndoAction();
    const QString restore = std::exchange(m_restoreSelection, QString());
    if (restore.isEmpty() || !selectProposal(restore)) {
        if (keep.isEmpty() || currentProposalId() != keep) {
            if ((keep.isEmpty() || !selectProposal(keep)) && !m_queueView->currentIndex().isValid())
                selectRow(0);
        }
    }
    showCurrent();
    updateEmptyStates();
    updateCounts();
    Q_EMIT queueReloaded();
}

void MainWindow::searchText(const FilterQuery &query)
{
    const QStringList values = query.textValues();
    // Results for values still in the query stay until the new search lands: typing a
    // second word does not make the rows the first one found flicker away.
    TextMatches kept;
    const TextMatches &old = m_queueProxy->textMatches();
    for (const QString &v : values) {
        const auto it = old.constFind(v);
        if (it != old.cend())
            kept.insert(v, *it);
    }
    m_queueProxy->setTextMatches(kept);
    if (values == m_textSearch->values()
        && (m_textSearch->isBusy() || kept.size() == values.size()))
        return; // same words (only other terms changed): searched or being searched
    m_textSearch->search(values);
}

void MainWindow::updateEmptyStates()
{
    const bool noReports = m_queueModel->rowCount() == 0;
    const bool noMatch = !noReports && m_queueProxy->rowCount() == 0;
    m_rightStack->setCurrentIndex(noReports || noMatch ? 0 : 1);
    m_queueStack->setCurrentIndex(noMatch ? 1 : 0);
    if (noMatch) {
        QString text =
            tr("No proposal matches “%1”.\nPress Esc in the filter (Ctrl+F) to clear it, or "
               "pick a view on the left.")
                .arg(PlainText::line(m_filterBar->text()));
        if (m_textSearch->isBusy())
            text += QLatin1Char('\n') + tr("Still searching the proposals' whole text…");
        m_noMatchLabel->setText(text);
        m_emptyLabel->setText(text);
    } else {
        m_emptyLabel->setText(tr("No reports yet: File > Open reports… (Ctrl+O), File > Watch "
                                 "folder… (Ctrl+Shift+W), or run `verdict resources/samples`"));
    }
}

void MainWindow::showCurrent()
{
    if (m_reloading)
        return; // rows are being merged; applySnapshot() shows the result once
    const QString id = currentProposalId();
    if (m_reasonBar->isAsking() && m_reasonBar->proposalId() != id)
        m_reasonBar->cancel();
    updateResolveActions();
    if (id.isEmpty() || !m_store) {
        m_shownId.clear();
        m_proposalView->clear();
        return;
    }
    const QModelIndex current = m_queueView->currentIndex();
    const int revision = current.data(QueueModel::RevisionRole).toInt();
    if (id == m_shownId && revision == m_proposalView->revision())
        return;
    auto stored = m_store->proposal(id, revision);
    if (!stored) {
        showMessage(tr("Cannot load %1: %2").arg(shownId(id), stored.errorMessage()));
        m_proposalView->clear();
        m_shownId.clear();
        return;
    }
    m_shownId = id;
    m_proposalView->setProposal(stored.value());
    showHistoryOf(stored.value());
    const auto it = m_diagnostics.constFind(id);
    if (it != m_diagnostics.cend() && it->revision == revision)
        m_proposalView->setDiagnostics(it->list, true);
    else if (m_engine) // cached results come back at once; the GUI does not wait for them
        m_engine->diagnose(std::vector<StoredProposal>{stored.value()}, m_queueModel->entries());
    Q_EMIT proposalShown(id);
}

void MainWindow::setDiagnostics(const QString &proposalId, int revision,
                                const std::vector<Diagnostic> &diagnostics)
{
    m_diagnostics.insert(proposalId, ProposalDiagnostics{revision, diagnostics});
    applyDiagnosticCounts(proposalId);
    if (m_shownId == proposalId && m_proposalView->revision() == revision)
        m_proposalView->setDiagnostics(diagnostics, true);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_queueView) { // a theme from Settings
        applyRiskStyle();
        m_queueView->viewport()->update();
    }
}

void MainWindow::applyRiskStyle()
{
    // The code view's error and warning colours: from the highlighter theme for this
    // palette (light or dark), so the queue and the code speak the same colours. The icons
    // and the tool tip words carry the meaning for anyone who cannot tell them apart.
    const auto colors = SyntaxHighlighterAdapter::editorColors(palette());
    QStyle *s = style();
    m_queueModel->setRiskStyle(QueueModel::ErrorRisk,
                               s->standardIcon(QStyle::SP_MessageBoxCritical), colors.error);
    m_queueModel->setRiskStyle(QueueModel::BlockingRisk,
                               s->standardIcon(QStyle::SP_BrowserStop), colors.error);
    m_queueModel->setRiskStyle(QueueModel::SharedTargetRisk,
                               s->standardIcon(QStyle::SP_MessageBoxWarning), colors.warning);
}

void MainWindow::applyDiagnosticCounts(const QString &id)
{
    const auto it = m_diagnostics.constFind(id);
    const QueueEntry *entry = m_queueModel->entryAt(m_queueModel->rowForId(id));
    if (it == m_diagnostics.cend() || !entry || entry->revision != it->revision)
        return;
    int counts[3] = {0, 0, 0};
    for (const Diagnostic &d : it->list)
        ++counts[int(d.severity)];
    QStringList rules;
    for (const Diagnostic &d : it->list) {
        if (!rules.contains(d.rule))
            rules << d.rule;
    }
    m_queueModel->setDiagnosticRules(id, rules);
    m_queueModel->setDiagnosticCounts(id, counts[int(DiagnosticSeverity::Error)],
                                      counts[int(DiagnosticSeverity::Warning)],
                                      counts[int(DiagnosticSeverity::Info)]);
}

void MainWindow::approveCurrent()
{
    const QStringList ids = selectedProposalIds();
    if (ids.isEmpty())
        return;
    if (m_reasonBar->isAsking())
        m_reasonBar->cancel();
    const ApprovalGuard &guard = m_guard;
    const TargetWriters &writers = m_queueModel->targetWriters();
    if (ids.size() == 1) {
        // A guarded proposal takes A twice: the first says why, inline.
        const QueueEntry *entry = m_queueModel->entryAt(m_queueModel->rowForId(ids.first()));
        const QStringList why = entry ? guard.reasons(*entry, writers) : QStringList();
        if (!why.isEmpty() && !m_guardBar->isArmedFor(entry->id, entry->revision)) {
            m_guardBar->arm(entry->id, entry->revision, why);
            m_guardCancel->setEnabled(true);
            return;
        }
    } else {
        QStringList guarded;
        for (const QString &id : ids) {
            const QueueEntry *entry = m_queueModel->entryAt(m_queueModel->rowForId(id));
            const QStringList why = entry ? guard.reasons(*entry, writers) : QStringList();
            if (!why.isEmpty())
                guarded << QStringLiteral("%1: %2").arg(id.left(60), why.join(QStringLiteral("; ")));
        }
        QString question = tr("Approve %1 proposals?").arg(ids.size());
        if (!guarded.isEmpty()) {
            question += QLatin1Char('\n') + tr("%n of them need a second look:", nullptr,
                                                int(guarded.size()));
            for (int i = 0; i < guarded.size() && i < 10; ++i)
                question += QStringLiteral("\n• ") + guarded.at(i);
            if (guarded.size() > 10)
                question += QStringLiteral("\n• ") + tr("… and %1 more").arg(guarded.size() - 10);
        }
        if (!confirm(question))
            return;
    }
    disarmGuard();
    decideMany(Verdict::Approve, ids, QString());
}

void MainWindow::disarmGuard()
{
    m_guardBar->disarm();
    m_guardCancel->setEnabled(false);
}

void MainWindow::rejectCurrent()
{
    disarmGuard();
    askReason(Verdict::Reject);
}

void MainWindow::requestChangesCurrent()
{
    disarmGuard();
    askReason(Verdict::Changes);
}

void MainWindow::askReason(Verdict verdict)
{
    const QModelIndex current = m_queueView->currentIndex();
    const QStringList ids = selectedProposalIds();
    if (!current.isValid() || ids.isEmpty())
        return;
    m_bulkIds = ids.size() > 1 ? ids : QStringList();
    m_reasonBar->ask(verdict, current.data(QueueModel::IdRole).toString(),
                     current.data(QueueModel::RevisionRole).toInt(), int(ids.size()));
}

bool MainWindow::currentIsConflict() const
{
    const QModelIndex current = m_queueView->currentIndex();
    return current.isValid()
           && current.data(QueueModel::StatusRole).toInt() == int(Status::Conflict);
}

void MainWindow::updateResolveActions()
{
    // One proposal at a time: a resolution is a considered call, never a bulk one.
    const bool enabled = currentIsConflict() && selectedProposalIds().size() == 1;
    for (QAction *a : std::as_const(m_resolveActions))
        a->setEnabled(enabled);
}

void MainWindow::resolveCurrent(Verdict verdict)
{
    if (!currentIsConflict() || verdict == Verdict::Retract)
        return;
    const QModelIndex current = m_queueView->currentIndex();
    const QString id = current.data(QueueModel::IdRole).toString();
    const int revision = current.data(QueueModel::RevisionRole).toInt();
    m_bulkIds.clear();
    if (verdict == Verdict::Approve) {
        if (m_reasonBar->isAsking())
            m_reasonBar->cancel();
        decide(verdict, id, revision, QString(), true);
        return;
    }
    m_reasonBar->ask(verdict, id, revision, 1, true);
}

QStringList MainWindow::selectedProposalIds() const
{
    QModelIndexList rows = m_queueView->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex &i : std::as_const(rows))
        ids << i.data(QueueModel::IdRole).toString();
    const QString current = currentProposalId();
    if (ids.isEmpty() && !current.isEmpty())
        ids << current;
    return ids;
}

bool MainWindow::confirm(const QString &question)
{
    return m_confirm ? m_confirm(question) : true;
}

void MainWindow::setConfirmHandler(std::function<bool(const QString &)> handler)
{
    m_confirm = std::move(handler);
}

bool MainWindow::isMyStandingVerdict(const QString &id, int revision, Verdict verdict,
                                     const QString &reason) const
{
    const QString me = m_decisions->reviewer();
    if (!m_store || me.isEmpty() || verdict == Verdict::Retract)
        return false;
    // The queue already knows who has a standing decision: only then ask the store which
    // (A on an undecided proposal, the common case, costs no query).
    if (!m_queueModel->reviewers().value(id).contains(me))
        return false;
    const auto all = m_store->decisions(id);
    if (!all)
        return false;
    const Decision *mine = nullptr;
    for (const Decision &d : *all) {
        if (d.revision == revision && d.reviewer == me)
            mine = &d; // in decision order: the last one stands
    }
    return mine && !mine->resolution && mine->verdict == verdict
           && mine->reason.trimmed() == reason.trimmed();
}

QString MainWindow::nextPendingAfter(const QStringList &ids) const
{
    // Where to go next is decided before the rows change: with the queue sorted or
    // filtered by status the decided rows move away.
    int fromRow = -1;
    for (const QString &id : ids) {
        const int sourceRow = m_queueModel->rowForId(id);
        fromRow = std::max(fromRow,
                           m_queueProxy->mapFromSource(m_queueModel->index(sourceRow, 0)).row());
    }
    const int n = m_queueProxy->rowCount();
    for (int i = 1; i < n && fromRow >= 0; ++i) {
        const QModelIndex index = m_queueProxy->index((fromRow + i) % n, 0);
        const QString id = index.data(QueueModel::IdRole).toString();
        if (index.data(QueueModel::StatusRole).toInt() == int(Status::Pending)
            && !ids.contains(id) && !m_deferred.contains(id))
            return id;
    }
    return {};
}

void MainWindow::decide(Verdict verdict, const QString &proposalId, int revision,
                        const QString &reason, bool resolution)
{
    if (!resolution && !m_bulkIds.isEmpty() && m_bulkIds.contains(proposalId)) {
        const QStringList ids = std::exchange(m_bulkIds, QStringList());
        decideMany(verdict, ids, reason);
        return;
    }
    m_bulkIds.clear();
    // The reason bar asked about this revision: decide on it, not on whatever is latest now.
    const int row = m_queueModel->rowForId(proposalId);
    const QueueEntry *entry = m_queueModel->entryAt(row);
    if (entry && entry->revision != revision) {
        showMessage(tr("Not recorded: %1 changed to revision %2 while you were deciding; "
                       "look again.")
                        .arg(shownId(proposalId))
                        .arg(entry->revision),
                    15000);
        return;
    }
    decideMany(verdict, {proposalId}, reason, resolution);
}

void MainWindow::decideMany(Verdict verdict, const QStringList &ids, const QString &reason,
                            bool resolution)
{
    const QString nextId = nextPendingAfter(ids);
    if (m_decisions->reviewer().trimmed().isEmpty() && !askReviewerName()) {
        showMessage(tr("Not recorded: a decision needs a reviewer name."), 15000);
        return;
    }
    // SQLite commits a decision in well under a millisecond (bench_decide: median ~0.2 ms),
    // so it is recorded right here: durable before the next proposal is shown.
    std::vector<Decision> done;
    QString failure;
    int unchanged = 0;
    for (const QString &id : ids) {
        const QueueEntry *entry = m_queueModel->entryAt(m_queueModel->rowForId(id));
        const int revision = entry ? entry->revision : 0;
        // The same verdict (and reason) as my standing one on this revision: a second
        // record would add nothing but noise to the audit log, and a second undo step.
        if (!resolution && isMyStandingVerdict(id, revision, verdict, reason)) {
            ++unchanged;
            continue;
        }
        auto result = resolution ? m_decisions->resolve(id, revision, verdict, reason)
                                 : m_decisions->decide(id, revision, verdict, reason);
        if (result) {
            done.push_back(result.value());
        } else if (resolution && DecisionController::isPermissionError(result.error())) {
            // One plain sentence, not the server's text: the lead role is what is missing.
            failure = tr("%1: only a lead (a member of verdict_lead on the team server) may "
                         "resolve a conflict; it stays in conflict.")
                          .arg(shownId(id));
        } else {
            failure = tr("%1: %2").arg(shownId(id), result.errorMessage());
        }
    }
    if (!done.empty()) {
        m_undo.push_back(done);
        updateUndoAction();
    }
    const auto done_ = [](Verdict v) {
        switch (v) {
        case Verdict::Approve: return tr("approved");
        case Verdict::Reject: return tr("rejected");
        case Verdict::Changes: return tr("sent back for changes");
        case Verdict::Retract: break;
        }
        return tr("retracted");
    };
    if (done.empty() && failure.isEmpty() && unchanged > 0) {
        showMessage(ids.size() == 1
                        ? tr("Already %1 by you: nothing recorded.").arg(done_(verdict))
                        : tr("All %1 already %2 by you: nothing recorded.")
                              .arg(ids.size())
                              .arg(done_(verdict)),
                    6000);
        return;
    }
    if (!failure.isEmpty()) {
        showMessage(done.empty() ? tr("Not recorded: %1").arg(failure)
                                 : tr("Recorded %1 of %2; not recorded: %3")
                                       .arg(done.size())
                                       .arg(ids.size())
                                       .arg(failure),
                    15000);
        return;
    }
    const QueueEntry *first = m_queueModel->entryAt(m_queueModel->rowForId(ids.first()));
    const QString label = statusLabel(first ? first->status : Status::Pending);
    if (resolution) {
        showMessage(tr("Conflict resolved — %1: %2").arg(label, shownId(ids.first())), 6000);
    } else {
        showMessage(ids.size() == 1
                        ? tr("%1: %2  (Ctrl+Z undoes)").arg(label, shownId(ids.first()))
                        : tr("%1: %2 proposals  (Ctrl+Z undoes)").arg(label).arg(ids.size()),
                    4000);
    }
    if (!nextId.isEmpty())
        selectProposal(nextId);
    else if (const int pending = m_queueModel->pendingCount(); pending > 0)
        showMessage(tr("No pending proposal left in this view; %n pending in the whole queue.",
                       nullptr, pending),
                    8000);
    else
        showMessage(tr("Every proposal in the queue has a decision."), 8000);
    m_queueView->setFocus(Qt::OtherFocusReason);
}

void MainWindow::undoLast()
{
    std::vector<Decision> group;
    if (!m_undo.empty()) {
        group = std::move(m_undo.back());
        m_undo.pop_back();
    } else if (const std::optional<Decision> last = lastStandingDecision()) {
        group.push_back(*last); // an earlier session's: the store remembers it
    } else {
        showMessage(tr("Nothing to undo: no decision of yours stands."), 5000);
        updateUndoAction();
        return;
    }
    QStringList undone;
    QString failure;
    for (const Decision &d : group) {
        // A retraction is a decision of its own: the audit trail keeps both.
        auto result = m_decisions->decide(d.proposalId, d.revision, Verdict::Retract,
                                          tr("undo"));
        if (result)
            undone << d.proposalId;
        else
            failure = tr("%1: %2").arg(shownId(d.proposalId), result.errorMessage());
    }
    updateUndoAction();
    if (!failure.isEmpty()) {
        showMessage(tr("Could not undo %1").arg(failure), 15000);
        if (undone.isEmpty())
            return;
    }
    // Back in the queue, and selected (all of a bulk decision).
    if (selectProposal(undone.first())) {
        for (const QString &id : std::as_const(undone).mid(1)) {
            const int sourceRow = m_queueModel->rowForId(id);
            const QModelIndex i = m_queueProxy->mapFromSource(m_queueModel->index(sourceRow, 0));
            if (i.isValid())
                m_queueView->selectionModel()->select(
                    i, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }
    if (failure.isEmpty()) {
        showMessage(undone.size() == 1
                        ? tr("Undone: %1 is back in the queue.").arg(shownId(undone.first()))
                        : tr("Undone: %1 proposals are back in the queue.").arg(undone.size()),
                    6000);
    }
    m_queueView->setFocus(Qt::OtherFocusReason);
}

std::optional<Decision> MainWindow::lastStandingDecision() const
{
    const QString me = m_decisions->reviewer();
    if (!m_store || me.isEmpty())
        return std::nullopt;
    auto all = m_store->allDecisions();
    if (!all)
        return std::nullopt;
    // My latest word per proposal, oldest first; the newest that is not a retraction and
    // is on the revision the queue shows (a decision on an older revision no longer counts).
    QHash<QString, int> latest; // proposal id -> index in *all
    for (int i = 0; i < int(all->size()); ++i) {
        if ((*all)[size_t(i)].reviewer == me)
            latest.insert((*all)[size_t(i)].proposalId, i);
    }
    int best = -1;
    for (auto it = latest.cbegin(); it != latest.cend(); ++it) {
        const Decision &d = (*all)[size_t(it.value())];
        const QueueEntry *entry = m_queueModel->entryAt(m_queueModel->rowForId(d.proposalId));
        if (d.verdict != Verdict::Retract && entry && entry->revision == d.revision)
            best = std::max(best, it.value());
    }
    if (best < 0)
        return std::nullopt;
    return (*all)[size_t(best)];
}

void MainWindow::updateUndoAction()
{
    // Cheap: the queue already knows who has a standing decision on what.
    bool any = !m_undo.empty();
    const QString me = m_decisions->reviewer();
    const auto &reviewers = m_queueModel->reviewers();
    for (auto it = reviewers.cbegin(); !any && it != reviewers.cend(); ++it)
        any = it->contains(me);
    m_undoAction->setEnabled(any);
}

void MainWindow::showHistoryOf(const StoredProposal &stored)
{
    std::vector<Decision> list;
    if (m_store) {
        auto decisions = m_store->decisions(stored.proposal.id);
        if (decisions)
            list = std::move(decisions).value();
    }
    Store *store = m_store.get();
    const QString id = stored.proposal.id;
    m_proposalView->historyView()->setHistory(
        stored, list, [store, id](int revision) -> Result<StoredProposal> {
            if (!store)
                return makeError(tr("No database is open."));
            return store->proposal(id, revision);
        });
    m_proposalView->updateHistoryTitle();
}

void MainWindow::showCheatSheet()
{
    if (!m_cheatSheet)
        m_cheatSheet = new CheatSheet(this);
    addShortcutTips();
    QList<QPair<QString, QList<QAction *>>> groups;
    for (QAction *menuAction : menuBar()->actions()) {
        if (QMenu *menu = menuAction->menu()) {
            QString title = menu->title();
            title.remove(QLatin1Char('&'));
            groups.append({title, menu->actions()});
        }
    }
    m_cheatSheet->setActions(groups);
    m_cheatSheet->show();
    m_cheatSheet->raise();
}

void MainWindow::focusFilter()
{
    m_filterBar->lineEdit()->setFocus(Qt::ShortcutFocusReason);
    m_filterBar->lineEdit()->selectAll();
}

void MainWindow::saveCurrentView()
{
    const QString query = m_filterBar->text().trimmed();
    if (query.isEmpty() || !m_filterBar->errorText().isEmpty()) {
        showMessage(tr("Type a valid filter first (Ctrl+F); a view saves it under a name."),
                    8000);
        return;
    }
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save view"),
                                               tr("Name for the view “%1”:").arg(query),
                                               QLineEdit::Normal, QString(), &ok)
                             .trimmed();
    if (ok && !name.isEmpty())
        m_savedViews->addView(name, query);
}

QStringList MainWindow::reasonPresets() const
{
    return m_reasonBar->presets();
}

bool MainWindow::setReasonPresets(const QStringList &presets)
{
    auto saved = ReasonPresets::save(m_store.get(), presets);
    if (!saved) {
        showMessage(tr("Presets not saved: %1").arg(saved.errorMessage()), 15000);
        return false;
    }
    m_reasonBar->setPresets(ReasonPresets::load(m_store.get()));
    m_guard = ApprovalGuard::fromStore(m_store.get());
    return true;
}

void MainWindow::editReasonPresets()
{
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(
        this, tr("Reason presets"),
        tr("One reason per line. Everyone using this database sees them; the first nine "
           "get the keys 1-9 in the reason box."),
        reasonPresets().join(QLatin1Char('\n')), &ok);
    if (ok)
        setReasonPresets(text.split(QLatin1Char('\n'), Qt::SkipEmptyParts));
}

void MainWindow::setWatchFolders(const QStringList &folders)
{
    FolderWatcher::setConfiguredFolders(folders);
    m_watcher->setFolders(folders);
}

void MainWindow::watchFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Watch folder"));
    if (dir.isEmpty())
        return;
    QStringList folders = FolderWatcher::configuredFolders();
    if (!folders.contains(dir))
        folders << dir;
    setWatchFolders(folders);
    importPaths({dir});
    showMessage(tr("Watching %1: reports dropped there are imported as they arrive.").arg(dir),
                8000);
}

void MainWindow::restoreSession()
{
    m_sessionRestored = true;
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray splitter = settings.value(QStringLiteral("window/splitter")).toByteArray();
    if (!splitter.isEmpty() && m_splitter->restoreState(splitter))
        m_splitterPlaced = true;
    QHeaderView *header = m_queueView->horizontalHeader();
    const QByteArray columns = settings.value(QStringLiteral("queue/header")).toByteArray();
    if (!columns.isEmpty() && header->restoreState(columns)) {
        m_columnsFitted = false; // the reviewer's own widths
        m_queueView->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    }
    m_filterBar->setText(settings.value(QStringLiteral("queue/filter")).toString());
    const QString selected = settings.value(QStringLiteral("queue/selected")).toString();
    if (!selected.isEmpty() && !selectProposal(selected))
        m_restoreSelection = selected; // not loaded yet: picked up by the next reload
    m_watcher->setFolders(FolderWatcher::configuredFolders());
}

void MainWindow::saveSession() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("queue/header"),
                      m_queueView->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("queue/filter"), m_filterBar->text());
    settings.setValue(QStringLiteral("queue/selected"), currentProposalId());
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
    loadDeferred(); // deferrals are per reviewer
    m_reviewerLabel->setText(
        name.isEmpty() ? tr("Reviewer: (not set)")
                       : tr("Reviewer: %1").arg(PlainText::line(name, PlainText::kShortChars)));
    updateUndoAction();
}

void MainWindow::nextProposal()
{
    const int row = currentProxyRow();
    selectRow(std::min(row + 1, m_queueProxy->rowCount() - 1));
}

void MainWindow::previousProposal()
{
    const int row = currentProxyRow();
    selectRow(std::max(row - 1, 0));
}

void MainWindow::openReports()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open reports"), QString(),
        tr("Reports (*.txt *.md *.report);;All files (*)"));
    if (!files.isEmpty())
        importPaths(files);
}

QFuture<ImportOutcome> MainWindow::importPaths(const QStringList &paths)
{
    const QString url = m_store ? m_store->url() : QString();
    const QString actor = m_decisions->reviewer();
    // Progress in the status bar, a cancellable dialog when it takes long; a cancelled
    // import stores nothing (the store write is one transaction, and the last step).
    auto *job = new BackgroundJob(tr("Importing"), this, statusBar());
    const std::shared_ptr<JobControl> control = job->control();
    QFuture<ImportOutcome> future = QtConcurrent::run([url, paths, actor, control] {
        return ImportTask::run(url, paths, actor, control.get());
    });
    job->watch(future);
    auto *watcher = new QFutureWatcher<ImportOutcome>(this);
    ++m_importsRunning;
    showMessage(tr("Importing %1…").arg(paths.join(QStringLiteral(", "))), 0);
    connect(watcher, &QFutureWatcher<ImportOutcome>::finished, this, [this, watcher] {
        const ImportOutcome outcome = watcher->result();
        watcher->deleteLater();
        --m_importsRunning;
        reloadQueue();
        diagnoseUncomputed();
        showMessage(ImportTask::describe(outcome), outcome.ok ? 8000 : 0);
        Q_EMIT importFinished(outcome);
    });
    watcher->setFuture(future);
    return future;
}

void MainWindow::enableDiagnostics()
{
    if (m_engine || !m_store)
        return;
    m_engine = new DiagnosticsEngine(this);
    m_engine->setStoreUrl(m_store->url());
    connect(m_engine, &DiagnosticsEngine::proposalDiagnosed, this, &MainWindow::setDiagnostics);
    m_tools->watchDiagnostics(m_engine);
    if (!m_shownId.isEmpty()) {
        m_shownId.clear();
        showCurrent();
    }
    diagnoseUncomputed();
}

void MainWindow::diagnoseUncomputed()
{
    if (!m_engine)
        return;
    QStringList ids;
    for (const QueueEntry &e : m_queueModel->entries()) {
        if (e.errors < 0 && !m_diagnostics.contains(e.id))
            ids << e.id;
    }
    if (ids.isEmpty())
        return;
    // Reading every proposal is the worker's job (its own store), not the GUI thread's.
    const QString url = m_store->url();
    auto future = QtConcurrent::run([url, ids] {
        std::vector<StoredProposal> proposals;
        auto store = openStore(url);
        if (!store)
            return proposals;
        for (const QString &id : ids) {
            auto p = store.value()->proposal(id);
            if (p)
                proposals.push_back(std::move(p).value());
        }
        return proposals;
    });
    auto *watcher = new QFutureWatcher<std::vector<StoredProposal>>(this);
    connect(watcher, &QFutureWatcher<std::vector<StoredProposal>>::finished, this,
            [this, watcher] {
                watcher->deleteLater();
                if (m_engine)
                    m_engine->diagnose(watcher->result(), m_queueModel->entries());
            });
    watcher->setFuture(future);
    m_loading = future;
}

bool MainWindow::waitForDiagnostics(int msecs)
{
    if (!m_engine)
        return true;
    m_loading.waitForFinished();
    QCoreApplication::processEvents(); // hands the loaded proposals to the engine
    const bool done = m_engine->waitForDone(msecs);
    QCoreApplication::processEvents(); // delivers the queued results
    return done;
}

void MainWindow::updateCounts()
{
    // Where I am, what the filter shows, what is left, what I did today: always true, from
    // the model itself.
    const int total = m_queueModel->rowCount();
    const int pending = m_queueModel->pendingCount();
    const int shown = m_queueProxy->rowCount();
    const int row = m_queueView->currentIndex().isValid() ? m_queueView->currentIndex().row()
                                                          : -1;
    QStringList parts;
    if (row >= 0)
        parts << tr("%1 of %2").arg(row + 1).arg(shown);
    else if (shown != total)
        parts << tr("%1 shown").arg(shown);
    if (shown != total && row >= 0)
        parts.last() += tr(" shown");
    parts << tr("%1 proposals, %2 pending").arg(total).arg(pending);
    parts << tr("%1 decided by you today").arg(m_decidedToday.value(m_decisions->reviewer()));
    m_countsLabel->setText(parts.join(QStringLiteral("  ·  ")));
    updateDecisionButtons();
}

void MainWindow::updateDecisionButtons()
{
    const bool any = m_queueView->currentIndex().isValid();
    for (QPushButton *b : {m_approveButton, m_rejectButton, m_changesButton})
        b->setEnabled(any);
}

void MainWindow::copySelected(int role)
{
    QStringList values;
    if (role == QueueModel::IdRole) {
        values = selectedProposalIds();
    } else {
        QModelIndexList rows = m_queueView->selectionModel()->selectedRows();
        std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) {
            return a.row() < b.row();
        });
        if (rows.isEmpty() && m_queueView->currentIndex().isValid())
            rows << m_queueView->currentIndex();
        for (const QModelIndex &i : std::as_const(rows)) {
            const QVariant v = i.data(role);
            values << (v.userType() == QMetaType::QStringList
                           ? v.toStringList().join(QLatin1Char('\n'))
                           : v.toString());
        }
    }
    if (values.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(values.join(QLatin1Char('\n')));
    showMessage(values.size() == 1 ? tr("Copied.") : tr("Copied %1 values.").arg(values.size()),
                3000);
}

void MainWindow::showMessage(const QString &text, int timeoutMs)
{
    // Messages quote ids, paths and errors that may hold report text: one bounded line.
    statusBar()->showMessage(PlainText::line(text, PlainText::kMessageChars), timeoutMs);
}

} // namespace verdict
