// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuefilterproxy.h"

#include "queuemodel.h"

namespace verdict {

QueueFilterProxy::QueueFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(QueueModel::SortRole);
    setDynamicSortFilter(true);
}

QueueFilterProxy::~QueueFilterProxy() = default;

void QueueFilterProxy::setQueueModel(QueueModel *model)
{
    m_queue = model;
    setSourceModel(model);
}

void QueueFilterProxy::setQuery(const FilterQuery &query)
{
    m_query = query;
    // One layout change, not a rowsRemoved/rowsInserted pair per run of rows: with 100,000
    // rows the incremental invalidateFilter() emits thousands of them and takes seconds.
    invalidate();
}

void QueueFilterProxy::setMe(const QString &reviewer)
{
    if (m_me == reviewer)
        return;
    m_me = reviewer;
    if (m_query.usesKey(QStringLiteral("reviewer")))
        invalidateFilter();
    Q_EMIT contextChanged();
}

void QueueFilterProxy::setDeferred(const QSet<QString> &ids)
{
    if (m_deferred == ids)
        return;
    m_deferred = ids;
    if (m_query.usesKey(QStringLiteral("deferred")))
        invalidateFilter();
    Q_EMIT contextChanged();
}

void QueueFilterProxy::setTextMatches(const TextMatches &matches)
{
    if (m_textMatches == matches)
        return;
    m_textMatches = matches;
    if (m_query.usesKey(QStringLiteral("text")))
        invalidate(); // one layout change, as in setQuery()
}

bool QueueFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return !sourceParent.isValid() && accepts(m_query, sourceRow);
}

bool QueueFilterProxy::accepts(const FilterQuery &query, int sourceRow) const
{
    if (!m_queue)
        return false;
    if (query.isEmpty())
        return true;
    const QueueEntry *entry = m_queue->entryAt(sourceRow);
    if (!entry)
        return false;
    FilterContext context;
    context.me = m_me;
    context.reviewers = &m_queue->reviewers();
    // Only when asked: it normalises paths, and every keystroke filters every row.
    static const QString has = QStringLiteral("has");
    context.sharedTarget = query.usesKey(has) && m_queue->targetWriters().shared(*entry);
    context.rules = m_queue->diagnosticRules(entry->id);
    context.deferred = &m_deferred;
    context.searchText = &m_queue->searchText(sourceRow);
    context.textMatches = &m_textMatches;
    return query.matches(*entry, context);
}

bool QueueFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QueueEntry *a = m_queue ? m_queue->entryAt(left.row()) : nullptr;
    const QueueEntry *b = m_queue ? m_queue->entryAt(right.row()) : nullptr;
    if (!a || !b)
        return QSortFilterProxyModel::lessThan(left, right);
    const int c = m_queue->compare(left.row(), right.row(), left.column());
    // Ties keep the store's order (import order) so the sort is stable and predictable.
    return c != 0 ? c < 0 : left.row() < right.row();
}

} // namespace verdict
