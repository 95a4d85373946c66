// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "boundedtextedit.h"
#include "domain/diagnostic.h"
#include "domain/proposal.h"
#include "syntaxhighlighteradapter.h"

#include <vector>

namespace verdict {

// Read-only view of one artifact: line numbers that match the report file, syntax colours
// (through SyntaxHighlighterAdapter), and diagnostics drawn apart from the highlighting:
// wavy underlines as extra selections, a marker in the gutter, the message as a tool tip.
// Report text of any size: long lines cut, huge files shown in part (BoundedTextEdit),
// colours for the first lines only (SyntaxHighlighterAdapter), underlines for the lines
// around the visible ones only.
class CodeView final : public BoundedTextEdit
{
    Q_OBJECT

public:
    explicit CodeView(QWidget *parent = nullptr);
    ~CodeView() override;

    void setArtifact(const Artifact &artifact);
    const Artifact &artifact() const { return m_artifact; }
    // Report-file line of the first block (the artifact's firstLine, at least 1).
    int firstLine() const { return m_firstLine; }
    // Report-file line shown for a block number.
    int lineNumberOfBlock(int blockNumber) const { return m_firstLine + blockNumber; }
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

    int gutterWidth() const;
    QWidget *gutter() const { return m_gutter; }
    const SyntaxHighlighterAdapter::EditorColors &colors() const { return m_colors; }

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

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
    void underlineVisibleLines();

    QWidget *m_gutter = nullptr;
    Artifact m_artifact;
    int m_firstLine = 1;
    QString m_definitionName;
    std::vector<Diagnostic> m_diagnostics; // sorted by line
    int m_underlinedFrom = 0; // report lines whose diagnostics are underlined
    int m_underlinedTo = -1;
    SyntaxHighlighterAdapter::EditorColors m_colors;
    bool m_applyingColors = false;
};

} // namespace verdict
