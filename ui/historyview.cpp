// SPDX-License-Identifier: GPL-3.0-or-later
#include "historyview.h"

#include "boundedtextedit.h"
#include "plaintext.h"
#include "queue/linediff.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSet>
#include <QSplitter>
#include <QTextBlock>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace verdict {

namespace {

QString verdictLabel(Verdict v)
{
    switch (v) {
    case Verdict::Approve: return HistoryView::tr("Approved");
    case Verdict::Reject: return HistoryView::tr("Rejected");
    case Verdict::Changes: return HistoryView::tr("Changes requested");
    case Verdict::Retract: return HistoryView::tr("Retracted (undo)");
    }
    return {};
}

// The note ("superseded") before the free-text reason, so it is never scrolled away.
enum Column { WhenColumn, ReviewerColumn, VerdictColumn, RevisionColumn, NoteColumn,
              ReasonColumn };
constexpr int kFullTextRole = Qt::UserRole + 1;

} // namespace

HistoryView::HistoryView(QWidget *parent)
    : QWidget(parent)
    , m_summary(PlainText::label())
    , m_decisions(new QTreeWidget)
    , m_from(new QComboBox)
    , m_to(new QComboBox)
    , m_diff(new BoundedTextEdit)
{
    setObjectName(QStringLiteral("history"));
    m_summary->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("historySummary"));
    m_decisions->setObjectName(QStringLiteral("historyDecisions"));
    m_decisions->setRootIsDecorated(false);
    m_decisions->setUniformRowHeights(true);
    m_decisions->setAlternatingRowColors(true);
    m_decisions->setHeaderLabels({tr("When (UTC)"), tr("Reviewer"), tr("Decision"), tr("Rev."),
                                  tr("Note"), tr("Reason")});
    m_decisions->header()->setStretchLastSection(true);
    m_decisions->setAccessibleName(tr("Decisions on this proposal"));
    // Cells show names and reasons cut (a team server may hold any length): these copy
    // the whole values of the current decision.
    m_decisions->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (const auto &[name, text, column] :
         {std::tuple{QStringLiteral("copyReason"), tr("Copy reason"), int(ReasonColumn)},
          std::tuple{QStringLiteral("copyReviewer"), tr("Copy reviewer"), int(ReviewerColumn)}}) {
        auto *copy = new QAction(text, m_decisions);
        copy->setObjectName(name);
        const int c = column;
        connect(copy, &QAction::triggered, this, [this, c] {
            if (const QTreeWidgetItem *item = m_decisions->currentItem())
                QApplication::clipboard()->setText(item->data(c, kFullTextRole).toString());
        });
        m_decisions->addAction(copy);
    }

    m_diff->setObjectName(QStringLiteral("historyDiff"));
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diff->setAccessibleName(tr("Differences between revisions"));

    auto *diffRow = new QHBoxLayout;
    diffRow->addWidget(PlainText::label(tr("Compare revision")));
    diffRow->addWidget(m_from);
    diffRow->addWidget(PlainText::label(tr("with")));
    diffRow->addWidget(m_to);
    diffRow->addStretch(1);
    m_from->setAccessibleName(tr("Old revision"));
    m_to->setAccessibleName(tr("New revision"));
    connect(m_from, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &HistoryView::diffFromCombos);
    connect(m_to, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &HistoryView::diffFromCombos);

    auto *diffPane = new QWidget;
    auto *diffLayout = new QVBoxLayout(diffPane);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    diffLayout->addLayout(diffRow);
    diffLayout->addWidget(m_diff, 1);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_decisions);
    splitter->addWidget(diffPane);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
    clear();
}

HistoryView::~HistoryView() = default;

void HistoryView::clear()
{
    m_shown = StoredProposal();
    m_list.clear();
    m_loader = nullptr;
    m_revisions.clear();
    m_decisions->clear();
    m_filling = true;
    m_from->clear();
    m_to->clear();
    m_filling = false;
    m_diff->clear();
    m_summary->clear();
}

void HistoryView::setHistory(const StoredProposal &shown, const std::vector<Decision> &decisions,
                             RevisionLoader loader)
{
    clear();
    m_shown = shown;
    m_list = decisions;
    m_loader = std::move(loader);
    m_revisions.assign(size_t(std::max(1, shown.latestRevision)), std::nullopt);
    if (shown.revision >= 1 && shown.revision <= int(m_revisions.size()))
        m_revisions[size_t(shown.revision - 1)] = shown;
    fillDecisions();

    m_filling = true;
    for (int r = 1; r <= shown.latestRevision; ++r) {
        m_from->addItem(tr("%1").arg(r), r);
        m_to->addItem(tr("%1").arg(r), r);
    }
    const bool several = shown.latestRevision > 1;
    m_from->setEnabled(several);
    m_to->setEnabled(several);
    m_filling = false;
    if (several) {
        m_from->setCurrentIndex(shown.latestRevision - 2);
        m_to->setCurrentIndex(shown.latestRevision - 1);
        diffFromCombos();
    } else {
        m_diff->setFullText(tr("Only one revision of this report so far: nothing to compare.\n"
                                "A changed report with the same id becomes revision 2."));
    }
}

void HistoryView::fillDecisions()
{
    QSet<QString> superseded;
    for (const Decision &d : m_list) {
        if (!d.supersedes.isEmpty())
            superseded.insert(d.supersedes);
    }
    const QColor dim = palette().color(QPalette::Disabled, QPalette::Text);
    for (const Decision &d : m_list) {
        auto *item = new QTreeWidgetItem(m_decisions);
        item->setText(WhenColumn, d.decidedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        // Names and reasons come from whoever wrote to the database: bounded here,
        // whole in kFullTextRole for the copy actions.
        item->setText(ReviewerColumn, PlainText::line(d.reviewer, PlainText::kShortChars));
        item->setData(ReviewerColumn, kFullTextRole, d.reviewer);
        item->setToolTip(ReviewerColumn, PlainText::toolTip(d.reviewer));
        item->setText(VerdictColumn, verdictLabel(d.verdict));
        item->setText(RevisionColumn, QString::number(d.revision));
        item->setText(ReasonColumn, PlainText::line(d.reason));
        item->setData(ReasonColumn, kFullTextRole, d.reason);
        item->setToolTip(ReasonColumn, PlainText::toolTip(d.reason));
        QStringList notes;
        if (superseded.contains(d.uuid))
            notes << tr("superseded");
        if (d.resolution)
            notes << tr("resolves the conflict");
        if (!d.pushedBy.isEmpty())
            notes << tr("synced by %1").arg(PlainText::line(d.pushedBy, PlainText::kShortChars));
        item->setText(NoteColumn, notes.join(QStringLiteral(", ")));
        if (superseded.contains(d.uuid)) {
            for (int c = 0; c <= ReasonColumn; ++c) {
                if (c != NoteColumn)
                    item->setForeground(c, dim);
            }
        }
    }
    for (int c = 0; c < ReasonColumn; ++c)
        m_decisions->resizeColumnToContents(c);

    // Standing votes per revision: each reviewer's latest, retractions dropping out.
    QStringList lines;
    lines << (m_list.empty() ? tr("No decisions yet.")
                             : (m_list.size() == 1 ? tr("1 decision")
                                                   : tr("%1 decisions").arg(m_list.size())))
                 + QStringLiteral("  ·  ")
                 + tr("status of revision %1: %2")
                       .arg(m_shown.revision)
                       .arg(statusLabel(m_shown.status));
    if (m_shown.status == Status::Conflict) {
        QMap<QString, QString> standing;
        for (const Decision &d : m_list) {
            if (d.revision != m_shown.revision)
                continue;
            if (d.verdict == Verdict::Retract)
                standing.remove(d.reviewer);
            else
                standing.insert(d.reviewer, verdictLabel(d.verdict).toLower());
        }
        QStringList who;
        for (auto it = standing.cbegin(); it != standing.cend(); ++it)
            who << tr("%1 %2").arg(PlainText::line(it.key(), PlainText::kShortChars), it.value());
        lines << tr("⚠ Conflict: reviewers disagree (%1). A lead's decision resolves it.")
                     .arg(PlainText::line(who.join(QStringLiteral(", ")),
                                          PlainText::kFieldChars * 2));
    }
    m_summary->setText(PlainText::wrappable(lines.join(QLatin1Char('\n'))));
}

const StoredProposal *HistoryView::revision(int number)
{
    if (number < 1 || number > int(m_revisions.size()))
        return nullptr;
    std::optional<StoredProposal> &slot = m_revisions[size_t(number - 1)];
    if (!slot && m_loader) {
        auto loaded = m_loader(number);
        if (loaded)
            slot = std::move(loaded).value();
    }
    return slot ? &*slot : nullptr;
}

void HistoryView::diffFromCombos()
{
    if (m_filling || m_from->currentIndex() < 0 || m_to->currentIndex() < 0)
        return;
    showDiff(m_from->currentData().toInt(), m_to->currentData().toInt());
}

bool HistoryView::showDiff(int fromRevision, int toRevision)
{
    const StoredProposal *a = revision(fromRevision);
    const StoredProposal *b = revision(toRevision);
    if (!a || !b) {
        m_diff->setFullText(tr("Cannot read revision %1 or %2 of this proposal.")
                                 .arg(fromRevision)
                                 .arg(toRevision));
        return false;
    }
    // Sections: each artifact path in either revision (old order, then new ones), then
    // the proposal text. Unchanged sections say so in one line.
    QStringList paths;
    for (const Artifact &x : a->proposal.artifacts)
        paths << x.path;
    for (const Artifact &x : b->proposal.artifacts) {
        if (!paths.contains(x.path))
            paths << x.path;
    }
    auto contentOf = [](const StoredProposal *p, const QString &path) -> std::optional<QString> {
        for (const Artifact &x : p->proposal.artifacts) {
            if (x.path == path)
                return x.content;
        }
        return std::nullopt;
    };
    struct Section
    {
        QString title;
        std::vector<LineDiff::Line> lines;
    };
    std::vector<Section> sections;
    for (const QString &path : paths) {
        const auto oldText = contentOf(a, path);
        const auto newText = contentOf(b, path);
        QString title = path;
        if (!oldText)
            title += tr("  (new in revision %1)").arg(toRevision);
        else if (!newText)
            title += tr("  (gone in revision %1)").arg(toRevision);
        sections.push_back({title, LineDiff::diffTexts(oldText.value_or(QString()),
                                                       newText.value_or(QString()))});
    }
    sections.push_back({tr("proposal text"),
                        LineDiff::diffTexts(a->proposal.body, b->proposal.body)});

    QString text;
    std::vector<LineDiff::Kind> kinds; // per output line, for the colours
    auto addLine = [&](const QString &line, LineDiff::Kind kind) {
        text += line + QLatin1Char('\n');
        kinds.push_back(kind);
    };
    addLine(tr("Revision %1 → %2   (- removed, + added)").arg(fromRevision).arg(toRevision),
            LineDiff::Kind::Same);
    for (const Section &s : sections) {
        int changes = 0;
        for (const LineDiff::Line &l : s.lines)
            changes += l.kind == LineDiff::Kind::Same ? 0 : 1;
        addLine(QString(), LineDiff::Kind::Same);
        addLine(QStringLiteral("=== ") + s.title
                    + (changes == 0 ? tr("  (unchanged)")
                                    : tr("  (%1 lines changed)").arg(changes)),
                LineDiff::Kind::Same);
        if (changes == 0)
            continue;
        for (const LineDiff::Line &l : s.lines) {
            const QString marker = l.kind == LineDiff::Kind::Added     ? QStringLiteral("+ ")
                                   : l.kind == LineDiff::Kind::Removed ? QStringLiteral("- ")
                                                                       : QStringLiteral("  ");
            addLine(marker + l.text, l.kind);
        }
    }
    m_diff->setFullText(text);

    // Tinted backgrounds on top of the +/- markers (colour is a second cue, not the only).
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    const QColor added = dark ? QColor(0x1e, 0x4d, 0x2b) : QColor(0xdc, 0xf5, 0xe0);
    const QColor removed = dark ? QColor(0x5c, 0x22, 0x22) : QColor(0xfb, 0xe0, 0xe0);
    QList<QTextEdit::ExtraSelection> selections;
    QTextBlock block = m_diff->document()->firstBlock();
    for (size_t i = 0; i < kinds.size() && block.isValid(); ++i, block = block.next()) {
        if (kinds[i] == LineDiff::Kind::Same)
            continue;
        QTextEdit::ExtraSelection sel;
        sel.cursor = QTextCursor(block);
        sel.format.setBackground(kinds[i] == LineDiff::Kind::Added ? added : removed);
        sel.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections << sel;
    }
    m_diff->setExtraSelections(selections);
    return true;
}

} // namespace verdict
