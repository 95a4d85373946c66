// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "boundedtextedit.h"
#include "domain/diagnostic.h"
#include "domain/proposal.h"
#include "syntaxhighlighteradapter.h"

#include <vector>

class QPainter;

namespace verdict {

// Read-only view of one artifact: the file's own line numbers in the gutter (line 1 is the
// artifact's first line; the report's line is in the gutter's tool tip), syntax colours
// (through SyntaxHighlighterAdapter), and diagnostics drawn apart from the highlighting:
// wavy underlines as extra selections, a marker in the gutter, and the message itself in a
// band under its line (an inline note, InlineNoteLayout), in the theme's error, warning or
// info colour, cut to the view's width (whole in the tool tip and the diagnostics list).
// Report text of any size: long lines cut, huge files shown in part (BoundedTextEdit),
// colours for the first lines only (SyntaxHighlighterAdapter), underlines for the lines
// around the visible ones only, notes painted for the visible lines only.
class FileNotesBar;
class InlineNoteLayout;

class CodeView final : public BoundedTextEdit
{
    Q_OBJECT

public:
    // A diagnostic's message as the view lays it out under its line.
    struct InlineNote
    {
        int blockNumber = 0;
        DiagnosticSeverity severity = DiagnosticSeverity::Error;
        QRect band;   // the room under the line, in viewport coordinates
        QRect text;   // where the text is drawn inside the band
        QString shown; // the text drawn (cut to the band's width)
    };
    // Characters of a message a note reads (it is cut to the view's width anyway).
    static constexpr int kNoteChars = 400;

    explicit CodeView(QWidget *parent = nullptr);
    ~CodeView() override;

    void setArtifact(const Artifact &artifact);
    const Artifact &artifact() const { return m_artifact; }
    // Report-file line of the first block (the artifact's firstLine, at least 1).
    int firstLine() const { return m_firstLine; }
    // Report-file line of a block number (diagnostics are stored with these).
    int lineNumberOfBlock(int blockNumber) const { return m_firstLine + blockNumber; }
    // The artifact's own 1-based line of a block number: what the gutter shows.
    static int artifactLineOfBlock(int blockNumber) { return blockNumber + 1; }
    // The number the gutter draws beside a block; empty for the "lines not shown" marker.
    QString gutterLabel(int blockNumber) const;
    // The gutter's tool tip for a block: the file's line, the report's line and the
    // diagnostics on it.
    QString lineToolTip(int blockNumber) const;
    // The definition that colours the text; empty when plain.
    QString definitionName() const { return m_definitionName; }
    // Lines with colours (all shown lines unless the artifact is large).
    int colouredLineCount() const;
    // What is not shown or not coloured, for a label over the view; empty when nothing.
    QString limitsNote() const;

    // Keeps the diagnostics that belong to this artifact (by path and line range).
    void setDiagnostics(const std::vector<Diagnostic> &diagnostics);
    const std::vector<Diagnostic> &diagnostics() const { return m_diagnostics; }
    // Diagnostics on one report line, most severe first (at most kMaxPerLine).
    std::vector<Diagnostic> diagnosticsAtLine(int reportLine) const;

    // Moves the cursor to a report-file line and centres it; false when outside.
    bool scrollToLine(int reportLine, int column = 0);

    // The notes of the lines in view, as painted (one per line: its most severe
    // diagnostic, with how many more the line has).
    std::vector<InlineNote> visibleInlineNotes() const;
    // Where a block is, in viewport coordinates: its lines and its note's band if any.
    QRectF blockRect(int blockNumber) const;
    // Blocks that have a band for a note.
    bool hasInlineNote(int blockNumber) const;
    // The band above the code for findings about the whole file (not on one of its lines).
    FileNotesBar *fileNotes() const { return m_fileNotes; }

    // The gutter's marker of a severity (● error, ▲ warning, ■ info) in `r`; the
    // diagnostics list draws the same.
    static void drawSeverityMarker(QPainter *painter, const QRectF &r,
                                   DiagnosticSeverity severity, const QColor &colour);
    static constexpr int kMarkerSize = 8;

    int gutterWidth() const;
    QWidget *gutter() const { return m_gutter; }
    const SyntaxHighlighterAdapter::EditorColors &colors() const { return m_colors; }

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    friend class CodeGutter;
    void paintGutter(QPaintEvent *event);
    bool gutterToolTip(QEvent *event);
    void updateGutterGeometry();
    void updateExtraSelections();
    void applyColors();
    QColor severityColor(DiagnosticSeverity severity) const;
    int blockOfLine(int reportLine) const;
    void showDiagnosticsToolTip(int reportLine, const QPoint &globalPos);
    QStringList diagnosticLines(int reportLine) const; // the tool tips' lines
    void underlineVisibleLines();
    void layOutNotes();
    QFont noteFont() const;
    static QString noteText(const Diagnostic &d); // a message and its rule, bounded

    // One per line with diagnostics: its text, bounded, made once per setDiagnostics().
    struct NoteText
    {
        int blockNumber = 0;
        DiagnosticSeverity severity = DiagnosticSeverity::Error;
        QString text;
    };

    QWidget *m_gutter = nullptr;
    FileNotesBar *m_fileNotes = nullptr;
    InlineNoteLayout *m_noteLayout = nullptr;
    std::vector<NoteText> m_notes; // sorted by block
    Artifact m_artifact;
    int m_lastLine = 0; // report line of the file's last line
    int m_firstLine = 1;
    QString m_definitionName;
    std::vector<Diagnostic> m_diagnostics; // sorted by line
    int m_underlinedFrom = 0; // report lines whose diagnostics are underlined
    int m_underlinedTo = -1;
    SyntaxHighlighterAdapter::EditorColors m_colors;
    bool m_applyingColors = false;
};

} // namespace verdict
