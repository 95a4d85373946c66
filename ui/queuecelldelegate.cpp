// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuecelldelegate.h"

#include <QApplication>
#include <QStyle>

namespace verdict {

void QueueCellDelegate::initStyleOption(QStyleOptionViewItem *option,
                                        const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!(option->features & QStyleOptionViewItem::HasDecoration)
        || !(option->features & QStyleOptionViewItem::HasDisplay) || option->text.isEmpty())
        return;
    const QStyle *style = option->widget ? option->widget->style() : QApplication::style();
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, option->widget) + 1;
    const int room = option->rect.width() - option->decorationSize.width() - 4 * margin;
    const QString shortest = option->text.left(kMinTextChars - 1) + QChar(0x2026);
    if (room >= option->fontMetrics.horizontalAdvance(shortest)
        || room >= option->fontMetrics.horizontalAdvance(option->text))
        return;
    option->text.clear();
    option->features &= ~QStyleOptionViewItem::HasDisplay;
    option->displayAlignment = Qt::AlignCenter;
    option->decorationAlignment = Qt::AlignCenter;
    option->decorationPosition = QStyleOptionViewItem::Left;
}

QString QueueCellDelegate::shownText(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    QStyleOptionViewItem shown = option;
    initStyleOption(&shown, index);
    return shown.text;
}

} // namespace verdict
