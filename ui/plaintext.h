// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QLabel;

namespace verdict {

// Report text is untrusted: it is shown as text, never interpreted as HTML (no markup,
// no links, no images that could load a URL or a local file).
class PlainText final
{
public:
    // A label that shows its text verbatim.
    static QLabel *label(const QString &text = {}, QLabel *existing = nullptr);
    // Tool tips guess rich text (Qt::mightBeRichText); this makes them literal.
    static QString toolTip(const QString &text);
};

} // namespace verdict
