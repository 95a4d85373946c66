// SPDX-License-Identifier: GPL-3.0-or-later
#include "plaintext.h"

#include <QLabel>

namespace verdict {

QLabel *PlainText::label(const QString &text, QLabel *existing)
{
    QLabel *l = existing ? existing : new QLabel;
    l->setTextFormat(Qt::PlainText);
    l->setOpenExternalLinks(false);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setText(text);
    return l;
}

QString PlainText::toolTip(const QString &text)
{
    if (text.isEmpty())
        return {};
    // Escaped inside an explicit rich-text wrapper: the text can no longer be markup.
    return QStringLiteral("<p style=\"white-space:pre-wrap\">") + text.toHtmlEscaped()
           + QStringLiteral("</p>");
}

} // namespace verdict
