// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuetable.h"

#include "plaintext.h"

#include <QHeaderView>
#include <QHelpEvent>
#include <QToolTip>

namespace verdict {

QueueTable::QueueTable(QAbstractItemModel *model, QWidget *parent)
    : QTableView(parent)
{
    setObjectName(QStringLiteral("queue"));
    setModel(model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    // Shift/Ctrl+click and Shift+arrows select several for a bulk decision.
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSortingEnabled(true);
    sortByColumn(-1, Qt::AscendingOrder); // store order until a header is clicked
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setShowGrid(false);
    verticalHeader()->hide();
    // A dense table (like a mail list): slightly smaller text, long values elided with a
    // tool tip.
    QFont tableFont = font();
    tableFont.setPointSizeF(tableFont.pointSizeF() * 0.92);
    setFont(tableFont);
    verticalHeader()->setDefaultSectionSize(QFontMetrics(tableFont).height() + 10);
    // The cells show report text cut; actions (registered by QueueNavigator) copy whole
    // values.
    setContextMenuPolicy(Qt::ActionsContextMenu);
}

QueueTable::~QueueTable() = default;

void QueueTable::resizeEvent(QResizeEvent *event)
{
    QTableView::resizeEvent(event);
    Q_EMIT resized();
}

bool QueueTable::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QModelIndex index = indexAt(help->pos());
        const QString text = index.data(Qt::ToolTipRole).toString();
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), PlainText::toolTip(text), this);
        return true;
    }
    return QTableView::viewportEvent(event);
}

} // namespace verdict
