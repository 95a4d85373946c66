// SPDX-License-Identifier: GPL-3.0-or-later
#include "proposalheader.h"

#include "elidedlabel.h"
#include "plaintext.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include <tuple>

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

constexpr int kTitleChars = 120;
constexpr int kIdChars = 80;

// A list field on one row: at most PlainText::kBlockLines bounded items shown (cut at the
// label's width), listed in its tool tip, all of them copied.
void setListField(QLabel *label, const QStringList &items, const QString &none,
                  const QString &copyText)
{
    const QString lines = PlainText::lines(items, QString());
    PlainText::setCopyable(label,
                           items.isEmpty() ? none
                                           : QString(lines).replace(QLatin1Char('\n'),
                                                                    QStringLiteral(", ")),
                           items.join(QLatin1Char('\n')), copyText);
    label->setToolTip(items.isEmpty() ? QString() : PlainText::toolTip(lines));
}

// A one-value field: shown bounded (cut at the label's width), copied whole.
void setField(QLabel *label, const QString &value, const QString &copyText)
{
    const QString shown = PlainText::line(value);
    PlainText::setCopyable(label, shown, value, copyText);
    label->setToolTip(PlainText::toolTip(shown));
}

} // namespace

ProposalHeader::ProposalHeader(QWidget *parent)
    : QWidget(parent)
    , m_title(new ElidedLabel)
    , m_meta(new ElidedLabel)
    , m_status(new ElidedLabel)
    , m_severity(new ElidedLabel)
    , m_block(new ElidedLabel)
    , m_kind(new ElidedLabel)
    , m_timestamp(new ElidedLabel)
    , m_targets(new ElidedLabel)
    , m_problems(new ElidedLabel)
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    // Names for tests and accessibility tools: each field's copy action is found by them.
    m_title->setObjectName(QStringLiteral("proposalTitle"));
    m_meta->setObjectName(QStringLiteral("proposalMeta"));
    m_kind->setObjectName(QStringLiteral("proposalKind"));
    m_timestamp->setObjectName(QStringLiteral("proposalTimestamp"));
    m_targets->setObjectName(QStringLiteral("proposalTargets"));
    m_problems->setObjectName(QStringLiteral("proposalProblems"));
    // The header keeps its rows whatever the values (each cut at its width, whole in its
    // tool tip and its Copy action): the code below gets the height.
    m_targets->setElideMode(Qt::ElideMiddle);

    // Fields in two rows: the code gets the height. The short values are shown whole; kind,
    // timestamp and the lists share the rest of their row.
    auto *fields = new QVBoxLayout;
    fields->setSpacing(0);
    auto addRow = [&](const QList<std::tuple<QString, QLabel *, int>> &row) {
        auto *line = new QHBoxLayout;
        line->setSpacing(6);
        for (const auto &[name, value, stretch] : row) {
            QLabel *label = fieldName(name);
            label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (line->count() > 0)
                line->addSpacing(10);
            label->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
            line->addWidget(label);
            if (stretch == 0)
                value->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
            line->addWidget(value, stretch);
        }
        fields->addLayout(line);
    };
    addRow({{tr("Status"), m_status, 0},
            {tr("Severity"), m_severity, 0},
            {tr("Blocks execution"), m_block, 0},
            {tr("Timestamp"), m_timestamp, 1}});
    addRow({{tr("Kind"), m_kind, 2},
            {tr("Parse problems"), m_problems, 1},
            {tr("Target files"), m_targets, 3}});

    // The title and the id line share a row (each cut at its share, whole in its tool tip
    // and Copy), the fields two more: the code gets the height.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    auto *titleRow = new QHBoxLayout;
    titleRow->setSpacing(12);
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_meta, 1);
    // The title as wide as it needs up to three fifths of the row (fitTitle()).
    m_title->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_meta->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    layout->addLayout(titleRow);
    layout->addLayout(fields);
    // Never taller than its rows: the code below takes what the pane grows by.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

ProposalHeader::~ProposalHeader() = default;

void ProposalHeader::fitTitle(int rowWidth)
{
    const int share = std::max(100, rowWidth * 3 / 5);
    m_title->setMaximumWidth(share);
    m_title->setMinimumWidth(std::min(m_title->sizeHint().width(), share));
}

QString ProposalHeader::fieldText(const std::optional<QString> &value) const
{
    return value ? *value : tr("(missing)");
}

void ProposalHeader::setProposal(const StoredProposal &stored)
{
    const Proposal &p = stored.proposal;
    // Every value below is report text: shown bounded (PlainText), copied whole.
    QString title = p.opportunity.value_or(QString());
    if (title.isEmpty())
        title = p.kind.value_or(tr("Untitled proposal"));
    // The title and the id are shorter than other fields: they sit above the code.
    PlainText::setCopyable(m_title, PlainText::line(title, kTitleChars), title, tr("Copy title"));
    m_title->setToolTip(PlainText::toolTip(title));
    QStringList meta;
    meta << (p.id.isEmpty() ? tr("(no id)") : PlainText::line(p.id, kIdChars));
    meta << (stored.latestRevision > 1
                 ? tr("revision %1 of %2").arg(stored.revision).arg(stored.latestRevision)
                 : tr("revision %1").arg(stored.revision));
    meta << PlainText::line(QFileInfo(p.sourceFile).fileName(), PlainText::kShortChars)
                + QLatin1Char(':') + QString::number(p.sourceLine);
    PlainText::setCopyable(m_meta, meta.join(QStringLiteral("  ·  ")), p.id, tr("Copy id"));
    // The line is cut at the pane's width: its tool tip has the id and the report's path.
    m_meta->setToolTip(PlainText::toolTip(
        QStringLiteral("%1\n%2:%3").arg(p.id, p.sourceFile).arg(p.sourceLine)));
    setStatus(stored.status);
    m_severity->setText(p.severity ? QString::number(*p.severity) : tr("(missing)"));
    m_block->setText(p.blockExecution ? (*p.blockExecution ? tr("yes") : tr("no"))
                                      : tr("(missing)"));
    setField(m_kind, fieldText(p.kind), tr("Copy kind"));
    setField(m_timestamp, fieldText(p.timestamp), tr("Copy timestamp"));
    QStringList targets;
    for (const Artifact &a : p.artifacts)
        targets << a.path;
    setListField(m_targets, targets, tr("none"), tr("Copy target paths"));
    QStringList problems;
    for (const Problem &problem : p.problems)
        problems << tr("line %1: %2").arg(problem.line).arg(problem.message);
    setListField(m_problems, problems, tr("none"), tr("Copy parse problems"));
}

void ProposalHeader::setStatus(Status status)
{
    m_status->setText(statusLabel(status));
}

void ProposalHeader::clear()
{
    for (QLabel *l : std::initializer_list<QLabel *>{m_title, m_meta, m_status, m_severity,
                                                     m_block, m_kind, m_timestamp, m_targets,
                                                     m_problems})
        l->clear();
}

} // namespace verdict
