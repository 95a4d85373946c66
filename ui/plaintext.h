// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/displaytext.h"

#include <QString>
#include <QStringList>

class QLabel;

namespace verdict {

// Report text is untrusted: it is shown as text, never interpreted as HTML (no markup,
// no links, no images that could load a URL or a local file). It is also bounded
// (DisplayText): a 300,000-character id once made the window two million pixels wide and
// crashed the raster engine. What is shown is cut, with "…"; the whole value stays
// reachable through a Copy action.
class PlainText final : public DisplayText
{
public:
    // A multi-line label: kBlockLines lines of kFieldChars, prefixes and the "more" line.
    static constexpr int kBlockChars = (kBlockLines + 1) * (kFieldChars + 4);
    // A status bar message, report values in it included.
    static constexpr int kMessageChars = 300;

    // A label that shows its text verbatim.
    static QLabel *label(const QString &text = {}, QLabel *existing = nullptr);
    // Tool tips guess rich text (Qt::mightBeRichText); this makes them literal. The text
    // is bounded first (DisplayText::toolTip).
    static QString toolTip(const QString &text);

    // Word-wrapped labels only break at spaces: a long token would make the label (and the
    // window) as wide as the token. Zero-width spaces let it wrap every few characters
    // (report text never brings its own: visible() shows those as U+FFFD).
    static QString wrappable(const QString &shown);

    // The label shows `shown`; its context menu's action `actionText` copies `full`
    // (the untruncated value) to the clipboard. The action's object name is "copyFull".
    static void setCopyable(QLabel *label, const QString &shown, const QString &full,
                            const QString &actionText);
    // The value the label's copy action copies (empty when it has none).
    static QString copyText(const QLabel *label);
};

} // namespace verdict
