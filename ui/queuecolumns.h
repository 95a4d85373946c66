// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>

namespace verdict {

class QueueTable;

// The queue's column widths. Every column fits the pane (no horizontal scroll bar hiding
// Diagnostics and Age): when the pane is narrow, kind and targets give up room down to a
// floor and elide (their tool tips show all), opportunity stretches over the rest. A column
// the reviewer drags (or a restored layout) is theirs from then on.
class QueueColumns final : public QObject
{
    Q_OBJECT

public:
    explicit QueueColumns(QueueTable *table);
    ~QueueColumns() override;

    // True while the widths follow the pane's width.
    bool isFitted() const { return m_fitted; }

    // The header (widths, order, sort): the session keeps it. restoreState() sorts as
    // restored and leaves the widths to the reviewer; false when `state` is unusable.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

private:
    void fit();

    QueueTable *m_table;
    QList<int> m_ideal; // each column's width when the pane has room
    int m_opportunityFloor = 0;
    int m_kindIdeal = 0;
    int m_targetsIdeal = 0;
    bool m_fitted = true;
    bool m_fitting = false;
};

} // namespace verdict
