// SPDX-License-Identifier: GPL-3.0-or-later
#include "codeview.h"

#include "filenotesbar.h"
#include "inlinenotelayout.h"
#include "plaintext.h"

#include <QApplication>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QLocale>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QToolTip>

#include <algorithm>

namespace verdict {

// The line-number gutter; painting is delegated to the view, which knows the blocks.
class CodeGutter final : public QWidget
{
public:
    explicit CodeGutter(CodeView *view)
        : QWidget(view)
        , m_view(view)
    {
    }
    QSize sizeHint() const override { return {m_view->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_view->paintGutter(event); }
    bool event(QEvent *event) override
    {
        if (event->type() == QEvent::ToolTip && m_view->gutterToolTip(event))
            return true;
        return QWidget::event(event);
    }

private:
    CodeView *m_view;
};

namespace {

constexpr int kGutterPadding = 6;
// Underlines are made for the visible lines and this many on each side (one extra
// selection per diagnostic is a relayout of its line: thousands of them froze the view).
constexpr int kUnderlineMargin = 200;
constexpr int kMaxUnderlines = 1000;
// Diagnostics listed in one line's tool tip.
constexpr int kMaxToolTipDiagnostics = 10;
// An inline note: left of its text, the severity bar; around it, this much room.
constexpr int kNoteBar = 3;
constexpr int kNoteMargin = 4;

bool lineLess(const Diagnostic &a, const Diagnostic &b)
{
    return a.line < b.line;
}

} // namespace

CodeView::CodeView(QWidget *parent)
    : BoundedTextEdit(parent)
    , m_gutter(new CodeGutter(this))
    , m_fileNotes(new FileNotesBar([this](DiagnosticSeverity s) { return severityColor(s); },
                                   this))
{
    // Our own document, laid out with room under the lines that have a diagnostic.
    auto *doc = new QTextDocument(this);
    m_noteLayout = new InlineNoteLayout(doc);
    doc->setDocumentLayout(m_noteLayout);
    setDocument(doc);
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFrameShape(QFrame::NoFrame);
    // Report text may hold anything; it is only ever shown as plain text.
    setUndoRedoEnabled(false);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeView::updateGutterGeometry);
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy != 0) {
            m_gutter->scroll(0, dy);
            underlineVisibleLines();
        } else {
            m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
        }
    });
    connect(this, &QPlainTextEdit::cursorPositionChanged, m_gutter,
            qOverload<>(&QWidget::update));
    // Scrolling moves the underlined window (QPlainTextEdit moves its top block without a
    // scroll bar signal when it centres the cursor: updateRequest above covers that).
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
            &CodeView::underlineVisibleLines);
    applyColors();
    m_fileNotes->setFont(noteFont());
    updateGutterGeometry();
}

CodeView::~CodeView() = default;

void CodeView::setArtifact(const Artifact &artifact)
{
    m_artifact = artifact;
    m_firstLine = std::max(1, artifact.firstLine);
    // The file's lines in the report, shown or not (an empty file has none).
    m_lastLine = m_firstLine + int(artifact.content.count(QLatin1Char('\n')))
                 - (artifact.content.isEmpty() ? 1 : 0);
    m_diagnostics.clear();
    // A view shows one proposal's file after another: the last one's text is not coloured
    // again under the new definition.
    document()->clear();
    // The definition is chosen before the text is set, so the first layout is coloured.
    // By file name, unless the content is confidently another language than the name says
    // (sample 003: generated_1.sql holding Python): then the colours follow the content,
    // like the syntax checker, whose squiggles are that language's errors.
    const bool otherLanguage = !artifact.language.isEmpty()
                               && artifact.language != QLatin1String("plaintext")
                               && artifact.language != artifact.declaredLanguage;
    m_definitionName = SyntaxHighlighterAdapter::attach(
        document(), otherLanguage ? QString() : artifact.path, artifact.language,
        QApplication::palette());
    m_notes.clear();
    m_noteLayout->setNoteBlocks({}, 0);
    setFullText(artifact.content);
    // At the top left of the file, wherever the last one was read.
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    updateGutterGeometry();
    updateExtraSelections();
}

QString CodeView::noteText(const Diagnostic &d)
{
    // Bounded before it is measured: a message may be megabytes of report text.
    return PlainText::line(d.message, kNoteChars) + QStringLiteral("  [")
           + PlainText::line(d.rule, PlainText::kShortChars) + QLatin1Char(']');
}

void CodeView::setDiagnostics(const std::vector<Diagnostic> &diagnostics)
{
    m_diagnostics.clear();
    const int last = m_firstLine + std::max(0, shownLineCount() - 1);
    std::vector<FileNotesBar::Note> fileNotes;
    for (const Diagnostic &d : diagnostics) {
        if (d.artifact != m_artifact.path)
            continue;
        if (d.line < m_firstLine || d.line > m_lastLine) // about the file: above the code
            fileNotes.push_back({d.severity, noteText(d)});
        else if (d.line <= last)
            m_diagnostics.push_back(d);
    }
    m_fileNotes->setNotes(std::move(fileNotes));
    updateGutterGeometry();
    std::stable_sort(m_diagnostics.begin(), m_diagnostics.end(), lineLess);
    // One note per line: its most severe diagnostic, and how many more the line has.
    m_notes.clear();
    for (auto it = m_diagnostics.begin(); it != m_diagnostics.end();) {
        auto end = std::find_if(it, m_diagnostics.end(),
                                [line = it->line](const Diagnostic &d) { return d.line != line; });
        const auto worst = std::min_element(it, end, [](const Diagnostic &a, const Diagnostic &b) {
            return int(a.severity) < int(b.severity);
        });
        NoteText note;
        note.blockNumber = blockOfLine(it->line);
        note.severity = worst->severity;
        note.text = noteText(*worst);
        const qsizetype more = (end - it) - 1;
        if (more > 0)
            note.text += QStringLiteral("  ") + tr("(+%L1 more on this line)").arg(more);
        m_notes.push_back(std::move(note));
        it = end;
    }
    layOutNotes();
    updateExtraSelections();
    m_gutter->update();
}

QFont CodeView::noteFont() const
{
    // The interface's font, not the code's: a note is not code.
    QFont f = QApplication::font(this);
    f.setItalic(true);
    return f;
}

void CodeView::layOutNotes()
{
    std::vector<int> blocks;
    blocks.reserve(m_notes.size());
    for (const NoteText &note : m_notes)
        blocks.push_back(note.blockNumber);
    const int band = std::max(fontMetrics().height(), QFontMetrics(noteFont()).height()) + 4;
    m_noteLayout->setNoteBlocks(std::move(blocks), band);
    viewport()->update();
}

QRectF CodeView::blockRect(int blockNumber) const
{
    const QTextBlock block = document()->findBlockByNumber(blockNumber);
    if (!block.isValid())
        return {};
    return blockBoundingGeometry(block).translated(contentOffset());
}

bool CodeView::hasInlineNote(int blockNumber) const
{
    return m_noteLayout->hasNote(blockNumber);
}

std::vector<CodeView::InlineNote> CodeView::visibleInlineNotes() const
{
    std::vector<InlineNote> out;
    if (m_notes.empty())
        return out;
    const QFontMetrics metrics(noteFont());
    const QPointF offset = contentOffset();
    const int viewHeight = viewport()->height();
    const int viewWidth = viewport()->width();
    for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
        const QRectF r = blockBoundingGeometry(block).translated(offset);
        if (r.top() > viewHeight)
            break;
        if (!block.isVisible() || block.blockNumber() >= shownLineCount()
            || !m_noteLayout->hasNote(block.blockNumber()))
            continue;
        NoteText key;
        key.blockNumber = block.blockNumber();
        const auto it = std::lower_bound(
            m_notes.begin(), m_notes.end(), key,
            [](const NoteText &a, const NoteText &b) { return a.blockNumber < b.blockNumber; });
        if (it == m_notes.end() || it->blockNumber != block.blockNumber())
            continue;
        InlineNote note;
        note.blockNumber = it->blockNumber;
        note.severity = it->severity;
        const int top = qRound(r.top() + m_noteLayout->bandTop(block));
        note.band = QRect(0, top, viewWidth, m_noteLayout->bandHeight());
        // Under the line's code, where its indentation ends; never off the view's left
        // (scrolled sideways) nor pushed past its middle (deeply indented code).
        int indent = 0;
        const QString text = block.text();
        while (indent < text.size() && text.at(indent).isSpace())
            ++indent;
        qreal codeX = offset.x();
        if (const QTextLayout *layout = block.layout(); layout && layout->lineCount() > 0)
            codeX += layout->lineAt(0).cursorToX(std::min(indent, int(text.size())));
        const int left = std::clamp(int(codeX), kNoteMargin, std::max(kNoteMargin, viewWidth / 2));
        const int textLeft = left + kNoteBar + kNoteMargin;
        note.text = QRect(textLeft, top, std::max(0, viewWidth - textLeft - kNoteMargin),
                          note.band.height());
        note.shown = metrics.elidedText(it->text, Qt::ElideRight, note.text.width());
        out.push_back(std::move(note));
    }
    return out;
}

void CodeView::paintEvent(QPaintEvent *event)
{
    BoundedTextEdit::paintEvent(event);
    const std::vector<InlineNote> notes = visibleInlineNotes();
    if (notes.empty())
        return;
    QPainter painter(viewport());
    painter.setFont(noteFont());
    for (const InlineNote &note : notes) {
        if (!note.band.intersects(event->rect()))
            continue;
        const QColor colour = severityColor(note.severity);
        // A tint of the severity's colour across the band, a bar of it at the note's left:
        // apart from the code, whatever the highlighting's colours.
        QColor tint = colour;
        tint.setAlpha(31);
        painter.fillRect(note.band.adjusted(0, 1, 0, -1), tint);
        painter.fillRect(QRect(note.text.left() - kNoteMargin - kNoteBar, note.band.top() + 2,
                               kNoteBar, note.band.height() - 4),
                         colour);
        painter.setPen(colour);
        painter.drawText(note.text, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                         note.shown);
    }
}

std::vector<Diagnostic> CodeView::diagnosticsAtLine(int reportLine) const
{
    Diagnostic key;
    key.line = reportLine;
    const auto range = std::equal_range(m_diagnostics.begin(), m_diagnostics.end(), key, lineLess);
    std::vector<Diagnostic> out(range.first, range.second);
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return int(a.severity) < int(b.severity);
    });
    return out;
}

int CodeView::blockOfLine(int reportLine) const
{
    const qint64 block = qint64(reportLine) - m_firstLine;
    return block >= 0 && block < shownLineCount() ? int(block) : -1;
}

bool CodeView::scrollToLine(int reportLine, int column)
{
    const int blockNumber = blockOfLine(reportLine);
    if (blockNumber < 0)
        return false;
    const QTextBlock block = document()->findBlockByNumber(blockNumber);
    QTextCursor cursor(block);
    cursor.setPosition(block.position()
                       + std::clamp(column - 1, 0, textLengthOfBlock(blockNumber)));
    setTextCursor(cursor);
    centerCursor();
    return true;
}

int CodeView::gutterWidth() const
{
    const int lastLine = std::max(1, shownLineCount());
    const int digits = std::max(3, int(QString::number(lastLine).size()));
    return kGutterPadding * 2 + kMarkerSize + 4
           + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void CodeView::updateGutterGeometry()
{
    const int notes = m_fileNotes->preferredHeight();
    setViewportMargins(gutterWidth(), notes, 0, 0);
    const QRect cr = contentsRect();
    m_fileNotes->setGeometry(QRect(cr.left(), cr.top(), cr.width(), notes));
    m_fileNotes->setVisible(notes > 0);
    m_gutter->setGeometry(QRect(cr.left(), cr.top() + notes, gutterWidth(), cr.height() - notes));
    m_gutter->update();
}

void CodeView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    updateGutterGeometry();
    underlineVisibleLines();
}

void CodeView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    const bool paletteChanged = event->type() == QEvent::PaletteChange
                                || event->type() == QEvent::ApplicationPaletteChange;
    if (paletteChanged && !m_applyingColors) {
        SyntaxHighlighterAdapter::setPalette(document(), QApplication::palette());
        applyColors();
        updateExtraSelections();
    } else if (event->type() == QEvent::FontChange) {
        updateGutterGeometry();
        layOutNotes();
    }
}

void CodeView::applyColors()
{
    // From the application palette, not our own: we overwrite Base and Text below.
    m_colors = SyntaxHighlighterAdapter::editorColors(QApplication::palette());
    m_applyingColors = true;
    QPalette p = palette();
    p.setColor(QPalette::Base, m_colors.background);
    p.setColor(QPalette::Text, m_colors.foreground);
    setPalette(p);
    m_applyingColors = false;
    m_gutter->update();
}

QColor CodeView::severityColor(DiagnosticSeverity severity) const
{
    switch (severity) {
    case DiagnosticSeverity::Error: return m_colors.error;
    case DiagnosticSeverity::Warning: return m_colors.warning;
    case DiagnosticSeverity::Info: return m_colors.info;
    }
    return m_colors.error;
}

void CodeView::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    m_underlinedFrom = 0;
    m_underlinedTo = -1;
    if (!m_diagnostics.empty()) {
        const int first = firstVisibleBlock().blockNumber();
        const int page = std::max(1, viewport()->height() / std::max(1, fontMetrics().height()));
        m_underlinedFrom = lineNumberOfBlock(std::max(0, first - kUnderlineMargin));
        m_underlinedTo = lineNumberOfBlock(first + page + kUnderlineMargin);
        Diagnostic key;
        key.line = m_underlinedFrom;
        auto it = std::lower_bound(m_diagnostics.begin(), m_diagnostics.end(), key, lineLess);
        for (; it != m_diagnostics.end() && it->line <= m_underlinedTo
               && selections.size() < kMaxUnderlines;
             ++it) {
            const Diagnostic &d = *it;
            const int blockNumber = blockOfLine(d.line);
            if (blockNumber < 0)
                continue;
            const QTextBlock block = document()->findBlockByNumber(blockNumber);
            // The line's own text: not the marker of a line shown cut.
            const QString text = block.text().left(textLengthOfBlock(blockNumber));
            // From the column to the end of the line; the whole (trimmed) line without one.
            int start = d.column > 0 ? std::min(d.column - 1, int(text.size())) : 0;
            if (d.column <= 0) {
                while (start < text.size() && text.at(start).isSpace())
                    ++start;
            }
            int end = int(text.size());
            while (end > start && text.at(end - 1).isSpace())
                --end;
            if (end <= start) // empty line: underline one character cell
                end = std::min(start + 1, int(text.size()));
            QTextEdit::ExtraSelection sel;
            sel.cursor = QTextCursor(block);
            sel.cursor.setPosition(block.position() + start);
            sel.cursor.setPosition(block.position() + std::max(end, start),
                                   QTextCursor::KeepAnchor);
            sel.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            sel.format.setUnderlineColor(severityColor(d.severity));
            selections.append(sel);
        }
    }
    setExtraSelections(selections);
}

void CodeView::underlineVisibleLines()
{
    if (m_diagnostics.empty())
        return;
    const int first = firstVisibleBlock().blockNumber();
    const int page = std::max(1, viewport()->height() / std::max(1, fontMetrics().height()));
    if (lineNumberOfBlock(first) < m_underlinedFrom
        || lineNumberOfBlock(first + page) > m_underlinedTo)
        updateExtraSelections();
}

int CodeView::colouredLineCount() const
{
    if (m_definitionName.isEmpty())
        return 0;
    return std::min(shownLineCount(), SyntaxHighlighterAdapter::colouredLineCount(document()));
}

QString CodeView::limitsNote() const
{
    QStringList notes;
    const QString bounds = boundsNote();
    if (!bounds.isEmpty())
        notes << bounds;
    const int coloured = colouredLineCount();
    if (!m_definitionName.isEmpty() && coloured < shownLineCount()) {
        notes << tr("Colours stop after line %L1 (line %L2 of the report).")
                     .arg(artifactLineOfBlock(std::max(0, coloured - 1)))
                     .arg(lineNumberOfBlock(std::max(0, coloured - 1)));
    }
    return notes.join(QLatin1Char(' '));
}

void CodeView::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), m_colors.gutterBackground);
    painter.setPen(m_colors.separator);
    painter.drawLine(m_gutter->width() - 1, event->rect().top(), m_gutter->width() - 1,
                     event->rect().bottom());
    painter.setFont(font());

    const int currentBlock = textCursor().blockNumber();
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int lineHeight = fontMetrics().height();
    const int numberRight = m_gutter->width() - kGutterPadding;
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.blockNumber() >= shownLineCount())
            break; // the "more lines not shown" marker: no line of the report
        if (block.isVisible() && top + height >= event->rect().top()) {
            const auto diags = diagnosticsAtLine(lineNumberOfBlock(block.blockNumber()));
            if (!diags.empty()) {
                const QRectF r(kGutterPadding / 2.0, top + (lineHeight - kMarkerSize) / 2.0,
                               kMarkerSize, kMarkerSize);
                drawSeverityMarker(&painter, r, diags.front().severity,
                                   severityColor(diags.front().severity));
            }
            painter.setPen(block.blockNumber() == currentBlock ? m_colors.currentLineNumber
                                                               : m_colors.lineNumber);
            // The file's own line numbers: "line 3 of generated_1.sql".
            painter.drawText(QRect(0, top, numberRight, lineHeight), Qt::AlignRight,
                             gutterLabel(block.blockNumber()));
        }
        block = block.next();
        top += height;
    }
}

void CodeView::drawSeverityMarker(QPainter *painter, const QRectF &r,
                                  DiagnosticSeverity severity, const QColor &colour)
{
    // The shape differs by severity too, so colour is not the only cue.
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    if (severity == DiagnosticSeverity::Error) {
        painter->drawEllipse(r);
    } else if (severity == DiagnosticSeverity::Warning) {
        QPainterPath tri;
        tri.moveTo(r.center().x(), r.top());
        tri.lineTo(r.right(), r.bottom());
        tri.lineTo(r.left(), r.bottom());
        tri.closeSubpath();
        painter->drawPath(tri);
    } else {
        painter->drawRect(r.adjusted(1, 1, -1, -1));
    }
    painter->restore();
}

QString CodeView::gutterLabel(int blockNumber) const
{
    if (blockNumber < 0 || blockNumber >= shownLineCount())
        return {};
    return QString::number(artifactLineOfBlock(blockNumber));
}

QStringList CodeView::diagnosticLines(int reportLine) const
{
    QStringList lines;
    const auto diags = diagnosticsAtLine(reportLine);
    for (size_t i = 0; i < diags.size() && i < size_t(kMaxToolTipDiagnostics); ++i) {
        const Diagnostic &d = diags[i];
        lines << severityId(d.severity) + QStringLiteral(": ") + PlainText::line(d.message)
                     + QStringLiteral(" [") + PlainText::line(d.rule, PlainText::kShortChars)
                     + QLatin1Char(']');
    }
    if (diags.size() > size_t(kMaxToolTipDiagnostics))
        lines << tr("… and %L1 more in the diagnostics list")
                     .arg(diags.size() - size_t(kMaxToolTipDiagnostics));
    return lines;
}

QString CodeView::lineToolTip(int blockNumber) const
{
    if (blockNumber < 0 || blockNumber >= shownLineCount())
        return {};
    const int reportLine = lineNumberOfBlock(blockNumber);
    // One arg() for all three: a path holding "%1" stays a path.
    const QLocale locale;
    QStringList lines{tr("Line %1 of %2 · line %3 of the report")
                          .arg(locale.toString(artifactLineOfBlock(blockNumber)),
                               PlainText::line(m_artifact.path, PlainText::kShortChars),
                               locale.toString(reportLine))};
    lines << diagnosticLines(reportLine);
    return PlainText::toolTip(lines.join(QLatin1Char('\n')));
}

void CodeView::showDiagnosticsToolTip(int reportLine, const QPoint &globalPos)
{
    const QStringList lines = diagnosticLines(reportLine);
    if (lines.isEmpty()) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(globalPos, PlainText::toolTip(lines.join(QLatin1Char('\n'))), this);
}

bool CodeView::gutterToolTip(QEvent *event)
{
    auto *help = static_cast<QHelpEvent *>(event);
    const QTextBlock block = cursorForPosition(QPoint(0, help->pos().y())).block();
    const QString text = lineToolTip(block.blockNumber());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), text, m_gutter);
    return true;
}

bool CodeView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QTextBlock block = cursorForPosition(help->pos()).block();
        showDiagnosticsToolTip(lineNumberOfBlock(block.blockNumber()), help->globalPos());
        return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}

} // namespace verdict
