// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace verdict {

// Report text for display roles and labels (trust issue): a field may be megabytes long
// and hold control or bidi characters, so what is shown is bounded ("…" where cut) and
// visible. The models keep the whole values in their own roles (IdRole, MessageRole...).
class DisplayText
{
public:
    // Longest value shown for one field: a label, a table cell, a tree cell.
    static constexpr int kFieldChars = 160;
    // A cell whose view wraps its text (the diagnostics list: messages read in full).
    static constexpr int kWrappedChars = 4 * kFieldChars;
    // Tab titles, status bar labels, language names: beside others on one line.
    static constexpr int kShortChars = 48;
    // Lines of a multi-line value (risks, target files, parse problems).
    static constexpr int kBlockLines = 40;
    // Characters and lines of a tool tip's text.
    static constexpr int kToolTipChars = 1000;
    static constexpr int kToolTipLines = 24;

    // The symbol shown for one character of report text, `c` itself when it is harmless:
    // control characters as Control Pictures (␀, ␍...), invisible or reordering ones
    // (bidi embeddings, overrides, isolates and marks, zero-width spaces, byte order
    // marks) and line or paragraph separators as U+FFFD or ␤. One character for one, so
    // positions in shown code stay positions in the report. '\t' and '\n' are kept.
    static QChar visible(QChar c);
    // visible() over a whole string; lone surrogates become U+FFFD too.
    static QString visibleText(const QString &text);
    // One value on one line: visible, '\n' as ⏎, at most `max` characters ("…" last
    // when cut). Reads only the first `max` characters of `text`.
    static QString line(const QString &text, int max = kFieldChars);
    // Several values, one per line, each as line() after `prefix`; at most kBlockLines
    // lines, then one saying how many more there are.
    static QString lines(const QStringList &items, const QString &prefix = {},
                         int max = kFieldChars);
    // Tool tip text: the first kToolTipLines lines and kToolTipChars characters, visible,
    // "…" on a last line when cut. Plain text: the view decides how to show it.
    static QString toolTip(const QString &text);
};

} // namespace verdict
