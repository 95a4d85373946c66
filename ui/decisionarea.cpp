// SPDX-License-Identifier: GPL-3.0-or-later
#include "decisionarea.h"

#include "guardbar.h"
#include "reasonbar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QVBoxLayout>

namespace verdict {

DecisionArea::DecisionArea(GuardBar *guard, ReasonBar *reason, QLayout *buttons,
                           QWidget *parent)
    : QWidget(parent)
    , m_reason(reason)
    , m_guard(guard)
    , m_decide(new QWidget)
{
    setObjectName(QStringLiteral("decisionArea"));
    // The guard's message takes the row's width left of the buttons; while it asks, only
    // Approve stays beside it (A again approves; Esc, R or C cancel the second step).
    auto *decide = new QHBoxLayout(m_decide);
    decide->setContentsMargins(10, 2, 10, 2);
    decide->setSpacing(8);
    decide->addWidget(guard, 1);
    decide->addStretch(0); // the buttons on the right while the guard is hidden
    decide->addLayout(buttons);
    m_buttons = buttons;
    guard->installEventFilter(this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(reason);
    layout->addWidget(m_decide);
    reason->installEventFilter(this);
    m_decide->setVisible(reason->isHidden());
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    updateHeight();
}

bool DecisionArea::eventFilter(QObject *watched, QEvent *event)
{
    // The reason box takes the buttons' place (it has its own Confirm and Cancel).
    const bool shown = event->type() == QEvent::ShowToParent;
    if (shown || event->type() == QEvent::HideToParent) {
        if (watched == m_reason)
            m_decide->setVisible(!shown);
        if (watched == m_guard) {
            for (int i = 1; i < m_buttons->count(); ++i) {
                if (QWidget *button = m_buttons->itemAt(i)->widget())
                    button->setVisible(!shown);
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DecisionArea::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateHeight();
}

void DecisionArea::updateHeight()
{
    // The tallest of what it shows: the reason box, the buttons, or a guard message of
    // three lines (a longer one is cut; its tool tip has it whole).
    const QMargins m = m_decide->layout()->contentsMargins();
    const int decide = std::max(m_buttons->sizeHint().height(), m_guard->heightForLines(3))
                       + m.top() + m.bottom();
    setFixedHeight(std::max(decide, m_reason->sizeHint().height()));
}

} // namespace verdict
