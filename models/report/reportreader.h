// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/proposal.h"
#include "report/readerscratch.h"
#include "report/reportlines.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <vector>

namespace verdict {

using ReportLines::ByteLine;

// One report: lines [first, last] of the file (0-based indexes into `bytes`).
class ReportReader
{
public:
    ReportReader(const QByteArray &data, const std::vector<ByteLine> &bytes, bool exactBytes,
                 const QString &path)
        : m_data(data), m_bytes(bytes), m_exactBytes(exactBytes), m_path(path),
          m_scratch(readerScratch()), m_lines(m_scratch.lines), m_create(m_scratch.create)
    {
    }

    Proposal read(qsizetype first, qsizetype last);

private:
    int lineNo(qsizetype i) const { return int(m_first + i + 1); }
    QStringView text(qsizetype i) const { return m_lines[size_t(i)]; }
    void problem(qsizetype i, const QString &message)
    {
        m_p.problems.push_back({lineNo(i), message});
    }
    QString hashLines(qsizetype from, qsizetype to, const QString &joined) const;
    void readFields(qsizetype *bodyStart);
    void readBody(qsizetype from, qsizetype to);
    qsizetype readArtifact(qsizetype createLine, qsizetype to,
                           const std::vector<qsizetype> &nextCreate,
                           const std::vector<qsizetype> &nextStop,
                           const std::vector<qsizetype> &nextFence);
    QStringList readItems(qsizetype from, qsizetype to) const;

    const QByteArray &m_data;
    const std::vector<ByteLine> &m_bytes;
    const bool m_exactBytes; // no CR, no invalid UTF-8: byte slices equal the UTF-8 text
    const QString &m_path;
    ReaderScratch &m_scratch;
    qsizetype m_first = 0;
    QString m_text;
    std::vector<QStringView> &m_lines;
    QStringView m_inlineBody; // "- proposal: text" puts the body's first line there
    std::vector<char> &m_create; // per line: holds "Create or update the file"
    qsizetype m_inlineLine = -1;
    Proposal m_p;
};

} // namespace verdict
