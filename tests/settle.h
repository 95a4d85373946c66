// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/storeworker.h"

#include <QApplication>
#include <QTest>
#include <QWidget>

#include <utility>

namespace verdict::test {

// The window reads and writes its store on a thread of its own and applies the answers
// when they come: a test that checks what a key did first lets every window's store
// answer (and the answers be applied).
inline void settle()
{
    for (QWidget *top : QApplication::topLevelWidgets()) {
        for (StoreWorker *worker : top->findChildren<StoreWorker *>()) {
            if (!worker->waitForIdle())
                qWarning("a store worker is still busy");
        }
    }
}

// QTest's input functions, then settle().
template <typename... Args>
void keyClick(Args &&...args)
{
    QTest::keyClick(std::forward<Args>(args)...);
    settle();
}
template <typename... Args>
void keyClicks(Args &&...args)
{
    QTest::keyClicks(std::forward<Args>(args)...);
    settle();
}
template <typename... Args>
void mouseClick(Args &&...args)
{
    QTest::mouseClick(std::forward<Args>(args)...);
    settle();
}

} // namespace verdict::test
