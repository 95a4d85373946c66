// SPDX-License-Identifier: GPL-3.0-or-later
#include "plaintext.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>

namespace verdict {

namespace {

constexpr QChar kZeroWidthSpace(0x200B);
// A token this long (longer than words) gets a break opportunity in wrapped labels.
constexpr int kWrapEvery = 24;

} // namespace

QLabel *PlainText::label(const QString &text, QLabel *existing)
{
    QLabel *l = existing ? existing : new QLabel;
    l->setTextFormat(Qt::PlainText);
    l->setOpenExternalLinks(false);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setText(text);
    return l;
}

QString PlainText::wrappable(const QString &shown)
{
    QString out;
    out.reserve(shown.size() + shown.size() / kWrapEvery + 1);
    int run = 0;
    for (int i = 0; i < shown.size(); ++i) {
        const QChar c = shown.at(i);
        out += c;
        run = c.isSpace() ? 0 : run + 1;
        if (run >= kWrapEvery && !c.isHighSurrogate() && i + 1 < shown.size()) {
            out += kZeroWidthSpace;
            run = 0;
        }
    }
    return out;
}

QString PlainText::toolTip(const QString &text)
{
    if (text.isEmpty())
        return {};
    // Escaped inside an explicit rich-text wrapper: the text can no longer be markup.
    return QStringLiteral("<p style=\"white-space:pre-wrap\">")
           + wrappable(DisplayText::toolTip(text)).toHtmlEscaped() + QStringLiteral("</p>");
}

void PlainText::setCopyable(QLabel *label, const QString &shown, const QString &full,
                            const QString &actionText)
{
    label->setText(shown);
    auto *copy = label->findChild<QAction *>(QStringLiteral("copyFull"),
                                             Qt::FindDirectChildrenOnly);
    if (!copy) {
        copy = new QAction(label);
        copy->setObjectName(QStringLiteral("copyFull"));
        label->addAction(copy);
        // Replaces the text control's menu, whose Copy copies only what is shown.
        label->setContextMenuPolicy(Qt::ActionsContextMenu);
        QObject::connect(copy, &QAction::triggered, label, [copy] {
            QGuiApplication::clipboard()->setText(copy->data().toString());
        });
    }
    copy->setText(actionText);
    copy->setData(full);
    copy->setEnabled(!full.isEmpty());
}

QString PlainText::copyText(const QLabel *label)
{
    const auto *copy = label->findChild<QAction *>(QStringLiteral("copyFull"),
                                                   Qt::FindDirectChildrenOnly);
    return copy ? copy->data().toString() : QString();
}

} // namespace verdict
