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
    m_delay.setInterval(kDelayMs);
    connect(&m_delay, &QTimer::timeout, this, &ViewCounter::start);
    m_slice.setInterval(0);
    connect(&m_slice, &QTimer::timeout, this, &ViewCounter::countSlice);
    // Whatever a view reads: rows, their status and counts, who decided, deferrals.
    for (QAbstractItemModel *m : {static_cast<QAbstractItemModel *>(model),
                                  static_cast<QAbstractItemModel *>(proxy)}) {
        connect(m, &QAbstractItemModel::modelReset, this, &ViewCounter::schedule);
        connect(m, &QAbstractItemModel::layoutChanged, this, &ViewCounter::schedule);
        connect(m, &QAbstractItemModel::rowsInserted, this, &ViewCounter::schedule);
        connect(m, &QAbstractItemModel::rowsRemoved, this, &ViewCounter::schedule);
    }
    connect(model, &QAbstractItemModel::dataChanged, this, &ViewCounter::schedule);
}

ViewCounter::~ViewCounter() = default;

void ViewCounter::setQueries(const QStringList &queries)
{
    m_queries.clear();
    for (const QString &text : queries) {
        auto query = FilterQuery::parse(text);
        if (query && query->textValues().isEmpty())
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
    // A pass under way finishes (a stream of changes, a check of a large import, would
    // otherwise never let one end) and the next one follows it.
    if (m_slice.isActive()) {
        m_again = true;
        return;
    }
    if (!m_delay.isActive())
        m_delay.start();
}

void ViewCounter::start()
{
    m_row = 0;
    m_counting = QVector<int>(int(m_queries.size()), 0);
    for (int i = 0; i < m_counting.size(); ++i) {
        if (!m_queries[size_t(i)])
            m_counting[i] = -1;
    }
    countSlice();
}

void ViewCounter::countSlice()
{
    QElapsedTimer clock;
    clock.start();
    const int rows = m_model->rowCount();
    const int views = int(m_queries.size());
    while (m_row < rows) {
        for (int v = 0; v < views; ++v) {
            if (m_queries[size_t(v)] && m_proxy->accepts(*m_queries[size_t(v)], m_row))
                ++m_counting[v];
        }
        ++m_row;
        if ((m_row & 63) == 0 && clock.elapsed() >= kSliceMs) {
            m_slice.start(); // the rest after the event loop has run
            return;
        }
    }
    m_slice.stop();
    m_counts = m_counting;
    Q_EMIT counted(m_counts);
    if (std::exchange(m_again, false))
        m_delay.start();
}

} // namespace verdict
