// SPDX-License-Identifier: GPL-3.0-or-later
#include "cheatsheet.h"

#include "plaintext.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace verdict {

namespace {
QString plainText(const QAction *a)
{
    QString t = a->text();
    t.remove(QLatin1Char('&'));
    return t;
}
} // namespace

CheatSheet::CheatSheet(QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(0, 2))
{
    setObjectName(QStringLiteral("cheatSheet"));
    setWindowTitle(tr("Keyboard shortcuts"));
    m_table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setShowGrid(false);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(PlainText::label(
        tr("Keys work while the queue has focus. In the reason box: 1-9 pick a preset, Enter "
           "confirms, Esc cancels. In the filter: Tab completes, Enter returns to the queue, "
           "Esc clears.")));
    layout->itemAt(0)->widget()->setProperty("wordWrap", true);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(560, 620);
}

CheatSheet::~CheatSheet() = default;

void CheatSheet::setActions(const QList<QPair<QString, QList<QAction *>>> &groups)
{
    m_table->setRowCount(0);
    for (const auto &group : groups) {
        const int header = m_table->rowCount();
        m_table->insertRow(header);
        auto *title = new QTableWidgetItem(group.first);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        m_table->setItem(header, 0, title);
        for (const QAction *a : group.second) {
            if (a->isSeparator() || a->text().isEmpty())
                continue;
            QStringList keys;
            for (const QKeySequence &k : a->shortcuts())
                keys << k.toString(QKeySequence::NativeText);
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            m_table->setItem(row, 0, new QTableWidgetItem(QStringLiteral("    ") + plainText(a)));
            m_table->setItem(row, 1, new QTableWidgetItem(keys.join(tr(" or "))));
        }
    }
    m_table->resizeRowsToContents();
}

QString CheatSheet::shortcutFor(const QString &actionText) const
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, 0);
        const QTableWidgetItem *keys = m_table->item(row, 1);
        if (name && keys && name->text().trimmed() == actionText)
            return keys->text();
    }
    return {};
}

} // namespace verdict
