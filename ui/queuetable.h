// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTableView>

namespace verdict {

class QueueModel;

// The queue's table: rows selected whole (Shift/Ctrl+click for a bulk decision), a dense
// font, values cut with an ellipsis, and tool tips that show report text literally (never
// as rich text). It styles the rows' status and risk icons (risk colours follow the palette:
// light or dark). Its columns are QueueColumns' business.
class QueueTable final : public QTableView
{
    Q_OBJECT

public:
    // `shown`: what the table shows (the filter proxy); `queue`: the model behind it.
    QueueTable(QAbstractItemModel *shown, QueueModel *queue, QWidget *parent = nullptr);
    ~QueueTable() override;

Q_SIGNALS:
    // After every resize of the table.
    void resized();

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void applyRiskStyle();

    QueueModel *m_queue;
};

} // namespace verdict
