// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/filterquery.h"

#include <QObject>
#include <QTimer>
#include <QVector>

#include <optional>
#include <vector>

namespace verdict {

class QueueFilterProxy;
class QueueModel;

// How many proposals each view matches ("Pending 255"), counted again a moment after the
// queue changes (decisions, imports, diagnostics, deferrals). Counted on the GUI thread in
// slices of a few milliseconds, so 100,000 rows times the views never hold the window; a
// change while counting starts over. A view with free words (whole-text search) or that
// does not parse gets no count (-1): its words are searched only when it is shown.
class ViewCounter final : public QObject
{
    Q_OBJECT

public:
    ViewCounter(QueueModel *model, QueueFilterProxy *proxy, QObject *parent = nullptr);
    ~ViewCounter() override;

    // The views' queries, in the order counted() reports them.
    void setQueries(const QStringList &queries);
    // Counts again shortly (many changes in a row are counted once).
    void schedule();
    bool isCounting() const { return m_slice.isActive() || m_delay.isActive(); }
    const QVector<int> &counts() const { return m_counts; }

    static constexpr int kDelayMs = 150;
    static constexpr int kSliceMs = 4; // then the event loop runs

Q_SIGNALS:
    void counted(const QVector<int> &counts);

private:
    void start();
    void countSlice();

    QueueModel *m_model;
    QueueFilterProxy *m_proxy;
    std::vector<std::optional<FilterQuery>> m_queries; // empty: not counted
    QVector<int> m_counts;   // as last reported
    QVector<int> m_counting; // the pass under way
    int m_row = 0;
    bool m_again = false; // changed while counting: count again after this pass
    QTimer m_delay;
    QTimer m_slice;
};

} // namespace verdict
