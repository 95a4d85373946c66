// SPDX-License-Identifier: GPL-3.0-or-later
#include "guardbar.h"

#include "icons.h"
#include "plaintext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

namespace verdict {

GuardBar::GuardBar(QWidget *parent) : QFrame(parent), m_label(PlainText::label())
{
    setObjectName(QStringLiteral("guardBar"));
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Approval needs a second step"));
    m_label->setWordWrap(true);
    m_label->setObjectName(QStringLiteral("guardReasons"));
    auto *icon = new QLabel;
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(20, 20));
    icon->setAlignment(Qt::AlignVCenter);
    m_label->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // It shares its row with the buttons and never makes the row taller: a message longer
    // than the row is cut, whole in its tool tip and accessible name.
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 2, 8, 2);
    layout->addWidget(icon);
    layout->addWidget(m_label, 1);
    // Highlighted from the palette, so it reads in the dark theme too; the icon and the
    // words carry the meaning, not the colour.
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, p.color(QPalette::AlternateBase));
    setPalette(p);
    hide();
}

void GuardBar::arm(const QString &proposalId, int revision, const QStringList &reasons)
{
    m_proposalId = proposalId;
    m_revision = revision;
    m_label->setText(tr("Needs a second look: %1. Press A again to approve, Esc to cancel.")
                         .arg(reasons.join(QStringLiteral("; "))));
    m_label->setAccessibleName(m_label->text());
    m_label->setToolTip(PlainText::toolTip(m_label->text()));
    show();
}

void GuardBar::disarm()
{
    m_proposalId.clear();
    m_revision = 0;
    hide();
}

bool GuardBar::isArmedFor(const QString &proposalId, int revision) const
{
    return !isHidden() && m_proposalId == proposalId && m_revision == revision;
}

int GuardBar::heightForLines(int lines) const
{
    const QMargins m = layout()->contentsMargins();
    return m_label->fontMetrics().lineSpacing() * lines + m.top() + m.bottom() + 2 * frameWidth();
}

QString GuardBar::text() const
{
    return isHidden() ? QString() : m_label->text();
}

} // namespace verdict
