// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QAction;
class QTableWidget;

namespace verdict {

// Every action and its shortcut, by menu (F1 or ?). Built from the actions themselves, so
// it cannot drift from what the keys do.
class CheatSheet final : public QDialog
{
    Q_OBJECT

public:
    explicit CheatSheet(QWidget *parent = nullptr);
    ~CheatSheet() override;

    // Groups: menu title -> actions (separators and shortcut-less actions included).
    void setActions(const QList<QPair<QString, QList<QAction *>>> &groups);
    QTableWidget *table() const { return m_table; }
    // The shortcut text shown for an action's text (menu '&' removed); empty when absent.
    QString shortcutFor(const QString &actionText) const;

private:
    QTableWidget *m_table = nullptr;
};

} // namespace verdict
