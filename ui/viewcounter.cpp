// SPDX-License-Identifier: GPL-3.0-or-later
#include "viewcounter.h"

#include "queue/queuefilterproxy.h"
#include "queue/queuemodel.h"

#include <QElapsedTimer>

#include <utility>

namespace verdict {

ViewCounter::ViewCounter(QueueModel *model, QueueFilterProxy *proxy, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_proxy(proxy)
{
    m_delay.setSingleShot(true);
    m_delay.setTimerType(Qt::PreciseTimer); // the pause is the pause (benchmarks quote it)
    m_delay.setInterval(kDelayMs);
    connect(&m_delay, &QTimer::timeout, this, &ViewCounter::start);
    m_slice.setInterval(0);
    connect(&m_slice, &QTimer::timeout, this, &ViewCounter::countSlice);
    // Whatever a view reads: rows, their status and counts, who decided, deferrals.
    connect(model, &QAbstractItemModel::modelReset, this, &ViewCounter::schedule);
    connect(model, &QAbstractItemModel::layoutChanged, this, &ViewCounter::schedule);
    connect(model, &QAbstractItemModel::rowsInserted, this, &ViewCounter::schedule);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ViewCounter::schedule);
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &first, const QModelIndex &last) {
                rowsChanged(first.row(), last.row());
            });
    connect(proxy, &QueueFilterProxy::contextChanged, this, &ViewCounter::schedule);
}

ViewCounter::~ViewCounter() = default;

void ViewCounter::setQueries(const QStringList &queries)
{
    m_queries.clear();
    for (const QString &text : queries) {
        auto query = FilterQuery::parse(text);
        if (query && query->textValues().isEmpty() && int(m_queries.size()) < kMaxViews)
            m_queries.emplace_back(std::move(query).value());
        else
            m_queries.emplace_back(std::nullopt);
    }
    m_counts = QVector<int>(int(m_queries.size()), -1);
    m_slice.stop(); // its tallies are for the old list
    m_again = false;
    schedule();
}

void ViewCounter::schedule()
{
    m_full = true;
    // A pass under way finishes (a stream of changes, a check of a large import, would
    // otherwise never let one end) and the next one follows it.
    if (m_slice.isActive()) {
        m_again = true;
        return;
    }
    if (!m_delay.isActive())
        m_delay.start();
}

void ViewCounter::rowsChanged(int first, int last)
{
    if (last - first >= kFewRows) {
        schedule();
        return;
    }
    // Matched again once the change is complete (a decision also changes who decided,
    // which the model does not signal), with whatever else changes meanwhile.
    for (int row = first; row <= last; ++row)
        m_dirty.insert(row);
    if (m_dirty.size() > kFewRows) {
        // Many single rows (the counts of a whole queue applied one by one after a reload):
        // counted as every row, in slices, not in one go.
        m_dirty.clear();
        schedule();
        return;
    }
    if (m_slice.isActive())
        m_again = true;
    else if (!m_delay.isActive())
        m_delay.start();
}

quint64 ViewCounter::matches(int row) const
{
    quint64 in = 0;
    for (size_t v = 0; v < m_queries.size(); ++v) {
        if (m_queries[v] && m_proxy->accepts(*m_queries[v], row))
            in |= quint64(1) << v;
    }
    return in;
}

void ViewCounter::start()
{
    const int rows = m_model->rowCount();
    if (!m_full && m_valid && int(m_rows.size()) == rows) {
        for (const int row : std::as_const(m_dirty)) {
            if (row < 0 || row >= rows)
                continue;
            const quint64 before = m_rows[size_t(row)];
            const quint64 now = matches(row);
            for (int v = 0; v < m_counts.size(); ++v) {
                const quint64 bit = quint64(1) << v;
                m_counts[v] += ((now & bit) ? 1 : 0) - ((before & bit) ? 1 : 0);
            }
            m_rows[size_t(row)] = now;
        }
        m_dirty.clear();
        Q_EMIT counted(m_counts);
        return;
    }
    m_full = false;
    m_valid = false;
    m_dirty.clear();
    m_row = 0;
    m_rows.assign(size_t(rows), 0);
    m_counting = QVector<int>(int(m_queries.size()), 0);
    countSlice();
}

void ViewCounter::countSlice()
{
    QElapsedTimer clock;
    clock.start();
    const int rows = int(m_rows.size());
    const int views = int(m_queries.size());
    while (m_row < rows) {
        const quint64 in = matches(m_row);
        m_rows[size_t(m_row)] = in;
        for (int v = 0; v < views; ++v) {
            if (in & (quint64(1) << v))
                ++m_counting[v];
        }
        ++m_row;
        if ((m_row & 63) == 0 && clock.elapsed() >= kSliceMs) {
            m_slice.start(); // the rest after the event loop has run
            return;
        }
    }
    m_slice.stop();
    for (int v = 0; v < views; ++v) {
        if (!m_queries[size_t(v)])
            m_counting[v] = -1;
    }
    m_counts = m_counting;
    m_valid = int(m_rows.size()) == m_model->rowCount();
    Q_EMIT counted(m_counts);
    if (std::exchange(m_again, false) || !m_dirty.isEmpty() || !m_valid)
        m_delay.start();
}

} // namespace verdict
