// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filterquery.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace verdict {

class QueueModel;

// Sorts and filters the queue: rows that match a FilterQuery, sorted by any column. Reads
// the QueueModel's entries directly (no QVariant per row), so 100,000 rows re-filter fast.
class QueueFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit QueueFilterProxy(QObject *parent = nullptr);
    ~QueueFilterProxy() override;

    void setQueueModel(QueueModel *model);
    QueueModel *queueModel() const { return m_queue; }

    void setQuery(const FilterQuery &query);
    const FilterQuery &query() const { return m_query; }
    // The reviewer "reviewer:me" means.
    void setMe(const QString &reviewer);
    // The proposals "deferred:yes" means (this reviewer's, kept by the window).
    void setDeferred(const QSet<QString> &ids);
    QString me() const { return m_me; }
    // Whole-text search results for the query's text terms (see FilterContext); they stay
    // until replaced, so set them empty when the query no longer has text terms.
    void setTextMatches(const TextMatches &matches);
    const TextMatches &textMatches() const { return m_textMatches; }
    // Whether a queue row matches `query` as this proxy would filter it (the same reviewer,
    // deferrals and shared targets), for counting other queries than the shown one (the
    // views). The whole-text matches are the shown query's: count queries without words.
    bool accepts(const FilterQuery &query, int sourceRow) const;

Q_SIGNALS:
    // What accepts() reads besides the rows changed: the reviewer or the deferrals.
    void contextChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QueueModel *m_queue = nullptr;
    FilterQuery m_query;
    QSet<QString> m_deferred;
    QString m_me;
    TextMatches m_textMatches;
};

} // namespace verdict
