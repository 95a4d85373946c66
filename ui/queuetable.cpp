// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuetable.h"

#include "icons.h"
#include "plaintext.h"
#include "queue/queuemodel.h"
#include "queuecelldelegate.h"
#include "syntaxhighlighteradapter.h"

#include <QHeaderView>
#include <QHelpEvent>
#include <QStyle>
#include <QToolTip>

namespace verdict {

QueueTable::QueueTable(QAbstractItemModel *shown, QueueModel *queue, QWidget *parent)
    : QTableView(parent)
    , m_queue(queue)
{
    for (Status s : {Status::Pending, Status::Approved, Status::Rejected, Status::Changes,
                     Status::Conflict})
        m_queue->setStatusIcon(s, Icons::status(s));
    applyRiskStyle();
    setObjectName(QStringLiteral("queue"));
    setModel(shown);
    setItemDelegate(new QueueCellDelegate(this));
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

void QueueTable::changeEvent(QEvent *event)
{
    QTableView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) { // a theme from Settings
        applyRiskStyle();
        viewport()->update();
    }
}

void QueueTable::applyRiskStyle()
{
    // The code view's error and warning colours: from the highlighter theme for this
    // palette (light or dark), so the queue and the code speak the same colours. The icons
    // and the tool tip words carry the meaning for anyone who cannot tell them apart.
    const auto colors = SyntaxHighlighterAdapter::editorColors(palette());
    QStyle *s = style();
    m_queue->setRiskStyle(QueueModel::ErrorRisk, s->standardIcon(QStyle::SP_MessageBoxCritical),
                          colors.error);
    m_queue->setRiskStyle(QueueModel::BlockingRisk, s->standardIcon(QStyle::SP_BrowserStop),
                          colors.error);
    m_queue->setRiskStyle(QueueModel::SharedTargetRisk,
                          s->standardIcon(QStyle::SP_MessageBoxWarning), colors.warning);
}

} // namespace verdict
