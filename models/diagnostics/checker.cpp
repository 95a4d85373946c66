// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/checker.h"

#include <algorithm>

namespace verdict {

TextMap::TextMap(const QString &text) : m_text(text)
{
    m_lineStarts.append(0);
    for (int i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\n'))
            m_lineStarts.append(i + 1);
    }
}

int TextMap::lineOf(int offset) const
{
    offset = std::clamp(offset, 0, int(m_text.size()));
    const auto it = std::upper_bound(m_lineStarts.cbegin(), m_lineStarts.cend(), offset);
    return int(it - m_lineStarts.cbegin());
}

int TextMap::columnOf(int offset) const
{
    offset = std::clamp(offset, 0, int(m_text.size()));
    return offset - m_lineStarts.at(lineOf(offset) - 1) + 1;
}

int TextMap::lineStart(int line) const
{
    return m_lineStarts.at(std::clamp(line, 1, int(m_lineStarts.size())) - 1);
}

int TextMap::lineLength(int line) const
{
    line = std::clamp(line, 1, int(m_lineStarts.size()));
    const int end = line < m_lineStarts.size() ? m_lineStarts.at(line) - 1 : int(m_text.size());
    return end - m_lineStarts.at(line - 1);
}

QString TextMap::lineText(int line) const
{
    return m_text.mid(lineStart(line), lineLength(line));
}

int TextMap::offsetFromUtf8(int byteOffset) const
{
    // Walk the UTF-16 text counting the bytes each character takes in UTF-8.
    int bytes = 0;
    int i = 0;
    const int n = int(m_text.size());
    while (i < n && bytes < byteOffset) {
        const char16_t c = m_text.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < n && m_text.at(i + 1).isLowSurrogate()) {
            bytes += 4;
            i += 2;
        } else {
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            ++i;
        }
    }
    return i;
}

int TextMap::offsetFromCodePoint(int codePoint) const
{
    int i = 0;
    const int n = int(m_text.size());
    for (int cp = 0; i < n && cp < codePoint; ++cp) {
        if (m_text.at(i).isHighSurrogate() && i + 1 < n && m_text.at(i + 1).isLowSurrogate())
            i += 2;
        else
            ++i;
    }
    return i;
}

std::vector<std::pair<int, int>> artifactHeaderPositions(const Proposal &proposal)
{
    std::vector<std::pair<int, int>> out;
    out.reserve(proposal.artifacts.size());
    std::vector<QStringView> lines;
    if (proposal.bodyFirstLine > 0 && !proposal.artifacts.empty()) {
        const QStringView body(proposal.body);
        qsizetype start = 0;
        for (;;) {
            const qsizetype nl = body.indexOf(QLatin1Char('\n'), start);
            lines.push_back(body.mid(start, nl < 0 ? -1 : nl - start));
            if (nl < 0)
                break;
            start = nl + 1;
        }
    }
    static const QString marker = QStringLiteral("Create or update the file");
    // The sentence is at or shortly before the artifact's content, and after the previous
    // artifact's: searching back no further keeps the whole pass linear.
    qsizetype floor = 0;
    for (const Artifact &a : proposal.artifacts) {
        std::pair<int, int> at{a.firstLine > 0 ? a.firstLine : proposal.sourceLine, 1};
        const qsizetype from = std::min(qsizetype(lines.size()) - 1,
                                        qsizetype(a.firstLine) - proposal.bodyFirstLine);
        qsizetype i = from;
        for (; i >= floor; --i) {
            const QStringView text = lines[size_t(i)];
            const qsizetype k = text.indexOf(marker, 0, Qt::CaseInsensitive);
            if (k < 0)
                continue;
            const qsizetype pathAt = a.path.isEmpty() ? -1 : text.indexOf(a.path, k);
            at = {proposal.bodyFirstLine + int(i), int(pathAt >= 0 ? pathAt : k) + 1};
            break;
        }
        // Lines searched without finding one hold no sentence for the next artifact either.
        floor = i >= floor ? i : std::max(floor, from + 1);
        out.push_back(at);
    }
    return out;
}

QString elided(const QString &text, int max)
{
    if (text.size() <= max)
        return text;
    // Not inside a surrogate pair.
    int cut = std::max(0, max - 1);
    if (cut > 0 && text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut) + QChar(0x2026);
}

Diagnostic artifactDiagnostic(const Artifact &artifact, const Proposal &proposal,
                              const QString &rule, DiagnosticSeverity severity,
                              const QString &message, int line, int column)
{
    // lastLine bounds the content (parser-made artifacts); counting is the fallback, and
    // costs a pass over the content per diagnostic.
    const int lines = artifact.firstLine > 0 && artifact.lastLine >= artifact.firstLine
                          ? artifact.lastLine - artifact.firstLine + 1
                          : std::max(1, int(artifact.content.count(QLatin1Char('\n'))) + 1);
    line = std::clamp(line, 1, lines);
    Diagnostic d;
    d.rule = rule;
    d.severity = severity;
    d.message = message;
    d.file = proposal.sourceFile;
    d.proposalId = proposal.id;
    d.artifact = artifact.path;
    d.line = artifact.firstLine > 0 ? artifact.firstLine + line - 1 : line;
    d.column = std::max(1, column);
    return d;
}

} // namespace verdict
