// SPDX-License-Identifier: GPL-3.0-or-later
#include "actionregistry.h"

#include <QAction>
#include <QHash>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

namespace verdict {

namespace {

QString plain(QString text)
{
    return text.remove(QLatin1Char('&'));
}

bool isLocal(const QAction *a)
{
    return a->shortcutContext() == Qt::WidgetShortcut
           || a->shortcutContext() == Qt::WidgetWithChildrenShortcut;
}

QObject *owner(const QAction *a)
{
    // A widget-local action belongs to the widget it was added to.
#if QT_VERSION >= QT_VERSION_CHECK(6, 0, 0)
    const QList<QObject *> where = a->associatedObjects();
#else
    const QList<QWidget *> where = a->associatedWidgets();
#endif
    return where.isEmpty() ? a->parent() : where.constFirst();
}

} // namespace

ActionRegistry::ActionRegistry(QMainWindow *window)
    : QObject(window)
    , m_window(window)
{
}

ActionRegistry::~ActionRegistry() = default;

QAction *ActionRegistry::add(const Spec &spec)
{
    Q_ASSERT(!spec.id.isEmpty() && !action(spec.id));
    const bool local = spec.context == Qt::WidgetShortcut && spec.widget;
    auto *a = new QAction(spec.text, local ? static_cast<QObject *>(spec.widget)
                                           : static_cast<QObject *>(m_window));
    a->setObjectName(spec.id);
    a->setShortcuts(spec.shortcuts);
    a->setShortcutContext(spec.context);
    a->setCheckable(spec.checkable);
    // Window-wide keys work with the menu bar hidden too.
    if (local)
        spec.widget->addAction(a);
    else
        m_window->addAction(a);
    m_actions << a;
    return a;
}

QAction *ActionRegistry::action(const QString &id) const
{
    for (QAction *a : m_actions) {
        if (a->objectName() == id)
            return a;
    }
    return nullptr;
}

QMenu *ActionRegistry::addMenu(const QString &title, const QStringList &ids)
{
    QMenu *menu = m_window->menuBar()->addMenu(title);
    for (const QString &id : ids) {
        if (id.isEmpty()) {
            menu->addSeparator();
        } else if (QAction *a = action(id)) {
            menu->addAction(a);
        } else {
            qWarning("verdict: no action \"%s\" for the menu %s", qUtf8Printable(id),
                     qUtf8Printable(plain(title)));
        }
    }
    m_menus << menu;
    return menu;
}

QList<QPair<QString, QList<QAction *>>> ActionRegistry::menuGroups() const
{
    QList<QPair<QString, QList<QAction *>>> groups;
    for (QAction *menuAction : m_window->menuBar()->actions()) {
        if (QMenu *menu = menuAction->menu())
            groups.append({plain(menu->title()), menu->actions()});
    }
    return groups;
}

QStringList ActionRegistry::unplaced() const
{
    QStringList missing;
    for (QAction *a : m_actions) {
        if (isLocal(a))
            continue;
        bool placed = false;
        for (const QMenu *menu : m_menus)
            placed = placed || menu->actions().contains(a);
        if (!placed)
            missing << a->objectName();
    }
    return missing;
}

QStringList ActionRegistry::clashes(const QList<QAction *> &actions)
{
    struct Bound
    {
        const QAction *action;
        QObject *scope; // null: the whole window
    };
    QHash<QString, QList<Bound>> byKey;
    QStringList clashes;
    for (const QAction *a : actions) {
        QObject *scope = isLocal(a) ? owner(a) : nullptr;
        for (const QKeySequence &key : a->shortcuts()) {
            const QString k = key.toString(QKeySequence::PortableText);
            QList<Bound> &bound = byKey[k];
            for (const Bound &b : std::as_const(bound)) {
                if (b.action != a && (!b.scope || !scope || b.scope == scope))
                    clashes << QStringLiteral("%1: %2 / %3")
                                   .arg(k, plain(b.action->text()), plain(a->text()));
            }
            bound.append({a, scope});
        }
    }
    return clashes;
}

void ActionRegistry::updateToolTips()
{
    const QList<QAction *> all = m_window->findChildren<QAction *>();
    for (QAction *a : all) {
        if (a->isSeparator() || a->shortcut().isEmpty())
            continue;
        const QString keys = a->shortcut().toString(QKeySequence::NativeText);
        if (a->toolTip().contains(keys))
            continue;
        QString text = plain(a->text());
        text.remove(QStringLiteral("…"));
        a->setToolTip(tr("%1 (%2)").arg(text, keys));
    }
}

} // namespace verdict
