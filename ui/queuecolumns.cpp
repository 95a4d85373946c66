// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuecolumns.h"

#include "queue/queuemodel.h"
#include "queuetable.h"

#include <QHeaderView>

namespace verdict {

QueueColumns::QueueColumns(QueueTable *table)
    : QObject(table)
    , m_table(table)
{
    QHeaderView *header = table->horizontalHeader();
    header->setHighlightSections(false);
    // Titles read from their start when a narrow column clips them.
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    // Kind and targets get room for the common values, opportunity the rest.
    const QFontMetrics fm(table->font());
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
    m_kindIdeal = width(QStringLiteral("idea_implementati"));
    m_targetsIdeal = width(QStringLiteral("generated_1.sql"));
    connect(header, &QHeaderView::sectionResized, this, [this](int section) {
        if (!m_fitting && section != QueueModel::OpportunityColumn)
            m_fitted = false;
    });
    connect(table, &QueueTable::resized, this, &QueueColumns::fit);
}

QueueColumns::~QueueColumns() = default;

void QueueColumns::fit()
{
    if (!m_fitted)
        return;
    QHeaderView *h = m_table->horizontalHeader();
    int fixed = 0;
    for (int c = 0; c < h->count(); ++c) {
        if (c != QueueModel::KindColumn && c != QueueModel::TargetsColumn
            && c != QueueModel::OpportunityColumn && !h->isSectionHidden(c))
            fixed += h->sectionSize(c);
    }
    // A third each at most (opportunity gets the rest), down to a small floor.
    const int share = (m_table->viewport()->width() - fixed) / 3;
    auto fitOne = [h, share](int column, int ideal) {
        h->resizeSection(column, std::max(h->minimumSectionSize() * 2, std::min(ideal, share)));
    };
    m_fitting = true;
    fitOne(QueueModel::KindColumn, m_kindIdeal);
    fitOne(QueueModel::TargetsColumn, m_targetsIdeal);
    m_fitting = false;
}

QByteArray QueueColumns::saveState() const
{
    return m_table->horizontalHeader()->saveState();
}

bool QueueColumns::restoreState(const QByteArray &state)
{
    QHeaderView *header = m_table->horizontalHeader();
    if (state.isEmpty() || !header->restoreState(state))
        return false;
    m_fitted = false; // the reviewer's own widths
    m_table->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    return true;
}

} // namespace verdict
