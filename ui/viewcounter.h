// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/filterquery.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <QVector>

#include <optional>
#include <vector>

namespace verdict {

class QueueFilterProxy;
class QueueModel;

// How many proposals each view matches ("Pending 255"), kept true a moment after the queue
// changes. A decision or a proposal's new diagnostics changes a row or two: only those are
// matched again (each row remembers which views it is in). A new queue, an import or a
// change of reviewer or deferrals counts every row again, on the GUI thread in slices of a
// few milliseconds, so 100,000 rows times the views never hold the window. A view with free
// words (whole-text search) or that does not parse gets no count (-1): its words are
// searched only when it is shown; so does every view past the 64th.
class ViewCounter final : public QObject
{
    Q_OBJECT

public:
    ViewCounter(QueueModel *model, QueueFilterProxy *proxy, QObject *parent = nullptr);
    ~ViewCounter() override;

    // The views' queries, in the order counted() reports them.
    void setQueries(const QStringList &queries);
    // Counts every row again shortly (many changes in a row are counted once).
    void schedule();
    bool isCounting() const { return m_slice.isActive() || m_delay.isActive(); }
    const QVector<int> &counts() const { return m_counts; }

    static constexpr int kDelayMs = 150;
    static constexpr int kSliceMs = 4;  // then the event loop runs
    static constexpr int kMaxViews = 64;
    static constexpr int kFewRows = 64; // a change of more rows counts every row, in slices

Q_SIGNALS:
    void counted(const QVector<int> &counts);

private:
    void rowsChanged(int first, int last);
    void start();
    void countSlice();
    quint64 matches(int row) const; // bit v: the row is in view v

    QueueModel *m_model;
    QueueFilterProxy *m_proxy;
    std::vector<std::optional<FilterQuery>> m_queries; // empty: not counted
    QVector<int> m_counts;          // as last reported
    std::vector<quint64> m_rows;    // per row, the views it is in (valid after a pass)
    bool m_valid = false;           // m_rows and m_counts are for the model's rows
    bool m_full = true;             // the next count is of every row
    QSet<int> m_dirty;              // rows to match again
    QVector<int> m_counting;        // the full pass under way
    int m_row = 0;
    bool m_again = false;           // changed during a full pass: count again after it
    QTimer m_delay;
    QTimer m_slice;
};

} // namespace verdict
