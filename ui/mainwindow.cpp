// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "decisioncontroller.h"
#include "diagnostics/diagnosticsengine.h"
#include "icons.h"
#include "plaintext.h"
#include "proposalview.h"
#include "queue/queuemodel.h"
#include "reasonbar.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHelpEvent>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace verdict {

namespace {

// A table whose tool tips show report text literally (never as rich text).
class PlainToolTipTable final : public QTableView
{
public:
    using QTableView::QTableView;

protected:
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
    , m_queueProxy(new QSortFilterProxyModel(this))
    , m_decisions(new DecisionController(m_store.get(), reviewer, this))
{
    setWindowIcon(Icons::application());
    setWindowTitle(m_store ? tr("Verdict — %1").arg(m_store->url()) : tr("Verdict"));
    for (Status s : {Status::Pending, Status::Approved, Status::Rejected, Status::Changes,
                     Status::Conflict})
        m_queueModel->setStatusIcon(s, Icons::status(s));
    m_queueProxy->setSourceModel(m_queueModel);
    m_queueProxy->setSortRole(QueueModel::SortRole);
    m_queueProxy->setDynamicSortFilter(true);

    createWidgets();
    createActions();

    connect(m_decisions, &DecisionController::decided, this,
            [this](const Decision &decision, Status status) {
                m_queueModel->setStatus(decision.proposalId, status);
                if (m_proposalView->proposalId() == decision.proposalId)
                    m_proposalView->setStatus(status);
                updateCounts();
                Q_EMIT decisionRecorded(decision);
            });
    connect(m_reasonBar, &ReasonBar::confirmed, this,
            [this](Verdict verdict, const QString &id, int revision, const QString &reason) {
                decide(verdict, id, revision, reason);
            });
    connect(m_reasonBar, &ReasonBar::cancelled, this, [this] {
        showMessage(tr("Cancelled: nothing recorded."), 3000);
        m_queueView->setFocus(Qt::OtherFocusReason);
    });

    resize(1400, 900);
    reloadQueue();
}

MainWindow::~MainWindow() = default;

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!m_splitterPlaced) {
        // Sizes only stick once the splitter has its real width: the queue a bit more than half.
        m_splitterPlaced = true;
        const int total = m_splitter->width();
        const int left = total * 56 / 100;
        m_splitter->setSizes({left, total - left});
    }
}

void MainWindow::createWidgets()
{
    m_queueView = new PlainToolTipTable;
    m_queueView->setObjectName(QStringLiteral("queue"));
    m_queueView->setModel(m_queueProxy);
    m_queueView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_queueView->setSelectionMode(QAbstractItemView::SingleSelection);
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
    connect(m_queueView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { showCurrent(); });

    auto *queueTitle = PlainText::label(tr("Queue"));
    QFont bold = queueTitle->font();
    bold.setBold(true);
    queueTitle->setFont(bold);
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 0, 4);
    leftLayout->setSpacing(4);
    auto *hint = PlainText::label(tr("J/K or ↑/↓ move  ·  A approve  ·  R reject  ·  "
                                     "C request changes"));
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
    leftLayout->addWidget(m_queueView, 1);

    m_proposalView = new ProposalView;
    m_reasonBar = new ReasonBar;

    m_approveButton = new QPushButton(Icons::status(Status::Approved), tr("Approve  (A)"));
    m_rejectButton = new QPushButton(Icons::status(Status::Rejected), tr("Reject…  (R)"));
    m_changesButton = new QPushButton(Icons::status(Status::Changes),
                                      tr("Request changes…  (C)"));
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
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_rightStack);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    m_countsLabel = PlainText::label();
    m_reviewerLabel = PlainText::label();
    m_countsLabel->setContentsMargins(8, 0, 8, 0);
    m_reviewerLabel->setContentsMargins(8, 0, 8, 0);
    statusBar()->addPermanentWidget(m_countsLabel);
    statusBar()->addPermanentWidget(m_reviewerLabel);
    const QString reviewer = m_decisions->reviewer();
    m_reviewerLabel->setText(reviewer.isEmpty() ? tr("Reviewer: (not set)")
                                                : tr("Reviewer: %1").arg(reviewer));
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
    file->addAction(tr("Set &reviewer name…"), this, [this] { askReviewerName(); });
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
    add(tr("&Reject…"), QKeySequence(Qt::Key_R), &MainWindow::rejectCurrent);
    add(tr("Request &changes…"), QKeySequence(Qt::Key_C), &MainWindow::requestChangesCurrent);
    review->addSeparator();
    add(tr("&Next proposal"), QKeySequence(Qt::Key_J), &MainWindow::nextProposal);
    add(tr("&Previous proposal"), QKeySequence(Qt::Key_K), &MainWindow::previousProposal);
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

bool MainWindow::selectProposal(const QString &id)
{
    const int sourceRow = m_queueModel->rowForId(id);
    if (sourceRow < 0)
        return false;
    return selectRow(m_queueProxy->mapFromSource(m_queueModel->index(sourceRow, 0)).row());
}

void MainWindow::reloadQueue()
{
    const QString keep = currentProposalId();
    std::vector<QueueEntry> entries;
    if (m_store) {
        auto queue = m_store->queue();
        if (queue)
            entries = std::move(queue).value();
        else
            showMessage(tr("Cannot read the queue: %1").arg(queue.errorMessage()));
    }
    m_queueModel->setEntries(std::move(entries));
    for (auto it = m_diagnostics.cbegin(); it != m_diagnostics.cend(); ++it)
        applyDiagnosticCounts(it.key());
    m_rightStack->setCurrentIndex(m_queueModel->rowCount() == 0 ? 0 : 1);
    if (keep.isEmpty() || !selectProposal(keep))
        selectRow(0);
    updateCounts();
}

void MainWindow::showCurrent()
{
    const QString id = currentProposalId();
    if (m_reasonBar->isAsking() && m_reasonBar->proposalId() != id)
        m_reasonBar->cancel();
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
        showMessage(tr("Cannot load %1: %2").arg(id, stored.errorMessage()));
        m_proposalView->clear();
        m_shownId.clear();
        return;
    }
    m_shownId = id;
    m_proposalView->setProposal(stored.value());
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

void MainWindow::applyDiagnosticCounts(const QString &id)
{
    const auto it = m_diagnostics.constFind(id);
    const QueueEntry *entry = m_queueModel->entryAt(m_queueModel->rowForId(id));
    if (it == m_diagnostics.cend() || !entry || entry->revision != it->revision)
        return;
    int counts[3] = {0, 0, 0};
    for (const Diagnostic &d : it->list)
        ++counts[int(d.severity)];
    m_queueModel->setDiagnosticCounts(id, counts[int(DiagnosticSeverity::Error)],
                                      counts[int(DiagnosticSeverity::Warning)],
                                      counts[int(DiagnosticSeverity::Info)]);
}

void MainWindow::approveCurrent()
{
    const QModelIndex current = m_queueView->currentIndex();
    if (!current.isValid())
        return;
    if (m_reasonBar->isAsking())
        m_reasonBar->cancel();
    decide(Verdict::Approve, current.data(QueueModel::IdRole).toString(),
           current.data(QueueModel::RevisionRole).toInt(), QString());
}

void MainWindow::rejectCurrent()
{
    askReason(Verdict::Reject);
}

void MainWindow::requestChangesCurrent()
{
    askReason(Verdict::Changes);
}

void MainWindow::askReason(Verdict verdict)
{
    const QModelIndex current = m_queueView->currentIndex();
    if (!current.isValid())
        return;
    m_reasonBar->ask(verdict, current.data(QueueModel::IdRole).toString(),
                     current.data(QueueModel::RevisionRole).toInt());
}

void MainWindow::decide(Verdict verdict, const QString &proposalId, int revision,
                        const QString &reason)
{
    // Where to go next is decided before the row changes: with the queue sorted by status
    // the decided row moves away.
    const int sourceRow = m_queueModel->rowForId(proposalId);
    const int fromRow =
        m_queueProxy->mapFromSource(m_queueModel->index(sourceRow, 0)).row();
    QString nextId;
    const int n = m_queueProxy->rowCount();
    for (int i = 1; i < n && fromRow >= 0; ++i) {
        const QModelIndex index = m_queueProxy->index((fromRow + i) % n, 0);
        if (index.data(QueueModel::StatusRole).toInt() == int(Status::Pending)) {
            nextId = index.data(QueueModel::IdRole).toString();
            break;
        }
    }

    if (m_decisions->reviewer().trimmed().isEmpty() && !askReviewerName()) {
        showMessage(tr("Not recorded: a decision needs a reviewer name."), 15000);
        return;
    }
    auto result = m_decisions->decide(proposalId, revision, verdict, reason);
    if (!result) {
        showMessage(tr("Not recorded: %1").arg(result.errorMessage()), 15000);
        return;
    }
    showMessage(tr("%1: %2").arg(statusLabel(m_queueModel->entryAt(sourceRow)
                                                  ? m_queueModel->entryAt(sourceRow)->status
                                                  : Status::Pending),
                                 proposalId),
                4000);
    if (!nextId.isEmpty())
        selectProposal(nextId);
    else
        showMessage(tr("Every proposal in the queue has a decision."), 8000);
    m_queueView->setFocus(Qt::OtherFocusReason);
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
    m_decisions->setReviewer(name);
    m_reviewerLabel->setText(tr("Reviewer: %1").arg(name));
    return true;
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
    QFuture<ImportOutcome> future = QtConcurrent::run(&ImportTask::run, url, paths, actor);
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
    const int total = m_queueModel->rowCount();
    const int pending = m_queueModel->pendingCount();
    m_countsLabel->setText(tr("%1 proposals, %2 pending").arg(total).arg(pending));
    const bool any = m_queueView->currentIndex().isValid();
    for (QPushButton *b : {m_approveButton, m_rejectButton, m_changesButton})
        b->setEnabled(any);
}

void MainWindow::showMessage(const QString &text, int timeoutMs)
{
    statusBar()->showMessage(text, timeoutMs);
}

} // namespace verdict
