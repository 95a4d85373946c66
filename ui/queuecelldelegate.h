// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace verdict {

// The queue's cells: a cell with an icon whose text would be cut to a letter or two
// ("P…" beside the status icon in a narrow pane) shows its icon alone, centred. The icon
// carries the meaning (status, conflict, errors); the tool tip and the accessible text
// still have the words.
class QueueCellDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    // Under this many characters of room beside the icon, the icon is shown alone.
    static constexpr int kMinTextChars = 4;
    // The text a cell shows in `option`'s rectangle (empty: its icon alone).
    QString shownText(const QStyleOptionViewItem &option, const QModelIndex &index) const;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace verdict
