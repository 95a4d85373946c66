// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPlainTextDocumentLayout>

#include <vector>

namespace verdict {

// The code view's document layout: QPlainTextDocumentLayout with a band of room under the
// lines of some blocks, where the code view draws a diagnostic's message (an inline note).
// The band is part of the block's height, so it never covers code, scrolls with its line
// and follows it through wrapping (Alt+Z): it sits under the line's last visual row.
// The text itself is untouched: notes are painted, never part of the document, so they are
// not copied, searched, highlighted or counted as lines.
class InlineNoteLayout final : public QPlainTextDocumentLayout
{
    Q_OBJECT

public:
    explicit InlineNoteLayout(QTextDocument *document);
    ~InlineNoteLayout() override;

    // Blocks (by number) that get a band, and the band's height in pixels.
    void setNoteBlocks(std::vector<int> blocks, int bandHeight);
    bool hasNote(int blockNumber) const;
    int bandHeight() const { return m_bandHeight; }
    // Top of the block's band, from the block's top: under its last visual row.
    qreal bandTop(const QTextBlock &block) const;

    QRectF blockBoundingRect(const QTextBlock &block) const override;

private:
    std::vector<int> m_blocks; // sorted
    int m_bandHeight = 0;
};

} // namespace verdict
