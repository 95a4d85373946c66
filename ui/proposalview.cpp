// SPDX-License-Identifier: GPL-3.0-or-later
#include "proposalview.h"

#include "boundedtextedit.h"
#include "codeview.h"
#include "elidedlabel.h"
#include "historyview.h"
#include "plaintext.h"
#include "proposalheader.h"
#include "queue/diagnosticsmodel.h"
#include "riskspage.h"
#include "syntaxhighlighteradapter.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <optional>

namespace verdict {

namespace {

QLabel *sectionTitle(const QString &text)
{
    QLabel *l = PlainText::label(text);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}

// The diagnostics list: rows of one line, cut at the end; the current row wraps whole.
// Severity is the gutter's marker (● error, ▲ warning, ■ info) in its colour, which leaves
// the message the width; the word stays the cell's text for tool tips and screen readers.
class DiagnosticsDelegate final : public QStyledItemDelegate
{
public:
    explicit DiagnosticsDelegate(QTableView *view)
        : QStyledItemDelegate(view)
        , m_view(view)
    {
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyledItemDelegate::paint(painter, option, index);
        if (index.column() != DiagnosticsModel::SeverityColumn)
            return;
        const QPalette palette = QApplication::palette();
        if (!m_colorsFor || *m_colorsFor != palette.cacheKey()) {
            m_colors = SyntaxHighlighterAdapter::editorColors(palette);
            m_colorsFor = palette.cacheKey();
        }
        const auto severity = DiagnosticSeverity(index.data(DiagnosticsModel::SeverityRole).toInt());
        const QColor colour = severity == DiagnosticSeverity::Error     ? m_colors.error
                              : severity == DiagnosticSeverity::Warning ? m_colors.warning
                                                                        : m_colors.info;
        // Centred, like the text of the other cells.
        const qreal size = CodeView::kMarkerSize + 2;
        const QRectF r(QRectF(option.rect).center() - QPointF(size / 2, size / 2),
                       QSizeF(size, size));
        CodeView::drawSeverityMarker(painter, r, severity, colour);
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize hint = QStyledItemDelegate::sizeHint(option, index);
        if (index.column() == DiagnosticsModel::SeverityColumn)
            hint.setWidth(CodeView::kMarkerSize + 16);
        return hint;
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() == DiagnosticsModel::SeverityColumn) {
            option->text.clear();
            option->features.setFlag(QStyleOptionViewItem::HasDisplay, false);
        }
        if (index.row() != m_view->currentIndex().row())
            option->features.setFlag(QStyleOptionViewItem::WrapText, false);
    }

private:
    QTableView *m_view;
    mutable SyntaxHighlighterAdapter::EditorColors m_colors;
    mutable std::optional<qint64> m_colorsFor; // the palette the colours are for
};

} // namespace

QWidget *ProposalView::risksPage() const
{
    return m_risksPage;
}

void ProposalView::setBoilerplate(std::shared_ptr<const Boilerplate> index)
{
    m_risksPage->setBoilerplate(std::move(index));
    updateRisksTab();
}

QString ProposalView::risksText() const
{
    return m_risksPage->risksText();
}

void ProposalView::updateRisksTab()
{
    const int tab = m_tabs->indexOf(m_risksPage);
    if (tab < 0)
        return;
    m_tabs->setTabText(tab, m_risksPage->tabTitle());
    m_tabs->setTabToolTip(tab, m_risksPage->tabToolTip());
}

ProposalView::ProposalView(QWidget *parent)
    : QWidget(parent)
    , m_header(new ProposalHeader)
    , m_tabs(new QTabWidget)
    , m_body(new BoundedTextEdit)
    , m_risksPage(new RisksPage)
    , m_history(new HistoryView)
    , m_diagnosticsTitle(sectionTitle(QString()))
    , m_diagnosticsView(new QTableView)
    , m_diagnosticsModel(new DiagnosticsModel(this))
    , m_splitter(new QSplitter(Qt::Vertical))
{
    m_body->setAccessibleName(tr("Proposal text"));
    m_body->setLineWrapMode(QPlainTextEdit::WidgetWidth);

    m_diagnosticsView->setModel(m_diagnosticsModel);
    m_diagnosticsView->setItemDelegate(new DiagnosticsDelegate(m_diagnosticsView));
    m_diagnosticsView->setAccessibleName(tr("Diagnostics"));
    m_diagnosticsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_diagnosticsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_diagnosticsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_diagnosticsView->verticalHeader()->hide();
    // One line per finding, so many are in view at once; the current one (F8, a click)
    // opens to its whole message, wrapped. The code shows each message under its line too.
    m_diagnosticsView->setWordWrap(true);
    m_diagnosticsView->setTextElideMode(Qt::ElideRight);
    m_diagnosticsView->setAlternatingRowColors(true);
    m_diagnosticsView->horizontalHeader()->setStretchLastSection(true);
    m_diagnosticsView->horizontalHeader()->setSectionResizeMode(
        QHeaderView::ResizeToContents);
    m_diagnosticsView->horizontalHeader()->setSectionResizeMode(DiagnosticsModel::MessageColumn,
                                                                QHeaderView::Stretch);
    for (const int column : {int(DiagnosticsModel::FileColumn), int(DiagnosticsModel::RuleColumn)})
        m_diagnosticsView->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Interactive);
    m_diagnosticsView->verticalHeader()->setDefaultSectionSize(
        m_diagnosticsView->fontMetrics().height() + 3);
    m_diagnosticsView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    connect(m_diagnosticsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current, const QModelIndex &previous) {
                QHeaderView *rows = m_diagnosticsView->verticalHeader();
                if (previous.isValid() && previous.row() < m_diagnosticsModel->rowCount())
                    rows->resizeSection(previous.row(), rows->defaultSectionSize());
                if (current.isValid())
                    m_diagnosticsView->resizeRowToContents(current.row());
            });
    // A wider or narrower message column re-wraps the open message.
    connect(m_diagnosticsView->horizontalHeader(), &QHeaderView::sectionResized, this,
            [this](int column) {
                const QModelIndex current = m_diagnosticsView->currentIndex();
                if (column == DiagnosticsModel::MessageColumn && current.isValid())
                    m_diagnosticsView->resizeRowToContents(current.row());
            });
    // A message of several lines makes a tall row: scrolled by pixels, every row can be
    // read whole, and the last of many is reached like the first.
    m_diagnosticsView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_diagnosticsView->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // The File column is shown when the rows are in several files (setDiagnostics()).
    m_diagnosticsView->setColumnHidden(DiagnosticsModel::FileColumn, true);
    // Messages are shown cut (they may quote report text): this copies the whole one.
    m_diagnosticsView->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copyMessage = new QAction(tr("Copy message"), m_diagnosticsView);
    copyMessage->setObjectName(QStringLiteral("copyMessage"));
    copyMessage->setShortcut(QKeySequence::Copy);
    copyMessage->setShortcutContext(Qt::WidgetShortcut);
    connect(copyMessage, &QAction::triggered, this, [this] {
        const QModelIndex current = m_diagnosticsView->currentIndex();
        if (current.isValid()) {
            QApplication::clipboard()->setText(
                current.data(DiagnosticsModel::MessageRole).toString());
        }
    });
    m_diagnosticsView->addAction(copyMessage);
    connect(m_diagnosticsView, &QTableView::activated, this,
            [this](const QModelIndex &index) { showDiagnostic(index.row()); });
    connect(m_diagnosticsView, &QTableView::clicked, this,
            [this](const QModelIndex &index) { showDiagnostic(index.row()); });

    auto *diagnosticsPane = new QWidget;
    auto *diagnosticsLayout = new QVBoxLayout(diagnosticsPane);
    diagnosticsLayout->setContentsMargins(0, 1, 0, 0);
    diagnosticsLayout->setSpacing(2);
    diagnosticsLayout->addWidget(m_diagnosticsTitle);
    diagnosticsLayout->addWidget(m_diagnosticsView);

    m_tabs->setDocumentMode(true);
    // Thirty file tabs fit by scrolling, not by widening the window.
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setElideMode(Qt::ElideMiddle);
    m_tabs->setAccessibleName(tr("Proposal files and details"));
    // The pages every proposal has; the files' tabs go before them (rebuildTabs()).
    m_tabs->addTab(m_body, tr("Proposal text"));
    // Short tab titles: the history tab must stay visible beside them.
    m_tabs->addTab(m_risksPage, QString());
    m_tabs->addTab(m_history, tr("History"));
    m_moreFiles = PlainText::label(QString());
    m_moreFiles->setWordWrap(true);
    m_moreFiles->setAlignment(Qt::AlignCenter);
    m_moreFiles->setParent(this);
    m_moreFiles->hide();
    m_splitter->addWidget(m_tabs);
    m_splitter->addWidget(diagnosticsPane);
    // The code first: it takes what the window grows by; the list keeps its height.
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setObjectName(QStringLiteral("codeSplitter"));
    m_diagnosticsPane = diagnosticsPane;
    // The list shows three findings at least (F8 walks them all, the code shows each
    // message beside its line); the reviewer may drag it taller.
    m_diagnosticsView->setMinimumHeight(diagnosticsListHeight(kMinDiagnosticRows));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->installEventFilter(this);
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_splitUserSized = true; });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 4, 10, 0);
    layout->setSpacing(1);
    layout->addWidget(m_header);
    layout->addWidget(m_splitter, 1);
    clear();
}

ProposalView::~ProposalView() = default;

int ProposalView::diagnosticsListHeight(int rows) const
{
    const int rowHeight = m_diagnosticsView->verticalHeader()->defaultSectionSize();
    return rowHeight * rows + m_diagnosticsView->horizontalHeader()->sizeHint().height()
           + 2 * m_diagnosticsView->frameWidth();
}

void ProposalView::resizeEvent(QResizeEvent *event)
{
    m_header->fitTitle(width());
    QWidget::resizeEvent(event);
}

bool ProposalView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_splitter && event->type() == QEvent::Resize && !m_splitUserSized)
        placeCodeSplitter();
    return QWidget::eventFilter(watched, event);
}

void ProposalView::placeCodeSplitter()
{
    // The code gets the height: the list what four findings need (six in a tall window;
    // three at least), until the reviewer drags the handle.
    const int total = m_splitter->height() - m_splitter->handleWidth();
    if (total <= 0)
        return;
    const int rows = total >= 700 ? 6 : kMinDiagnosticRows + 1;
    const int pane = m_diagnosticsPane->layout()->contentsMargins().top()
                     + m_diagnosticsTitle->sizeHint().height()
                     + m_diagnosticsPane->layout()->spacing() + diagnosticsListHeight(rows);
    const QSignalBlocker blocker(m_splitter);
    m_splitter->setSizes({std::max(0, total - pane), pane});
}

void ProposalView::setProposal(const StoredProposal &stored)
{
    // The next proposal opens on its code, unless the reviewer pinned the tab (reading
    // histories or risks from proposal to proposal).
    m_keepTab = m_tabs->count() > 0 && m_tabPinned ? m_tabs->currentWidget() : nullptr;
    m_keptIndex = m_tabPinned ? m_tabs->currentIndex() : 0;
    m_proposal = stored;
    m_history->clear();
    const Proposal &p = stored.proposal;
    m_header->setProposal(stored);
    m_header->fitTitle(width());
    m_risksPage->setRisks(p.risks, p.mitigations);
    updateRisksTab();
    m_body->setFullText(p.body);
    m_diagnosticsModel->setFiles(p.sourceFile, p.artifacts);
    rebuildTabs();
    setDiagnostics({}, false);
}

void ProposalView::setStatus(Status status)
{
    m_proposal.status = status;
    m_header->setStatus(status);
}

void ProposalView::clear()
{
    m_proposal = StoredProposal();
    m_header->clear();
    m_risksPage->clear();
    m_body->clear();
    m_history->clear();
    m_diagnosticsModel->setFiles({}, {});
    m_keepTab = m_tabs->count() > 0 && m_tabPinned ? m_tabs->currentWidget() : nullptr;
    m_keptIndex = m_tabPinned ? m_tabs->currentIndex() : 0;
    rebuildTabs();
    setDiagnostics({}, true);
}

ProposalView::CodePage ProposalView::makeCodePage()
{
    CodePage made;
    made.page = new QWidget;
    auto *layout = new QVBoxLayout(made.page);
    layout->setContentsMargins(0, 1, 0, 0);
    layout->setSpacing(1);
    // One line over the code (two with the limits), cut at the pane's width: the tool tip
    // has it whole, Copy the path.
    made.info = new ElidedLabel;
    made.info->setObjectName(QStringLiteral("artifactInfo"));
    made.view = new CodeView;
    layout->addWidget(made.info);
    layout->addWidget(made.view, 1);
    return made;
}

void ProposalView::fillCodePage(const CodePage &page, const Artifact &a)
{
    const QString declared = PlainText::line(a.declaredLanguage, PlainText::kShortChars);
    // The gutter numbers the file's own lines; where they are in the report is here.
    const int lineCount = std::max(0, a.lastLine - a.firstLine + 1);
    QString info = PlainText::line(a.path) + QStringLiteral("  ·  ")
                   + (lineCount == 0 ? tr("empty")
                      : lineCount == 1
                          ? tr("1 line (report line %L1)").arg(a.firstLine)
                          : tr("%L1 lines (report lines %L2–%L3)")
                                .arg(lineCount)
                                .arg(a.firstLine)
                                .arg(a.lastLine));
    if (!a.language.isEmpty() && a.language != a.declaredLanguage) {
        info += QStringLiteral("  ·  ")
                + tr("declared %1, content looks like %2 (coloured as %2)")
                      .arg(declared, PlainText::line(a.language, PlainText::kShortChars));
    } else if (!a.declaredLanguage.isEmpty()) {
        info += QStringLiteral("  ·  ") + declared;
    }
    page.view->setLineWrapMode(m_wrapCode ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    page.view->setArtifact(a);
    // A large artifact says what it does not show or colour, above the code.
    const QString limits = page.view->limitsNote();
    if (!limits.isEmpty())
        info += QLatin1Char('\n') + limits;
    PlainText::setCopyable(page.info, info, a.path, tr("Copy path"));
    page.info->setToolTip(PlainText::toolTip(info));
}

void ProposalView::rebuildTabs()
{
    // The pages are made once and filled in place: no tab is removed while it is shown,
    // so no other page is shown (and laid out) on the way. Moving from proposal to
    // proposal (J/K) costs filling the code, not building widgets.
    const Proposal &p = m_proposal.proposal;
    const int wanted = int(std::min(p.artifacts.size(), size_t(kMaxCodeTabs)));
    const int shown = int(m_codeViews.size());
    while (int(m_codePages.size()) < wanted)
        m_codePages.push_back(makeCodePage());
    for (int i = 0; i < wanted; ++i)
        fillCodePage(m_codePages.at(i), p.artifacts[size_t(i)]);
    for (int i = shown; i < wanted; ++i) {
        const CodePage &page = m_codePages.at(i);
        m_tabs->insertTab(i, page.page, QString());
    }
    for (int i = 0; i < wanted; ++i) {
        const QString &path = p.artifacts[size_t(i)].path;
        m_tabs->setTabText(i, PlainText::line(QFileInfo(path).fileName(), PlainText::kShortChars));
        m_tabs->setTabToolTip(i, PlainText::toolTip(path));
    }
    // Where the reader lands: the pinned page (the text, risks and history pages are the
    // same widgets for every proposal; a pinned code tab keeps its place, or the last
    // file), else the first file (the text when there is none).
    QWidget *target = m_keepTab;
    if (target != m_body && target != m_risksPage && target != m_history) {
        const int index = std::min(m_keptIndex, wanted - 1);
        target = index >= 0 ? m_codePages.at(index).page : m_body;
    }
    m_tabs->setCurrentWidget(target);
    // What the last proposal had more of goes, emptied (its text may be megabytes).
    for (int i = wanted; i < shown; ++i) {
        m_tabs->removeTab(wanted);
        m_codePages.at(i).view->setArtifact(Artifact());
    }
    m_codeViews.clear();
    for (int i = 0; i < wanted; ++i)
        m_codeViews << m_codePages.at(i).view;
    // The rest are listed (and copied) under "Target files", and in the proposal text.
    const bool more = p.artifacts.size() > size_t(kMaxCodeTabs);
    const int moreTab = m_tabs->indexOf(m_moreFiles);
    if (more) {
        m_moreFiles->setText(
            tr("This proposal writes %L1 files; the first %L2 have a tab. The target file "
               "list copies every path, and the proposal text has every file's content.")
                .arg(p.artifacts.size())
                .arg(kMaxCodeTabs));
        if (moreTab < 0)
            m_tabs->insertTab(wanted, m_moreFiles, QString());
        m_tabs->setTabText(wanted,
                           tr("%L1 more files").arg(p.artifacts.size() - size_t(kMaxCodeTabs)));
    } else if (moreTab >= 0) {
        m_tabs->removeTab(moreTab);
    }
    updateRisksTab(); // its title says how many are generic
    updateHistoryTitle();
}

void ProposalView::showHistory()
{
    m_tabs->setCurrentWidget(m_history);
}

bool ProposalView::isHistoryShown() const
{
    return m_tabs->currentWidget() == m_history;
}

void ProposalView::updateHistoryTitle()
{
    const int n = m_history->decisionCount();
    const int revisions = m_proposal.latestRevision;
    QString title = n == 0 ? tr("History") : tr("History (%1)").arg(n);
    if (revisions > 1)
        title += tr(" · %1 revisions").arg(revisions);
    m_tabs->setTabText(m_tabs->indexOf(m_history), title);
}

void ProposalView::setDiagnostics(const std::vector<Diagnostic> &diagnostics, bool computed)
{
    for (CodeView *view : std::as_const(m_codeViews))
        view->setDiagnostics(diagnostics);
    m_diagnosticsModel->setDiagnostics(diagnostics);
    m_diagnosticsView->setColumnHidden(DiagnosticsModel::FileColumn,
                                       !m_diagnosticsModel->spansSeveralFiles());
    // Rule ids and file names get what they need up to a point; the message the rest.
    const int cap = m_diagnosticsView->fontMetrics().horizontalAdvance(QLatin1Char('n')) * 16;
    for (const int column : {int(DiagnosticsModel::FileColumn), int(DiagnosticsModel::RuleColumn)}) {
        m_diagnosticsView->resizeColumnToContents(column);
        if (m_diagnosticsView->columnWidth(column) > cap)
            m_diagnosticsView->setColumnWidth(column, cap);
    }
    if (!computed) {
        m_diagnosticsTitle->setText(tr("Diagnostics: checking…"));
    } else if (diagnostics.empty()) {
        m_diagnosticsTitle->setText(m_proposal.proposal.id.isEmpty() ? tr("Diagnostics")
                                                                     : tr("Diagnostics: none"));
    } else {
        const int errors = m_diagnosticsModel->count(DiagnosticSeverity::Error);
        const int warnings = m_diagnosticsModel->count(DiagnosticSeverity::Warning);
        const int infos = m_diagnosticsModel->count(DiagnosticSeverity::Info);
        QStringList parts;
        if (errors > 0)
            parts << (errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors));
        if (warnings > 0)
            parts << (warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings));
        if (infos > 0)
            parts << (infos == 1 ? tr("1 info") : tr("%1 infos").arg(infos));
        m_diagnosticsTitle->setText(tr("Diagnostics: %1").arg(parts.join(QStringLiteral(", "))));
    }
}

void ProposalView::stepDiagnostic(int delta)
{
    const int n = m_diagnosticsModel->rowCount();
    if (n == 0)
        return;
    const int current = m_diagnosticsView->currentIndex().row();
    const int row = current < 0 ? (delta > 0 ? 0 : n - 1) : (current + delta + n) % n;
    m_diagnosticsView->setCurrentIndex(m_diagnosticsModel->index(row, 0));
    m_diagnosticsView->scrollTo(m_diagnosticsModel->index(row, 0));
    showDiagnostic(row);
}

void ProposalView::setWrapCode(bool wrap)
{
    m_wrapCode = wrap;
    for (CodeView *view : std::as_const(m_codeViews))
        view->setLineWrapMode(wrap ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
}

void ProposalView::stepTab(int delta)
{
    const int n = m_tabs->count();
    if (n > 0)
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + delta + n) % n);
}

void ProposalView::scrollPage(int delta)
{
    QWidget *page = m_tabs->currentWidget();
    auto *text = page ? page->findChild<QPlainTextEdit *>() : nullptr;
    if (!text)
        text = qobject_cast<QPlainTextEdit *>(page);
    QScrollBar *bar = text ? text->verticalScrollBar() : nullptr;
    if (bar)
        bar->setValue(bar->value() + delta * bar->pageStep());
}

CodeView *ProposalView::showDiagnostic(int row)
{
    const Diagnostic *d = m_diagnosticsModel->diagnosticAt(row);
    if (!d)
        return nullptr;
    // The file's view whose lines hold the diagnostic (a path may be written twice), else
    // the first of that path: a finding on the line that names the file (a conflict, a
    // dangerous target) is about the whole file, whose top is shown.
    int found = -1;
    for (int i = 0; i < m_codeViews.size(); ++i) {
        CodeView *view = m_codeViews.at(i);
        if (view->artifact().path != d->artifact)
            continue;
        if (found < 0)
            found = i;
        if (d->line >= view->firstLine()
            && d->line < view->firstLine() + std::max(1, view->shownLineCount())) {
            found = i;
            break;
        }
    }
    if (found >= 0) {
        CodeView *view = m_codeViews.at(found);
        m_tabs->setCurrentIndex(found);
        if (!view->scrollToLine(d->line, d->column) && d->line < view->firstLine())
            view->scrollToLine(view->firstLine());
        return view;
    }
    m_tabs->setCurrentWidget(m_body);
    return nullptr;
}

} // namespace verdict
