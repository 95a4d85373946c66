// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLayout;

namespace verdict {

class GuardBar;
class ReasonBar;

// The row under the proposal where a decision is made: the decision buttons, the guard's
// second step beside them, or the reason box in their place, always at the same height, so
// asking for a reason or a second step never moves the code above it.
class DecisionArea final : public QWidget
{
    Q_OBJECT

public:
    DecisionArea(GuardBar *guard, ReasonBar *reason, QLayout *buttons,
                 QWidget *parent = nullptr);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateHeight();

    ReasonBar *m_reason = nullptr;
    GuardBar *m_guard = nullptr;
    QWidget *m_decide = nullptr; // the buttons, with the guard's message beside them
    QLayout *m_buttons = nullptr;
};

} // namespace verdict
