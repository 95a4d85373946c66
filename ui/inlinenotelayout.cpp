// SPDX-License-Identifier: GPL-3.0-or-later
#include "inlinenotelayout.h"

#include <QTextBlock>
#include <QTextLayout>

#include <algorithm>

namespace verdict {

InlineNoteLayout::InlineNoteLayout(QTextDocument *document)
    : QPlainTextDocumentLayout(document)
{
}

InlineNoteLayout::~InlineNoteLayout() = default;

void InlineNoteLayout::setNoteBlocks(std::vector<int> blocks, int bandHeight)
{
    std::sort(blocks.begin(), blocks.end());
    blocks.erase(std::unique(blocks.begin(), blocks.end()), blocks.end());
    if (blocks == m_blocks && bandHeight == m_bandHeight)
        return;
    m_blocks = std::move(blocks);
    m_bandHeight = std::max(0, bandHeight);
    // The views place blocks and size their scroll bars from blockBoundingRect(): both are
    // redone on these signals.
    Q_EMIT documentSizeChanged(documentSize());
    Q_EMIT update(QRectF(0., 0., 1000000000., 1000000000.));
}

bool InlineNoteLayout::hasNote(int blockNumber) const
{
    return std::binary_search(m_blocks.begin(), m_blocks.end(), blockNumber);
}

qreal InlineNoteLayout::bandTop(const QTextBlock &block) const
{
    // The base class lays the block out first when it has not been.
    const qreal height = QPlainTextDocumentLayout::blockBoundingRect(block).height();
    const QTextLayout *layout = block.layout();
    if (!layout || layout->lineCount() == 0)
        return height;
    const QTextLine last = layout->lineAt(layout->lineCount() - 1);
    return last.y() + last.height();
}

QRectF InlineNoteLayout::blockBoundingRect(const QTextBlock &block) const
{
    QRectF r = QPlainTextDocumentLayout::blockBoundingRect(block);
    if (m_bandHeight > 0 && block.isVisible() && !m_blocks.empty() && r.height() > 0
        && hasNote(block.blockNumber()))
        r.setHeight(r.height() + m_bandHeight);
    return r;
}

} // namespace verdict
