// SPDX-License-Identifier: GPL-3.0-or-later
#include "displaytext.h"

#include <QCoreApplication>

#include <algorithm>

namespace verdict {

namespace {

constexpr QChar kEllipsis(0x2026);
constexpr QChar kReturnSymbol(0x23CE);

// Where to cut `text` to keep at most `n` characters without splitting a surrogate pair.
int cutAt(const QString &text, int n)
{
    if (n <= 0)
        return 0;
    if (n >= text.size())
        return int(text.size());
    return text.at(n - 1).isHighSurrogate() ? n - 1 : n;
}

} // namespace

QChar DisplayText::visible(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x20 && u != u'\t' && u != u'\n')
        return QChar(char16_t(0x2400 + u)); // Control Pictures: ␀ ␁ … ␍ …
    if (u == 0x7f)
        return QChar(char16_t(0x2421)); // ␡
    if (u >= 0x80 && u <= 0x9f)
        return QChar::ReplacementCharacter;
    if (u == 0x2028 || u == 0x2029)
        return QChar(char16_t(0x2424)); // ␤: would break a line (or a code view's block)
    // Invisible or reordering: bidi embeddings, overrides, isolates and marks (a
    // "Trojan Source" id reads as another), zero-width spaces and joiners that hide in
    // names, byte order marks, and the two characters QTextDocument takes as a frame.
    const bool hidden = (u >= 0x200b && u <= 0x200f) || (u >= 0x202a && u <= 0x202e)
                        || (u >= 0x2060 && u <= 0x2069) || u == 0x061c || u == 0xfeff
                        || (u >= 0xfff9 && u <= 0xfffb) || u == 0xfdd0 || u == 0xfdd1;
    return hidden ? QChar(QChar::ReplacementCharacter) : c;
}

QString DisplayText::visibleText(const QString &text)
{
    QString out = text; // shared, detached only when something changes
    const int n = int(out.size());
    QChar *d = nullptr;
    for (int i = 0; i < n; ++i) {
        const QChar c = out.at(i);
        QChar v = visible(c);
        // A lone surrogate is no character at all: some fonts and shapers choke on it.
        if (c.isHighSurrogate()) {
            if (i + 1 < n && out.at(i + 1).isLowSurrogate()) {
                ++i;
                continue;
            }
            v = QChar::ReplacementCharacter;
        } else if (c.isLowSurrogate()) {
            v = QChar::ReplacementCharacter;
        }
        if (v != c) {
            if (!d)
                d = out.data();
            d[i] = v;
        }
    }
    return out;
}

QString DisplayText::line(const QString &text, int max)
{
    max = std::max(1, max);
    const bool cut = text.size() > max;
    QString shown = visibleText(text.left(cutAt(text, cut ? max - 1 : max)));
    shown.replace(QLatin1Char('\n'), kReturnSymbol);
    shown.replace(QLatin1Char('\t'), QLatin1Char(' '));
    if (cut)
        shown += kEllipsis;
    return shown;
}

QString DisplayText::lines(const QStringList &items, const QString &prefix, int max)
{
    QStringList out;
    const int shown = std::min(int(items.size()), kBlockLines);
    for (int i = 0; i < shown; ++i)
        out << prefix + line(items.at(i), max);
    if (items.size() > shown) {
        out << QCoreApplication::translate("verdict::DisplayText", "… and %L1 more")
                   .arg(items.size() - shown);
    }
    return out.join(QLatin1Char('\n'));
}

QString DisplayText::toolTip(const QString &text)
{
    QString shown = text.left(cutAt(text, kToolTipChars));
    bool cut = shown.size() < text.size();
    int lineCount = 0;
    for (int i = 0; i < shown.size(); ++i) {
        if (shown.at(i) == QLatin1Char('\n') && ++lineCount >= kToolTipLines) {
            shown.truncate(i);
            cut = true;
            break;
        }
    }
    shown = visibleText(shown).replace(QLatin1Char('\t'), QLatin1Char(' '));
    if (cut)
        shown += QLatin1Char('\n') + QString(kEllipsis);
    return shown;
}

} // namespace verdict
