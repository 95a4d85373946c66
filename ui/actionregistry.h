// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAction>
#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QPair>
#include <QStringList>

class QMainWindow;
class QMenu;
class QWidget;

namespace verdict {

// The one place the main window's actions are made. The object that owns a behaviour
// registers its actions here (an id, the text, the keys, where the keys work); the window
// only lays the registered actions out in its menus, by id. Because every action passes
// through here, the shortcut check (clashes()) and the cheat sheet see all of them.
class ActionRegistry final : public QObject
{
    Q_OBJECT

public:
    struct Spec
    {
        QString id; // unique; also the action's objectName
        QString text;
        QList<QKeySequence> shortcuts;
        // Qt::WindowShortcut: works anywhere in the window (menu bar hidden too).
        // Qt::WidgetShortcut: only while `widget` has the focus; the action goes in that
        // widget's context menu, not in the window's menus.
        Qt::ShortcutContext context = Qt::WindowShortcut;
        QWidget *widget = nullptr;
        bool checkable = false;
    };

    explicit ActionRegistry(QMainWindow *window);
    ~ActionRegistry() override;

    // Creates and registers the action; `slot` (a member function or a functor) runs on
    // triggered(), in the context of `receiver`.
    template<typename Receiver, typename Slot>
    QAction *add(const Spec &spec, const Receiver *receiver, Slot slot)
    {
        QAction *a = add(spec);
        connectTriggered(a, receiver, slot);
        return a;
    }
    QAction *add(const Spec &spec);

    QAction *action(const QString &id) const;
    const QList<QAction *> &actions() const { return m_actions; }

    // Fills the menu `title` (created in the menu bar when new) with these registered
    // actions in this order; an empty id is a separator.
    QMenu *addMenu(const QString &title, const QStringList &ids);
    // Menu title ('&' removed) -> its actions, separators included (the cheat sheet's).
    QList<QPair<QString, QList<QAction *>>> menuGroups() const;
    // Registered window-wide actions that no menu lists (they would miss the cheat sheet).
    QStringList unplaced() const;

    // "Ctrl+Shift+S: Save filter as a view… / Sync now" for every key two actions that can
    // fire at the same time share (Qt then fires neither). A widget's own shortcut shares
    // with the window's shortcuts, and with the same widget's, never with another widget's.
    QStringList clashes() const { return clashes(m_actions); }
    static QStringList clashes(const QList<QAction *> &actions);

    // Every action's tool tip names its keys (every action under the window: views make a
    // few widget-local ones of their own).
    void updateToolTips();

private:
    template<typename Receiver, typename Slot>
    static void connectTriggered(QAction *a, const Receiver *receiver, Slot slot)
    {
        QObject::connect(a, &QAction::triggered, receiver, slot);
    }

    QMainWindow *m_window;
    QList<QAction *> m_actions;
    QList<QMenu *> m_menus;
};

} // namespace verdict
