// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

class QTextDocument;

namespace verdict {

// The one place that knows KSyntaxHighlighting (DESIGN.md: one adapter in ui/). Without
// it (Qt 6 builds lacking KF6) every call degrades to plain text and palette colours.
// GUI thread only: it owns the process's single Repository.
class SyntaxHighlighterAdapter final
{
public:
    // Colours for a code view, from the syntax theme when there is one.
    struct EditorColors
    {
        QColor background;
        QColor foreground;
        QColor gutterBackground;
        QColor lineNumber;
        QColor currentLineNumber;
        QColor separator;
        QColor error;
        QColor warning;
        QColor info;
        bool fromTheme = false;
    };

    // Colours stop after this many lines or characters of a document (a million lines
    // took half a minute to colour on the GUI thread); the rest stays plain.
    static constexpr int kMaxColouredLines = 10000;
    static constexpr int kMaxColouredChars = 1024 * 1024;
    // Lines of `document` that get colours (all of them when under the limits).
    static int colouredLineCount(const QTextDocument *document);

    // "KF6 SyntaxHighlighting 6.13.0": what --version reports.
    static QString libraryVersion();

    // Attaches one highlighter to `document`, parented to it (replacing an earlier one).
    // The definition comes from the file name, else from the content language id.
    // Returns the definition's name, empty when the text stays plain.
    static QString attach(QTextDocument *document, const QString &fileName,
                          const QString &language, const QPalette &palette);
    // Re-themes the document's highlighter for a new palette (light/dark switch).
    static void setPalette(QTextDocument *document, const QPalette &palette);

    // Definition name the adapter would use, empty when none (or no KSyntaxHighlighting).
    static QString definitionName(const QString &fileName, const QString &language);

    static EditorColors editorColors(const QPalette &palette);
};

} // namespace verdict
