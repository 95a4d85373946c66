// SPDX-License-Identifier: GPL-3.0-or-later
#include "filenotesbar.h"

#include "plaintext.h"

#include <QPainter>

#include <algorithm>

namespace verdict {

namespace {
constexpr int kBar = 3;    // the severity's bar at a row's left, as under a line
constexpr int kMargin = 4; // around a row's text
constexpr int kMaxToolTipNotes = 10;
} // namespace

FileNotesBar::FileNotesBar(std::function<QColor(DiagnosticSeverity)> colourOf, QWidget *parent)
    : QWidget(parent)
    , m_colourOf(std::move(colourOf))
{
    setAccessibleName(tr("Findings about the whole file"));
    hide();
}

void FileNotesBar::setNotes(std::vector<Note> notes)
{
    std::stable_sort(notes.begin(), notes.end(), [](const Note &a, const Note &b) {
        return int(a.severity) < int(b.severity);
    });
    m_notes = std::move(notes);
    QStringList lines;
    for (size_t i = 0; i < m_notes.size() && i < size_t(kMaxToolTipNotes); ++i)
        lines << m_notes[i].text;
    if (m_notes.size() > size_t(kMaxToolTipNotes))
        lines << tr("… %L1 more in the diagnostics list").arg(m_notes.size() - kMaxToolTipNotes);
    setToolTip(lines.isEmpty() ? QString() : PlainText::toolTip(lines.join(QLatin1Char('\n'))));
    setAccessibleDescription(lines.join(QLatin1Char('\n')));
    update();
}

int FileNotesBar::rowHeight() const
{
    return fontMetrics().height();
}

int FileNotesBar::preferredHeight() const
{
    const int rows = int(std::min(m_notes.size(), size_t(kMaxRows)));
    return rows * rowHeight();
}

QStringList FileNotesBar::rowTexts() const
{
    QStringList rows;
    const size_t n = m_notes.size();
    const size_t whole = n > size_t(kMaxRows) ? size_t(kMaxRows) - 1 : n;
    for (size_t i = 0; i < whole; ++i)
        rows << m_notes[i].text;
    if (n > whole)
        rows << tr("+%L1 more findings about this file (F8 walks them; the list below has them)")
                    .arg(n - whole);
    return rows;
}

void FileNotesBar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QStringList rows = rowTexts();
    const QFontMetrics metrics = fontMetrics();
    for (int i = 0; i < rows.size(); ++i) {
        const QRect band(0, i * rowHeight(), width(), rowHeight());
        // The "more" row takes the colour of the most severe note it stands for.
        const size_t note = std::min(size_t(i), m_notes.size() - 1);
        const QColor colour = m_colourOf(m_notes[note].severity);
        QColor tint = colour;
        tint.setAlpha(31);
        painter.fillRect(band.adjusted(0, 0, 0, -1), tint);
        painter.fillRect(QRect(kMargin, band.top() + 2, kBar, band.height() - 4), colour);
        const QRect text = band.adjusted(kMargin * 2 + kBar, 0, -kMargin, 0);
        painter.setPen(colour);
        painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                         metrics.elidedText(rows.at(i), Qt::ElideRight, text.width()));
    }
}

} // namespace verdict
