// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuecolumns.h"

#include "queue/queuemodel.h"
#include "queuetable.h"

#include <QHeaderView>

#include <algorithm>

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
    for (int c = 0; c < header->count(); ++c)
        m_ideal << header->sectionSize(c);
    m_opportunityFloor = width(QStringLiteral("LifeOS Overlay Ga"));
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
    const auto isFixed = [h](int c) {
        return c != QueueModel::KindColumn && c != QueueModel::TargetsColumn
               && c != QueueModel::OpportunityColumn && !h->isSectionHidden(c);
    };
    const int floor = h->minimumSectionSize() * 2;
    const int opportunityFloor = m_opportunityFloor;
    const int viewport = m_table->viewport()->width();
    int fixedIdeal = 0;
    for (int c = 0; c < h->count() && c < m_ideal.size(); ++c)
        fixedIdeal += isFixed(c) ? m_ideal.at(c) : 0;
    // The other columns keep their widths while kind, targets and opportunity get a floor
    // each; in a narrower pane they give up room too (cut, whole in their tool tips), so
    // no horizontal scroll bar hides the last columns.
    const double scale = fixedIdeal <= 0 ? 1.0
                                          : std::clamp(double(viewport - 2 * floor
                                                              - opportunityFloor)
                                                           / fixedIdeal,
                                                       0.0, 1.0);
    m_fitting = true;
    int fixed = 0;
    for (int c = 0; c < h->count() && c < m_ideal.size(); ++c) {
        if (!isFixed(c))
            continue;
        h->resizeSection(c, std::max(h->minimumSectionSize(), int(m_ideal.at(c) * scale)));
        fixed += h->sectionSize(c);
    }
    // A third each at most (opportunity, the title, gets the rest and its floor), down to
    // a small floor.
    const int rest = viewport - fixed;
    const int share = std::min(rest / 3, (rest - opportunityFloor) / 2);
    auto fitOne = [h, share, floor](int column, int ideal) {
        h->resizeSection(column, std::max(floor, std::min(ideal, share)));
    };
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
