// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

namespace verdict {

// A label that never wraps and never widens its layout: each line of its text is cut with
// "…" at the label's width (the whole value stays in its text, its accessible text, its
// tool tip when the caller sets one, and its Copy action). Used where a header line must
// keep one row whatever the value's length, so the code below gets the height.
class ElidedLabel final : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    void setElideMode(Qt::TextElideMode mode) { m_mode = mode; update(); }
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QStringList shownLines(int width) const;

    Qt::TextElideMode m_mode = Qt::ElideRight;
};

} // namespace verdict
