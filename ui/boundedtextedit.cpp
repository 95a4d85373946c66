// SPDX-License-Identifier: GPL-3.0-or-later
#include "boundedtextedit.h"

#include "plaintext.h"

#include <QMimeData>
#include <QTextBlock>

#include <algorithm>

namespace verdict {

BoundedTextEdit::BoundedTextEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
}

BoundedTextEdit::~BoundedTextEdit() = default;

void BoundedTextEdit::setFullText(const QString &text)
{
    m_full = text;
    m_cuts.clear();
    m_shownLines = 0;
    m_hiddenLines = 0;
    m_hiddenFrom = text.size();
    const int n = int(text.size());
    QString shown;
    if (n <= kMaxLineChars) {
        // Short enough that no line can be cut and no line hidden: the common case.
        shown = text;
        m_shownLines = 1 + int(std::count(text.cbegin(), text.cend(), QLatin1Char('\n')));
    } else {
        shown.reserve(std::min(n, kMaxShownChars) + 256);
        qsizetype delta = 0; // offset in the text minus position in `shown`
        int pos = 0;
        for (;;) {
            if (m_shownLines >= kMaxLines || shown.size() >= kMaxShownChars) {
                m_hiddenFrom = pos;
                m_hiddenLines =
                    1 + int(std::count(text.cbegin() + pos, text.cend(), QLatin1Char('\n')));
                shown += tr("⟪… %L1 more lines (%L2 characters) not shown: Copy gets them⟫")
                             .arg(m_hiddenLines)
                             .arg(n - pos);
                break;
            }
            const int newline = int(text.indexOf(QLatin1Char('\n'), pos));
            const int end = newline < 0 ? n : newline;
            const int length = end - pos;
            if (length > kMaxLineChars) {
                int kept = kMaxLineChars;
                if (text.at(pos + kept - 1).isHighSurrogate())
                    --kept; // never half a character
                const QString marker =
                    tr("  ⟪… %L1 more characters on this line not shown: Copy gets them⟫")
                        .arg(length - kept);
                Cut cut;
                cut.block = m_shownLines;
                cut.kept = kept;
                cut.shownLength = kept + int(marker.size());
                cut.lineLength = length;
                cut.delta = delta;
                delta += cut.lineLength - cut.shownLength;
                m_cuts.push_back(cut);
                shown += QStringView(text).mid(pos, kept);
                shown += marker;
            } else {
                shown += QStringView(text).mid(pos, length);
            }
            ++m_shownLines;
            if (newline < 0)
                break;
            shown += QLatin1Char('\n');
            pos = newline + 1;
        }
    }
    // One symbol for one character: shown lines and columns stay the report's.
    setPlainText(PlainText::visibleText(shown));
    markMarkers();
}

void BoundedTextEdit::markMarkers()
{
    if (m_cuts.empty() && m_hiddenLines == 0)
        return;
    // Set apart from the text, so a marker cannot pass for code (nor code for a marker:
    // the text's own characters never get this format).
    QTextCharFormat format;
    format.setFontItalic(true);
    format.setForeground(palette().color(QPalette::Disabled, QPalette::Text));
    format.setBackground(palette().color(QPalette::AlternateBase));
    QTextCursor cursor(document());
    for (const Cut &cut : m_cuts) {
        const QTextBlock block = document()->findBlockByNumber(cut.block);
        cursor.setPosition(block.position() + cut.kept);
        cursor.setPosition(block.position() + cut.shownLength, QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(format);
    }
    if (m_hiddenLines > 0) {
        const QTextBlock block = document()->lastBlock();
        cursor.setPosition(block.position());
        cursor.setPosition(block.position() + block.length() - 1, QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(format);
    }
}

qsizetype BoundedTextEdit::hiddenCharCount() const
{
    qsizetype hidden = m_hiddenLines > 0 ? m_full.size() - m_hiddenFrom : 0;
    for (const Cut &cut : m_cuts)
        hidden += cut.lineLength - cut.kept;
    return hidden;
}

int BoundedTextEdit::textLengthOfBlock(int blockNumber) const
{
    if (blockNumber < 0 || blockNumber >= m_shownLines)
        return 0;
    const auto it = std::lower_bound(m_cuts.begin(), m_cuts.end(), blockNumber,
                                     [](const Cut &c, int block) { return c.block < block; });
    if (it != m_cuts.end() && it->block == blockNumber)
        return it->kept;
    return std::max(0, document()->findBlockByNumber(blockNumber).length() - 1);
}

QString BoundedTextEdit::boundsNote() const
{
    QStringList parts;
    if (!m_cuts.empty()) {
        // No translation catalogue ships yet, so the plural is spelled out.
        parts << (m_cuts.size() == 1
                      ? tr("a long line cut at %L1 characters").arg(kMaxLineChars)
                      : tr("%L1 long lines cut at %L2 characters")
                            .arg(m_cuts.size())
                            .arg(kMaxLineChars));
    }
    if (m_hiddenLines > 0)
        parts << tr("only the first %L1 lines shown").arg(m_shownLines);
    if (parts.isEmpty())
        return {};
    return tr("Large text: %1 (%L2 characters not shown). Copy gets the whole text.")
        .arg(parts.join(QStringLiteral("; ")))
        .arg(hiddenCharCount());
}

qsizetype BoundedTextEdit::fullOffset(int position, bool isEnd) const
{
    if (m_cuts.empty() && m_hiddenLines == 0)
        return std::clamp<qsizetype>(position, 0, m_full.size());
    const QTextBlock block = document()->findBlock(std::max(0, position));
    if (!block.isValid())
        return isEnd ? m_full.size() : 0;
    const int number = block.blockNumber();
    if (m_hiddenLines > 0 && number >= m_shownLines)
        return isEnd ? m_full.size() : m_hiddenFrom;
    qsizetype column = position - block.position();
    const auto it = std::lower_bound(m_cuts.begin(), m_cuts.end(), number,
                                     [](const Cut &c, int b) { return c.block < b; });
    qsizetype delta = 0;
    if (it != m_cuts.end() && it->block == number) {
        delta = it->delta;
        // Inside the marker: it stands for the hidden rest of the line.
        if (column > it->kept)
            column = isEnd ? it->lineLength : it->kept;
    } else if (it != m_cuts.begin()) {
        const Cut &previous = *(it - 1);
        delta = previous.delta + previous.lineLength - previous.shownLength;
    }
    return std::clamp<qsizetype>(block.position() + delta + column, 0, m_full.size());
}

QString BoundedTextEdit::fullTextBetween(int from, int to) const
{
    const qsizetype start = fullOffset(std::min(from, to), false);
    const qsizetype end = fullOffset(std::max(from, to), true);
    return end > start ? m_full.mid(start, end - start) : QString();
}

QMimeData *BoundedTextEdit::createMimeDataFromSelection() const
{
    // The report's own characters: not the shown symbols, not the markers, and not what
    // QTextDocumentFragment would make of them (it turns no-break spaces into spaces).
    const QTextCursor cursor = textCursor();
    auto *mime = new QMimeData;
    mime->setText(fullTextBetween(cursor.selectionStart(), cursor.selectionEnd()));
    return mime;
}

} // namespace verdict
