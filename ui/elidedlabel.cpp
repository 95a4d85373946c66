// SPDX-License-Identifier: GPL-3.0-or-later
#include "elidedlabel.h"

#include "plaintext.h"

#include <QPainter>
#include <QStyle>

namespace verdict {

ElidedLabel::ElidedLabel(QWidget *parent)
    : QLabel(parent)
{
    PlainText::label(QString(), this);
    // Painted here, cut: selecting would select what is not shown (Copy copies it all).
    setTextInteractionFlags(Qt::NoTextInteraction);
    setWordWrap(false);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
}

QStringList ElidedLabel::shownLines(int width) const
{
    const QStringList lines = text().split(QLatin1Char('\n'));
    QStringList shown;
    shown.reserve(lines.size());
    const QFontMetrics fm = fontMetrics();
    for (const QString &line : lines)
        shown << fm.elidedText(line, m_mode, width);
    return shown;
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    const int lines = int(text().count(QLatin1Char('\n'))) + 1;
    const QMargins m = contentsMargins();
    return {fm.horizontalAdvance(QStringLiteral("xxxx…")) + m.left() + m.right(),
            fm.lineSpacing() * lines + m.top() + m.bottom()};
}

QSize ElidedLabel::sizeHint() const
{
    // As wide as the text (bounded by the caller), never taller than its lines.
    const QFontMetrics fm = fontMetrics();
    int width = 0;
    for (const QString &line : text().split(QLatin1Char('\n')))
        width = std::max(width, fm.horizontalAdvance(line));
    const QMargins m = contentsMargins();
    // (+2: elidedText() measures in fractions; a text exactly as wide would be cut.)
    return {std::min(width, 4000) + 2 + m.left() + m.right(), minimumSizeHint().height()};
}

void ElidedLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRect r = contentsRect();
    const int lineHeight = fontMetrics().lineSpacing();
    const QStringList lines = shownLines(r.width());
    const Qt::Alignment horizontal = alignment() & Qt::AlignHorizontal_Mask;
    // Vertically centred as a block, the way a QLabel places its text.
    const int blockHeight = lineHeight * int(lines.size());
    int y = r.top() + ((alignment() & Qt::AlignTop) ? 0 : std::max(0, (r.height() - blockHeight) / 2));
    for (const QString &line : lines) {
        style()->drawItemText(&painter, QRect(r.left(), y, r.width(), lineHeight),
                              int(horizontal | Qt::AlignVCenter) | Qt::TextSingleLine, palette(),
                              isEnabled(), line, foregroundRole());
        y += lineHeight;
    }
}

} // namespace verdict
