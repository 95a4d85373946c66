// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

namespace verdict {

class ActionRegistry;

// The main window's menu bar: where each registered action shows, by id (the cheat sheet
// lists the actions by menu). Laid out once every component has registered its actions.
class WindowMenus final
{
    Q_DECLARE_TR_FUNCTIONS(WindowMenus)

public:
    static void layOut(ActionRegistry *actions);
};

} // namespace verdict
