// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace verdict {

// A line diff (Myers' O(ND) algorithm, shortest edit script) between two texts, for showing
// how a proposal's code changed between revisions.
class LineDiff final
{
public:
    enum class Kind { Same, Removed, Added };

    struct Line
    {
        Kind kind = Kind::Same;
        QString text;
        int oldLine = 0; // 1-based line in the old text, 0 for an added line
        int newLine = 0; // 1-based line in the new text, 0 for a removed line
    };

    static std::vector<Line> diff(const QStringList &oldLines, const QStringList &newLines);
    // Splits on '\n' ("" is no lines at all).
    static std::vector<Line> diffTexts(const QString &oldText, const QString &newText);

    // One line per entry: "  same", "- removed", "+ added".
    static QString format(const std::vector<Line> &lines);
};

} // namespace verdict
