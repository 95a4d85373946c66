// SPDX-License-Identifier: GPL-3.0-or-later
#include "proposalview.h"

#include "queue/boilerplate.h"

#include "boundedtextedit.h"
#include "codeview.h"
#include "historyview.h"
#include "plaintext.h"
#include "queue/diagnosticsmodel.h"
#include "syntaxhighlighteradapter.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <optional>

namespace verdict {

namespace {

QLabel *fieldName(const QString &text)
{
    QLabel *l = PlainText::label(text);
    l->setAlignment(Qt::AlignRight | Qt::AlignTop);
    QPalette p = l->palette();
    p.setColor(QPalette::WindowText, p.color(QPalette::Disabled, QPalette::WindowText));
    l->setPalette(p);
    return l;
}

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

constexpr int kTitleChars = 120;
constexpr int kIdChars = 80;

// A list field: at most PlainText::kBlockLines bounded lines shown, all of them copied.
void setListField(QLabel *label, const QStringList &items, const QString &none,
                  const QString &prefix, const QString &copyText)
{
    PlainText::setCopyable(label,
                           items.isEmpty() ? none
                                           : PlainText::wrappable(PlainText::lines(items, prefix)),
                           items.join(QLatin1Char('\n')), copyText);
}

// A one-value field: shown bounded, copied whole.
void setField(QLabel *label, const QString &value, const QString &copyText)
{
    PlainText::setCopyable(label, PlainText::wrappable(PlainText::line(value)), value, copyText);
}

} // namespace

QWidget *ProposalView::risksPage() const
{
    return m_risksPage;
}

void ProposalView::setBoilerplate(std::shared_ptr<const Boilerplate> index)
{
    m_boilerplate = std::move(index);
    showRisks();
}

QString ProposalView::risksText() const
{
    return m_risks->text() + QLatin1Char('\n') + m_mitigations->text();
}

void ProposalView::showRisks()
{
    const Proposal &p = m_proposal.proposal;
    int generic = 0;
    const auto marked = [&](const QStringList &texts) {
        QStringList out;
        for (const QString &text : texts) {
            const QString label = m_boilerplate ? m_boilerplate->label(text) : QString();
            // The mark after the text (bounded), so the reviewer reads what it is first.
            out << (label.isEmpty() ? PlainText::line(text)
                                    : tr("%1  — generic: %2").arg(PlainText::line(text), label));
            generic += label.isEmpty() ? 0 : 1;
        }
        return out;
    };
    const QStringList risks = marked(p.risks);
    const QStringList mitigations = marked(p.mitigations);
    PlainText::setCopyable(m_risks,
                           risks.isEmpty() ? tr("none listed")
                                           : PlainText::wrappable(PlainText::lines(risks, QStringLiteral("• "))),
                           p.risks.join(QLatin1Char('\n')), tr("Copy risks"));
    PlainText::setCopyable(m_mitigations,
                           mitigations.isEmpty()
                               ? tr("none listed")
                               : PlainText::wrappable(PlainText::lines(mitigations, QStringLiteral("• "))),
                           p.mitigations.join(QLatin1Char('\n')), tr("Copy mitigations"));
    const int tab = m_tabs->indexOf(m_risksPage);
    if (tab < 0)
        return;
    const int all = int(p.risks.size() + p.mitigations.size());
    m_tabs->setTabText(tab, generic == 0 ? tr("Risks (%1)").arg(p.risks.size())
                            : generic == all ? tr("Risks (%1, generic)").arg(p.risks.size())
                                             : tr("Risks (%1, %2 generic)").arg(p.risks.size()).arg(generic));
    m_tabs->setTabToolTip(tab, generic == 0
                                   ? tr("%1 risks and %2 mitigations")
                                         .arg(p.risks.size())
                                         .arg(p.mitigations.size())
                                   : tr("%1 risks and %2 mitigations; %3 of them word for word "
                                        "the same in many other proposals (generic, not about "
                                        "this one)")
                                         .arg(p.risks.size())
                                         .arg(p.mitigations.size())
                                         .arg(generic));
}

ProposalView::ProposalView(QWidget *parent)
    : QWidget(parent)
    , m_title(PlainText::label())
    , m_meta(PlainText::label())
    , m_status(PlainText::label())
    , m_severity(PlainText::label())
    , m_block(PlainText::label())
    , m_kind(PlainText::label())
    , m_timestamp(PlainText::label())
    , m_targets(PlainText::label())
    , m_problems(PlainText::label())
    , m_risks(PlainText::label())
    , m_mitigations(PlainText::label())
    , m_tabs(new QTabWidget)
    , m_body(new BoundedTextEdit)
    , m_history(new HistoryView)
    , m_diagnosticsTitle(sectionTitle(QString()))
    , m_diagnosticsView(new QTableView)
    , m_diagnosticsModel(new DiagnosticsModel(this))
    , m_splitter(new QSplitter(Qt::Vertical))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    // Names for tests and accessibility tools: each field's copy action is found by them.
    m_title->setObjectName(QStringLiteral("proposalTitle"));
    m_meta->setObjectName(QStringLiteral("proposalMeta"));
    m_kind->setObjectName(QStringLiteral("proposalKind"));
    m_timestamp->setObjectName(QStringLiteral("proposalTimestamp"));
    m_targets->setObjectName(QStringLiteral("proposalTargets"));
    m_problems->setObjectName(QStringLiteral("proposalProblems"));
    m_risks->setObjectName(QStringLiteral("proposalRisks"));
    m_mitigations->setObjectName(QStringLiteral("proposalMitigations"));
    m_title->setWordWrap(true);
    m_meta->setWordWrap(true);
    for (QLabel *l : {m_targets, m_problems, m_risks, m_mitigations, m_kind})
        l->setWordWrap(true);

    // Two columns of fields keep the header short: the code gets the height.
    auto *fields = new QGridLayout;
    fields->setHorizontalSpacing(10);
    fields->setVerticalSpacing(3);
    auto addField = [&](int row, int column, const QString &name, QLabel *value,
                        int span = 1) {
        fields->addWidget(fieldName(name), row, column * 2);
        fields->addWidget(value, row, column * 2 + 1, 1, span);
    };
    addField(0, 0, tr("Status"), m_status);
    addField(0, 1, tr("Severity"), m_severity);
    addField(1, 0, tr("Kind"), m_kind);
    addField(1, 1, tr("Blocks execution"), m_block);
    addField(2, 0, tr("Timestamp"), m_timestamp);
    addField(2, 1, tr("Parse problems"), m_problems);
    addField(3, 0, tr("Target files"), m_targets, 3);
    fields->setColumnStretch(1, 1);
    fields->setColumnStretch(3, 1);

    // Risks and mitigations get a tab of their own, scrollable when long.
    m_risksPage = new QScrollArea;
    m_risksPage->setWidgetResizable(true);
    m_risksPage->setAccessibleName(tr("Risks and mitigations"));
    m_risksPage->setFrameShape(QFrame::NoFrame);
    auto *risksContent = new QWidget;
    auto *risks = new QVBoxLayout(risksContent);
    risks->setContentsMargins(8, 8, 8, 8);
    risks->setSpacing(4);
    risks->addWidget(sectionTitle(tr("Risks")));
    risks->addWidget(m_risks);
    risks->addSpacing(8);
    risks->addWidget(sectionTitle(tr("Mitigations")));
    risks->addWidget(m_mitigations);
    risks->addStretch(1);
    m_risksPage->setWidget(risksContent);

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
        m_diagnosticsView->fontMetrics().height() + 6);
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
    diagnosticsLayout->setContentsMargins(0, 4, 0, 0);
    diagnosticsLayout->setSpacing(3);
    diagnosticsLayout->addWidget(m_diagnosticsTitle);
    diagnosticsLayout->addWidget(m_diagnosticsView);

    m_tabs->setDocumentMode(true);
    // Thirty file tabs fit by scrolling, not by widening the window.
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setElideMode(Qt::ElideMiddle);
    m_tabs->setAccessibleName(tr("Proposal files and details"));
    m_splitter->addWidget(m_tabs);
    m_splitter->addWidget(diagnosticsPane);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    // Room for the header and a few findings, whatever the window height.
    const int rowHeight = m_diagnosticsView->verticalHeader()->defaultSectionSize();
    m_diagnosticsView->setMinimumHeight(
        rowHeight * 4 + m_diagnosticsView->horizontalHeader()->sizeHint().height());
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({560, 150});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 4);
    layout->setSpacing(6);
    layout->addWidget(m_title);
    layout->addWidget(m_meta);
    layout->addLayout(fields);
    layout->addWidget(m_splitter, 1);
    clear();
}

ProposalView::~ProposalView() = default;

QString ProposalView::fieldText(const std::optional<QString> &value) const
{
    return value ? *value : tr("(missing)");
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
    // Every value below is report text: shown bounded (PlainText), copied whole.
    QString title = p.opportunity.value_or(QString());
    if (title.isEmpty())
        title = p.kind.value_or(tr("Untitled proposal"));
    // The title and the id are shorter than other fields: they sit above the code.
    PlainText::setCopyable(m_title, PlainText::wrappable(PlainText::line(title, kTitleChars)),
                           title, tr("Copy title"));
    QStringList meta;
    meta << (p.id.isEmpty() ? tr("(no id)") : PlainText::line(p.id, kIdChars));
    meta << (stored.latestRevision > 1
                 ? tr("revision %1 of %2").arg(stored.revision).arg(stored.latestRevision)
                 : tr("revision %1").arg(stored.revision));
    meta << PlainText::line(QFileInfo(p.sourceFile).fileName(), PlainText::kShortChars)
                + QLatin1Char(':') + QString::number(p.sourceLine);
    PlainText::setCopyable(m_meta, PlainText::wrappable(meta.join(QStringLiteral("  ·  "))),
                           p.id, tr("Copy id"));
    m_meta->setToolTip(PlainText::toolTip(p.sourceFile));
    setStatus(stored.status);
    m_severity->setText(p.severity ? QString::number(*p.severity) : tr("(missing)"));
    m_block->setText(p.blockExecution ? (*p.blockExecution ? tr("yes") : tr("no"))
                                      : tr("(missing)"));
    setField(m_kind, fieldText(p.kind), tr("Copy kind"));
    setField(m_timestamp, fieldText(p.timestamp), tr("Copy timestamp"));
    QStringList targets;
    for (const Artifact &a : p.artifacts)
        targets << a.path;
    setListField(m_targets, targets, tr("none"), QString(), tr("Copy target paths"));
    QStringList problems;
    for (const Problem &problem : p.problems)
        problems << tr("line %1: %2").arg(problem.line).arg(problem.message);
    setListField(m_problems, problems, tr("none"), QString(), tr("Copy parse problems"));
    showRisks();
    m_body->setFullText(p.body);
    m_diagnosticsModel->setFiles(p.sourceFile, p.artifacts);
    rebuildTabs();
    setDiagnostics({}, false);
}

void ProposalView::setStatus(Status status)
{
    m_proposal.status = status;
    m_status->setText(statusLabel(status));
}

void ProposalView::clear()
{
    m_proposal = StoredProposal();
    for (QLabel *l : {m_title, m_meta, m_status, m_severity, m_block, m_kind, m_timestamp,
                      m_targets, m_problems, m_risks, m_mitigations})
        l->clear();
    m_body->clear();
    m_history->clear();
    m_diagnosticsModel->setFiles({}, {});
    m_keepTab = m_tabs->count() > 0 && m_tabPinned ? m_tabs->currentWidget() : nullptr;
    m_keptIndex = m_tabPinned ? m_tabs->currentIndex() : 0;
    rebuildTabs();
    setDiagnostics({}, true);
}

void ProposalView::rebuildTabs()
{
    while (m_tabs->count() > 0) {
        QWidget *page = m_tabs->widget(0);
        m_tabs->removeTab(0);
        if (page != m_body && page != m_risksPage && page != m_history)
            page->deleteLater();
    }
    m_codeViews.clear();
    const Proposal &p = m_proposal.proposal;
    for (size_t i = 0; i < p.artifacts.size() && i < size_t(kMaxCodeTabs); ++i) {
        const Artifact &a = p.artifacts[i];
        auto *page = new QWidget;
        auto *layout = new QVBoxLayout(page);
        layout->setContentsMargins(0, 4, 0, 0);
        layout->setSpacing(3);
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
        auto *view = new CodeView;
        if (m_wrapCode)
            view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
        view->setArtifact(a);
        // A large artifact says what it does not show or colour, above the code.
        const QString limits = view->limitsNote();
        if (!limits.isEmpty())
            info += QLatin1Char('\n') + limits;
        QLabel *infoLabel = PlainText::label();
        PlainText::setCopyable(infoLabel, PlainText::wrappable(info), a.path, tr("Copy path"));
        infoLabel->setObjectName(QStringLiteral("artifactInfo"));
        infoLabel->setWordWrap(true);
        layout->addWidget(infoLabel);
        layout->addWidget(view, 1);
        m_codeViews << view;
        m_tabs->addTab(page,
                       PlainText::line(QFileInfo(a.path).fileName(), PlainText::kShortChars));
        m_tabs->setTabToolTip(m_tabs->count() - 1, PlainText::toolTip(a.path));
    }
    if (p.artifacts.size() > size_t(kMaxCodeTabs)) {
        // The rest are listed (and copied) under "Target files", and in the proposal text.
        auto *more = PlainText::label(
            tr("This proposal writes %L1 files; the first %L2 have a tab. The target file "
               "list copies every path, and the proposal text has every file's content.")
                .arg(p.artifacts.size())
                .arg(kMaxCodeTabs));
        more->setWordWrap(true);
        more->setAlignment(Qt::AlignCenter);
        m_tabs->addTab(more, tr("%L1 more files").arg(p.artifacts.size() - size_t(kMaxCodeTabs)));
    }
    m_tabs->addTab(m_body, tr("Proposal text"));
    // Short tab titles: the history tab must stay visible beside them.
    m_tabs->addTab(m_risksPage, QString());
    showRisks(); // its title says how many are generic
    m_tabs->addTab(m_history, tr("History"));
    updateHistoryTitle();
    // A pinned Proposal text, Risks or History page is the same widget in every proposal;
    // a pinned code tab (a new page each time) keeps its place.
    const int kept = m_keepTab ? m_tabs->indexOf(m_keepTab) : -1;
    m_tabs->setCurrentIndex(kept >= 0 ? kept : std::max(0, std::min(m_keptIndex,
                                                                     m_tabs->count() - 1)));
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
