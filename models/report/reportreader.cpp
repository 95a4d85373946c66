// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/reportreader.h"

#include "report/languagedetector.h"
#include "report/reportsyntax.h"
#include "report/sha256.h"

#include <QDate>

#include <algorithm>
#include <cstring>

namespace verdict {

using namespace ReportLines;
using namespace ReportSyntax;

// SHA-256 of lines [from, to] joined with '\n': straight from the file's bytes when they
// are exactly that text, else from `joined` (built by the caller).
QString ReportReader::hashLines(qsizetype from, qsizetype to, const QString &joined) const
{
    if (m_exactBytes && from <= to) {
        const qsizetype begin = m_bytes[size_t(m_first + from)].begin;
        const qsizetype end = m_bytes[size_t(m_first + to)].end;
        return sha256Hex(m_data.constData() + begin, end - begin);
    }
    return sha256Hex(joined.toUtf8());
}

Proposal ReportReader::read(qsizetype first, qsizetype last)
{
    m_first = first;
    m_p = Proposal();
    m_p.sourceFile = m_path;
    m_p.sourceLine = int(first + 1);
    m_p.endLine = int(last + 1);
    const qsizetype begin = m_bytes[size_t(first)].begin;
    const qsizetype end = m_bytes[size_t(last)].end;
    m_text = QString::fromUtf8(m_data.constData() + begin, int(end - begin));
    splitLines(QStringView(m_text), m_lines);
    const qsizetype count = last - first + 1;
    // Blank last lines the split drops (e.g. a final "\r") are still lines of the report.
    m_lines.resize(size_t(count));
    m_create.assign(size_t(count), 0);
    {
        const char *base = m_data.constData();
        const size_t markerSize = sizeof kCreateMarker - 1;
        qsizetype pos = begin;
        while (pos < end) {
            const void *hit = memmem(base + pos, size_t(end - pos), kCreateMarker, markerSize);
            if (!hit)
                break;
            const qsizetype off = static_cast<const char *>(hit) - base;
            // The line holding `off`: the last line that begins at or before it.
            const auto it = std::upper_bound(
                m_bytes.begin() + first, m_bytes.begin() + last + 1, off,
                [](qsizetype o, const ByteLine &l) { return o < l.begin; });
            const qsizetype line = qsizetype(it - m_bytes.begin()) - 1;
            if (off > begin && (base[off - 1] == 'C' || base[off - 1] == 'c'))
                m_create[size_t(line - first)] = 1;
            pos = std::max(m_bytes[size_t(line)].end, off + 1);
        }
    }

    // The revision identity: the report's text without trailing blank lines, so the same
    // report hashes the same whether or not it is the last one in its file.
    qsizetype lastText = count - 1;
    while (lastText > 0 && isBlank(text(lastText)))
        --lastText;
    {
        QString joined;
        if (!m_exactBytes) {
            for (qsizetype i = 0; i <= lastText; ++i) {
                if (i > 0)
                    joined += QLatin1Char('\n');
                joined += text(i);
            }
        }
        m_p.sha256 = hashLines(0, lastText, joined);
    }

    qsizetype bodyStart = count;
    readFields(&bodyStart);

    // The body ends at the report's own Risks/Mitigations sections: the last such headers,
    // so a "## Risks" inside an artifact's content does not cut the proposal short.
    qsizetype risks = -1;
    qsizetype mitigations = -1;
    for (qsizetype i = bodyStart; i < count; ++i) {
        if (firstNonSpace(text(i)) != QLatin1Char('#'))
            continue;
        const QStringView t = text(i).trimmed();
        if (t.startsWith(QLatin1String("##"))) {
            const Section s = sectionOf(t);
            if (s == Section::Risks)
                risks = i;
            else if (s == Section::Mitigations)
                mitigations = i;
        }
    }
    qsizetype bodyEnd = count;
    if (risks >= 0)
        bodyEnd = std::min(bodyEnd, risks);
    if (mitigations >= 0)
        bodyEnd = std::min(bodyEnd, mitigations);
    readBody(bodyStart, bodyEnd);

    auto sectionEnd = [this, count](qsizetype from) {
        for (qsizetype i = from + 1; i < count; ++i) {
            if (firstNonSpace(text(i)) != QLatin1Char('#'))
                continue;
            const QStringView t = text(i).trimmed();
            if (t.startsWith(QLatin1String("##")) && sectionOf(t) != Section::None)
                return i;
        }
        return count;
    };
    if (risks >= 0)
        m_p.risks = readItems(risks + 1, sectionEnd(risks));
    if (mitigations >= 0)
        m_p.mitigations = readItems(mitigations + 1, sectionEnd(mitigations));

    std::stable_sort(m_p.problems.begin(), m_p.problems.end(),
                     [](const Problem &a, const Problem &b) { return a.line < b.line; });
    Proposal out = std::move(m_p);
    m_p = Proposal();
    m_lines.clear();
    m_text.clear();
    m_scratch.trim();
    return out;
}

void ReportReader::readFields(qsizetype *bodyStart)
{
    const qsizetype count = qsizetype(m_lines.size());
    bool seenId = false;
    bool seenTimestamp = false;
    bool seenSeverity = false;
    bool seenBlock = false;
    bool seenProposal = false;
    m_inlineLine = -1;
    qsizetype i = 1;
    for (; i < count; ++i) {
        const QStringView t = text(i).trimmed();
        if (t.isEmpty())
            continue;
        QString key;
        QStringView value;
        if (!fieldLine(t, &key, &value))
            break;
        auto once = [this, i, &key](bool *seen) {
            if (*seen) {
                problem(i, QStringLiteral("duplicate field '%1'; the first one is kept")
                               .arg(key));
                return false;
            }
            *seen = true;
            return true;
        };
        if (key == QLatin1String("id")) {
            if (!once(&seenId))
                continue;
            if (value.isEmpty())
                problem(i, QStringLiteral("field 'id' is empty"));
            else
                m_p.id = value.toString();
        } else if (key == QLatin1String("timestamp")) {
            if (!once(&seenTimestamp))
                continue;
            if (isTimestamp(value))
                m_p.timestamp = value.toString();
            else
                problem(i, QStringLiteral("malformed timestamp %1: expected ISO 8601 UTC, "
                                          "e.g. 2026-01-02T19:12:25.611Z")
                               .arg(quoted(value)));
        } else if (key == QLatin1String("severity")) {
            if (!once(&seenSeverity))
                continue;
            bool ok = false;
            const int n = value.toString().toInt(&ok);
            const bool digitsOnly = !value.isEmpty()
                && std::all_of(value.begin(), value.end(), [](QChar c) {
                       return c >= QLatin1Char('0') && c <= QLatin1Char('9');
                   });
            if (ok && digitsOnly && n >= 0 && n <= 10)
                m_p.severity = n;
            else
                problem(i, QStringLiteral("malformed severity %1: expected an integer 0..10")
                               .arg(quoted(value)));
        } else if (key == QLatin1String("block_execution")) {
            if (!once(&seenBlock))
                continue;
            if (value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
                m_p.blockExecution = true;
            else if (value.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
                m_p.blockExecution = false;
            else
                problem(i, QStringLiteral("malformed block_execution %1: expected true or "
                                          "false")
                               .arg(quoted(value)));
        } else if (key == QLatin1String("proposal")) {
            seenProposal = true;
            if (!value.isEmpty()) {
                // "- proposal: kind: text" keeps the body on the field's own line.
                m_inlineLine = i;
                const QStringView raw = text(i);
                m_inlineBody = raw.mid(raw.indexOf(value.front(), raw.indexOf(QLatin1Char(':'))));
                *bodyStart = i;
            } else {
                *bodyStart = i + 1;
            }
            break;
        }
        // Other "- key: value" lines in the header are tolerated and ignored.
    }
    if (!seenProposal)
        *bodyStart = i;
    auto missing = [this](bool seen, const char *name) {
        if (!seen)
            problem(0, QStringLiteral("missing field '%1'").arg(QLatin1String(name)));
    };
    missing(seenId, "id");
    missing(seenTimestamp, "timestamp");
    missing(seenSeverity, "severity");
    missing(seenBlock, "block_execution");
    missing(seenProposal, "proposal");
}

void ReportReader::readBody(qsizetype from, qsizetype to)
{
    auto line = [this](qsizetype i) { return i == m_inlineLine ? m_inlineBody : text(i); };
    qsizetype firstText = from;
    while (firstText < to && isBlank(line(firstText)))
        ++firstText;
    qsizetype lastText = to - 1;
    while (lastText >= firstText && isBlank(line(lastText)))
        --lastText;
    if (firstText > lastText) {
        problem(std::min(from, qsizetype(m_lines.size()) - 1),
                QStringLiteral("the proposal has no text"));
        return;
    }
    m_p.bodyFirstLine = lineNo(firstText);
    m_p.body = joinLines(lastText - firstText + 1,
                         [&line, firstText](qsizetype k) { return line(firstText + k); });
    if (m_exactBytes && firstText != m_inlineLine) {
        const qsizetype begin = m_bytes[size_t(m_first + firstText)].begin;
        const qsizetype end = m_bytes[size_t(m_first + lastText)].end;
        m_p.bodyUtf8 = QByteArray(m_data.constData() + begin, int(end - begin));
    }

    const QStringView head = line(firstText).trimmed();
    const qsizetype colon = head.indexOf(QLatin1Char(':'));
    if (colon > 0 && isKindWord(head.left(colon)))
        m_p.kind = head.left(colon).toString();
    else
        problem(firstText, QStringLiteral("the proposal does not start with its kind "
                                          "('idea_implementation: ...')"));

    // Next-line tables, built backwards once, keep every artifact lookup O(1).
    const qsizetype n = to - from;
    std::vector<qsizetype> &nextCreate = m_scratch.nextCreate;
    std::vector<qsizetype> &nextStop = m_scratch.nextStop;
    std::vector<qsizetype> &nextFence = m_scratch.nextFence;
    std::vector<char> &isCreate = m_scratch.isCreate;
    nextCreate.assign(size_t(n + 1), to);
    nextStop.assign(size_t(n + 1), to);
    nextFence.assign(size_t(n + 1), to);
    isCreate.assign(size_t(n), 0);
    for (qsizetype i = to - 1; i >= from; --i) {
        const size_t k = size_t(i - from);
        nextCreate[k] = nextCreate[k + 1];
        nextStop[k] = nextStop[k + 1];
        nextFence[k] = nextFence[k + 1];
        if (m_create[size_t(i)]) {
            isCreate[k] = 1;
            nextCreate[k] = i;
            nextStop[k] = i;
            continue;
        }
        // Only lines starting with T, M (either case), ` or ~ can be a stop or a fence.
        const char16_t c = firstNonSpace(line(i)).unicode();
        if (c != u'T' && c != u't' && c != u'M' && c != u'm' && c != u'`' && c != u'~')
            continue;
        const QStringView t = line(i).trimmed();
        if (isOpportunityLine(t) || isMakeSureLine(t))
            nextStop[k] = i;
        else if (isBareFence(t))
            nextFence[k] = i;
    }
    for (qsizetype i = from; i < to;) {
        if (isCreate[size_t(i - from)]) {
            i = readArtifact(i, to, nextCreate, nextStop, nextFence);
            continue;
        }
        const char16_t first = firstNonSpace(line(i)).unicode();
        if (first != u'T' && first != u't') {
            ++i;
            continue;
        }
        const QStringView t = line(i).trimmed();
        if (isOpportunityLine(t)) {
            const qsizetype colon = t.indexOf(QLatin1Char(':'));
            const QStringView name = colon >= 0 ? t.mid(colon + 1).trimmed() : QStringView();
            if (m_p.opportunity) {
                if (name != *m_p.opportunity)
                    problem(i, QStringLiteral("second opportunity %1 ignored").arg(quoted(name)));
            } else if (name.isEmpty()) {
                problem(i, QStringLiteral("'This is for opportunity:' without a name"));
            } else {
                m_p.opportunity = name.toString();
            }
        }
        ++i;
    }
    if (!m_p.artifacts.empty() && !m_p.opportunity)
        problem(firstText, QStringLiteral("missing 'This is for opportunity: NAME' line"));
}

qsizetype ReportReader::readArtifact(qsizetype c, qsizetype to,
                                     const std::vector<qsizetype> &nextCreate,
                                     const std::vector<qsizetype> &nextStop,
                                     const std::vector<qsizetype> &nextFence)
{
    const qsizetype from = to - qsizetype(nextCreate.size()) + 1;
    auto at = [from](const std::vector<qsizetype> &v, qsizetype i) {
        return v[size_t(i - from)];
    };
    const QStringView raw = c == m_inlineLine ? m_inlineBody : text(c);

    Artifact a;
    const qsizetype k = raw.indexOf(QStringView(createNeedle()), 0, Qt::CaseInsensitive);
    const QStringView after = raw.mid(k + createNeedle().size());
    const qsizetype w = after.indexOf(QStringView(contentNeedle()), 0, Qt::CaseInsensitive);
    QStringView rest;
    if (w >= 0) {
        a.path = stripPathQuotes(after.left(w));
        rest = after.mid(w + contentNeedle().size()).trimmed();
        if (rest.startsWith(QLatin1Char(':')))
            rest = rest.mid(1).trimmed();
    } else {
        // "Create or update the file PATH:" without the usual words: PATH is the next word.
        const QStringView t = after.trimmed();
        qsizetype sp = 0;
        while (sp < t.size() && !t.at(sp).isSpace())
            ++sp;
        a.path = stripPathQuotes(t.left(sp));
        rest = t.mid(sp).trimmed();
        if (rest.startsWith(QLatin1Char(':')))
            rest = rest.mid(1).trimmed();
        else
            rest = QStringView();
    }
    if (a.path.isEmpty())
        problem(c, QStringLiteral("'Create or update the file' without a file name"));

    qsizetype contentFrom = c + 1; // first line that may hold content
    qsizetype fenceLine = -1;
    QStringView inlineFirst;       // content that starts on the create line itself
    if (isFenceOpen(rest)) {
        fenceLine = c;
        a.fenceTag = rest.mid(3).trimmed().toString();
    } else if (!rest.isEmpty()) {
        inlineFirst = rest;
    } else {
        qsizetype j = c + 1;
        while (j < to && isBlank(text(j)))
            ++j;
        if (j < to && isFenceOpen(text(j).trimmed()) && !isBareFence(text(j).trimmed())) {
            fenceLine = j;
            a.fenceTag = text(j).trimmed().mid(3).trimmed().toString();
            contentFrom = j + 1;
        } else if (j < to && isBareFence(text(j).trimmed()) && j + 1 < to
                   && at(nextFence, j + 1) < at(nextCreate, j + 1)) {
            // A tagless fence: ``` ... ```.
            fenceLine = j;
            contentFrom = j + 1;
        } else {
            contentFrom = j;
        }
    }
    while (a.fenceTag.startsWith(QLatin1Char('`')) || a.fenceTag.startsWith(QLatin1Char('~')))
        a.fenceTag.remove(0, 1);

    qsizetype contentTo = to; // exclusive
    qsizetype resume = to;
    if (fenceLine >= 0) {
        a.fenced = true;
        const qsizetype close = contentFrom < to ? at(nextFence, contentFrom) : to;
        const qsizetype limit = contentFrom < to ? at(nextCreate, contentFrom) : to;
        if (close < limit) {
            contentTo = close;
            resume = close + 1;
        } else {
            problem(fenceLine, QStringLiteral("unterminated code fence: the content runs to "
                                              "the next marker"));
            contentTo = contentFrom < to ? at(nextStop, contentFrom) : to;
            resume = contentTo;
        }
    } else {
        contentTo = contentFrom < to ? at(nextStop, contentFrom) : to;
        resume = contentTo;
    }

    qsizetype first = contentFrom;
    while (first < contentTo && isBlank(text(first)))
        ++first;
    qsizetype last = contentTo - 1;
    while (last >= first && isBlank(text(last)))
        --last;

    if (!inlineFirst.isEmpty()) {
        qsizetype end = contentTo - 1;
        while (end >= contentFrom && isBlank(text(end)))
            --end;
        a.firstLine = lineNo(c);
        a.lastLine = lineNo(std::max(end, c));
        a.content = joinLines(end - contentFrom + 2, [&](qsizetype k) {
            return k == 0 ? inlineFirst : text(contentFrom + k - 1);
        });
        a.sha256 = sha256Hex(a.content.toUtf8());
    } else if (first > last) {
        a.firstLine = lineNo(std::min(contentFrom, qsizetype(m_lines.size()) - 1));
        a.lastLine = a.firstLine - 1;
        a.sha256 = sha256Hex(QByteArray());
        problem(c, QStringLiteral("no content after 'Create or update the file %1'")
                       .arg(a.path));
    } else {
        a.firstLine = lineNo(first);
        a.lastLine = lineNo(last);
        a.content = joinLines(last - first + 1, [this, first](qsizetype k) {
            return text(first + k);
        });
        a.sha256 = hashLines(first, last, a.content);
    }

    a.declaredLanguage = LanguageDetector::fromPath(a.path);
    if (a.declaredLanguage == QLatin1String("plaintext") && !a.fenceTag.isEmpty())
        a.declaredLanguage = LanguageDetector::fromFenceTag(a.fenceTag);
    a.language = LanguageDetector::resolve(a.content, a.declaredLanguage);
    m_p.artifacts.push_back(std::move(a));
    return std::max(resume, c + 1);
}

QStringList ReportReader::readItems(qsizetype from, qsizetype to) const
{
    QStringList items;
    for (qsizetype i = from; i < to; ++i) {
        const QStringView t = text(i).trimmed();
        if (t.isEmpty())
            continue;
        if (t.size() >= 2 && (t.at(0) == QLatin1Char('-') || t.at(0) == QLatin1Char('*'))
            && isSpaceOrTab(t.at(1))) {
            items.append(t.mid(2).trimmed().toString());
        } else if (t == QLatin1String("-") || t == QLatin1String("*")) {
            continue;
        } else if (!items.isEmpty()) {
            // A wrapped item continues on the next line.
            items.last() += QLatin1Char(' ');
            items.last() += t;
        } else {
            items.append(t.toString());
        }
    }
    return items;
}

} // namespace verdict
