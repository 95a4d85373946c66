// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/diagnostic.h"

#include <QWidget>

#include <functional>
#include <vector>

namespace verdict {

// Findings about a whole file rather than one of its lines (another proposal writes the
// same file, a dangerous target, a language mismatch stated on the line naming the file):
// a band above the code, drawn like the notes under lines, at most kMaxRows rows, the last
// saying how many more there are. Cut to the width; the tool tip has every message whole.
class FileNotesBar final : public QWidget
{
    Q_OBJECT

public:
    struct Note
    {
        DiagnosticSeverity severity = DiagnosticSeverity::Error;
        QString text; // bounded by the caller
    };
    static constexpr int kMaxRows = 3;

    explicit FileNotesBar(std::function<QColor(DiagnosticSeverity)> colourOf,
                          QWidget *parent = nullptr);

    // Most severe first; the bar's height follows (0 without notes).
    void setNotes(std::vector<Note> notes);
    int preferredHeight() const;
    // What each row reads, uncut (the last may be the "more" row).
    QStringList rowTexts() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int rowHeight() const;

    std::function<QColor(DiagnosticSeverity)> m_colourOf;
    std::vector<Note> m_notes;
};

} // namespace verdict
