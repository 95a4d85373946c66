// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPlainTextEdit>

#include <vector>

namespace verdict {

// A read-only text view for report text of any size and shape. QPlainTextEdit lays out a
// line as one unit (a 50 MB line took minutes) and spends about 10 µs per line it holds
// (a million lines took tens of seconds and gigabytes), so what is shown is bounded:
// - a line over kMaxLineChars is cut there, and a marker says how many characters are
//   hidden and that Copy gets them;
// - after kMaxLines lines (or kMaxShownChars characters) a last line says how many lines
//   are not shown;
// - control, bidi and invisible characters are shown as visible symbols (PlainText), one
//   for one, so the shown lines are the report's lines and columns.
// Copy (Ctrl+C, the context menu, Select All then Copy) puts the report's own text of the
// selection on the clipboard, hidden parts included.
class BoundedTextEdit : public QPlainTextEdit
{
    Q_OBJECT

public:
    static constexpr int kMaxLineChars = 5000;
    static constexpr int kMaxLines = 100000;
    static constexpr int kMaxShownChars = 8 * 1024 * 1024;

    explicit BoundedTextEdit(QWidget *parent = nullptr);
    ~BoundedTextEdit() override;

    // Shows `text` (bounded as above). Use this, not setPlainText(), for report text.
    void setFullText(const QString &text);
    const QString &fullText() const { return m_full; }

    // Lines of the text that are shown (the blocks before the hidden-lines marker).
    int shownLineCount() const { return m_shownLines; }
    // Lines of the text that are not shown at all.
    int hiddenLineCount() const { return m_hiddenLines; }
    // Lines shown cut, and the characters hidden by the cuts and the hidden lines.
    int cutLineCount() const { return int(m_cuts.size()); }
    qsizetype hiddenCharCount() const;
    // Characters of a shown block that are the text's (the rest is the cut marker).
    int textLengthOfBlock(int blockNumber) const;
    // One sentence for a label: what is not shown and how to get it; empty when all is.
    QString boundsNote() const;

    // The text's own characters between two positions of the shown document; a position
    // inside a marker stands for the hidden part it replaces.
    QString fullTextBetween(int from, int to) const;

protected:
    QMimeData *createMimeDataFromSelection() const override;

private:
    struct Cut
    {
        int block = 0;          // block number of the cut line
        int kept = 0;           // characters of the line shown
        int shownLength = 0;    // kept + the marker's length
        qsizetype lineLength = 0;
        qsizetype delta = 0;    // offset in the text minus position shown, at this block
    };
    qsizetype fullOffset(int position, bool isEnd) const;
    void markMarkers();

    QString m_full;
    std::vector<Cut> m_cuts;
    int m_shownLines = 0;
    int m_hiddenLines = 0;
    qsizetype m_hiddenFrom = 0; // offset of the first hidden line in m_full
};

} // namespace verdict
