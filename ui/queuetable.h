// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTableView>

namespace verdict {

// The queue's table: rows selected whole (Shift/Ctrl+click for a bulk decision), a dense
// font, values cut with an ellipsis, and tool tips that show report text literally (never
// as rich text). Its columns are QueueColumns' business.
class QueueTable final : public QTableView
{
    Q_OBJECT

public:
    explicit QueueTable(QAbstractItemModel *model, QWidget *parent = nullptr);
    ~QueueTable() override;

Q_SIGNALS:
    // After every resize of the table.
    void resized();

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool viewportEvent(QEvent *event) override;
};

} // namespace verdict
