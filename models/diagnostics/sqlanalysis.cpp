// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/sqlanalysis.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <pg_query.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace verdict {

namespace {

QString pgMessage(const PgQueryError *error)
{
    return error && error->message ? QString::fromUtf8(error->message)
                                   : QStringLiteral("syntax error");
}

bool isIdentByte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
           || c == '_' || (c & 0x80);
}

// Byte ranges of the statements of an SQL text, split at semicolons outside quotes and
// comments. Unterminated quotes or comments run to the end.
std::vector<std::pair<int, int>> splitStatements(const QByteArray &sql)
{
    std::vector<std::pair<int, int>> out;
    const int n = int(sql.size());
    const char *s = sql.constData();
    int start = 0;
    int i = 0;
    while (i < n) {
        const char c = s[i];
        if (c == '-' && i + 1 < n && s[i + 1] == '-') {
            while (i < n && s[i] != '\n')
                ++i;
        } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            int depth = 0;
            while (i < n) {
                if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
                    ++depth;
                    i += 2;
                } else if (s[i] == '*' && i + 1 < n && s[i + 1] == '/') {
                    i += 2;
                    if (--depth == 0)
                        break;
                } else {
                    ++i;
                }
            }
        } else if (c == '\'' || c == '"') {
            const bool escapes = c == '\'' && i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e')
                                 && (i < 2 || !isIdentByte(s[i - 2]));
            ++i;
            while (i < n) {
                if (escapes && s[i] == '\\') {
                    i += 2;
                } else if (s[i] == c) {
                    if (i + 1 < n && s[i + 1] == c) {
                        i += 2; // doubled quote
                    } else {
                        ++i;
                        break;
                    }
                } else {
                    ++i;
                }
            }
        } else if (c == '$' && (i == 0 || !isIdentByte(s[i - 1]))) {
            int j = i + 1;
            while (j < n && isIdentByte(s[j]) && !(j == i + 1 && s[j] >= '0' && s[j] <= '9'))
                ++j;
            if (j < n && s[j] == '$') {
                const QByteArray tag = sql.mid(i, j - i + 1);
                const int close = sql.indexOf(tag, j + 1);
                i = close < 0 ? n : close + int(tag.size());
            } else {
                i = j;
            }
        } else if (c == ';') {
            out.emplace_back(start, i - start);
            start = ++i;
        } else {
            ++i;
        }
    }
    if (start < n)
        out.emplace_back(start, n - start);
    // Blank pieces (between ";;" or after the last ";") are not statements.
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const std::pair<int, int> &r) {
                                 return sql.mid(r.first, r.second).trimmed().isEmpty();
                             }),
              out.end());
    return out;
}

bool isIdentChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

// What psql and CREATE EXTENSION do to a script before PostgreSQL's parser sees it, done here
// with every offset kept (characters become spaces or '_', none are added or removed):
// - psql meta-commands, a line whose first character at the top level is a backslash
//   (`\echo Use "CREATE EXTENSION x" to load this file. \quit`, `\set`, `\i`): psql runs
//   them, the server never sees them. Inside quotes, comments and dollar quotes they are
//   text.
// - the placeholders an extension script is written with (@extowner@, @extschema@,
//   @extschema:name@), replaced by CREATE EXTENSION: an identifier of the same length.
// So PostgreSQL's own extension scripts parse, as they do when PostgreSQL runs them.
QString asPsqlRuns(QString text)
{
    static const QRegularExpression placeholder(
        QStringLiteral("@ext(owner|schema(:[A-Za-z_][A-Za-z0-9_]*)?)@"));
    if (text.contains(QLatin1String("@ext"))) {
        QRegularExpressionMatchIterator it = placeholder.globalMatch(text);
        std::vector<std::pair<qsizetype, qsizetype>> found;
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            found.emplace_back(m.capturedStart(), m.capturedLength());
        }
        for (const auto &[at, length] : found) {
            for (qsizetype i = at; i < at + length; ++i) {
                if (text.at(i) == QLatin1Char('@') || text.at(i) == QLatin1Char(':'))
                    text[int(i)] = QLatin1Char('_');
            }
        }
    }
    if (!text.contains(QLatin1Char('\\')))
        return text;
    const qsizetype n = text.size();
    QChar *s = text.data();
    bool lineStart = true;
    qsizetype i = 0;
    while (i < n) {
        const QChar c = s[i];
        if (c == QLatin1Char('\n')) {
            lineStart = true;
            ++i;
        } else if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r')) {
            ++i;
        } else if (c == QLatin1Char('\\') && lineStart) {
            for (; i < n && s[i] != QLatin1Char('\n'); ++i)
                s[i] = QLatin1Char(' ');
        } else if (c == QLatin1Char('-') && i + 1 < n && s[i + 1] == QLatin1Char('-')) {
            while (i < n && s[i] != QLatin1Char('\n'))
                ++i;
        } else if (c == QLatin1Char('/') && i + 1 < n && s[i + 1] == QLatin1Char('*')) {
            lineStart = false;
            int depth = 0;
            while (i < n) {
                if (s[i] == QLatin1Char('/') && i + 1 < n && s[i + 1] == QLatin1Char('*')) {
                    ++depth;
                    i += 2;
                } else if (s[i] == QLatin1Char('*') && i + 1 < n && s[i + 1] == QLatin1Char('/')) {
                    i += 2;
                    if (--depth == 0)
                        break;
                } else {
                    ++i;
                }
            }
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            lineStart = false;
            const bool escapes = c == QLatin1Char('\'') && i > 0
                                 && (s[i - 1] == QLatin1Char('E') || s[i - 1] == QLatin1Char('e'))
                                 && (i < 2 || !isIdentChar(s[i - 2]));
            ++i;
            while (i < n) {
                if (escapes && s[i] == QLatin1Char('\\')) {
                    i += 2;
                } else if (s[i] == c) {
                    ++i;
                    if (i < n && s[i] == c)
                        ++i; // doubled quote
                    else
                        break;
                } else {
                    ++i;
                }
            }
        } else if (c == QLatin1Char('$') && (i == 0 || !isIdentChar(s[i - 1]))) {
            lineStart = false;
            qsizetype j = i + 1;
            while (j < n && isIdentChar(s[j]) && !(j == i + 1 && s[j].isDigit()))
                ++j;
            if (j < n && s[j] == QLatin1Char('$')) {
                const QString tag = text.mid(i, j - i + 1);
                const qsizetype close = text.indexOf(tag, j + 1);
                i = close < 0 ? n : close + tag.size();
            } else {
                i = j;
            }
        } else {
            lineStart = false;
            ++i;
        }
    }
    return text;
}

} // namespace

SqlAnalysis::SqlAnalysis(const QString &content)
    // NUL would end the C string early; a space keeps every offset where it was.
    : m_text(asPsqlRuns(QString(content).replace(QChar(0), QLatin1Char(' ')))),
      m_utf8(m_text.toUtf8()),
      m_map(m_text)
{
    m_lineBytes.push_back(0);
    for (int i = 0; i < m_utf8.size(); ++i) {
        if (m_utf8.at(i) == '\n')
            m_lineBytes.push_back(i + 1);
    }
    parseAll();
}

SqlAnalysis::~SqlAnalysis()
{
    for (char *tree : m_trees) {
        PgQueryParseResult r{};
        r.parse_tree = tree;
        pg_query_free_parse_result(r);
    }
}

std::shared_ptr<const SqlAnalysis> SqlAnalysis::analyze(const QString &content)
{
    thread_local QString lastContent;
    thread_local std::shared_ptr<const SqlAnalysis> last;
    if (last && lastContent == content)
        return last;
    last = std::make_shared<const SqlAnalysis>(content);
    lastContent = content;
    return last;
}

int SqlAnalysis::offsetOfByte(int byteOffset) const
{
    byteOffset = std::clamp(byteOffset, 0, int(m_utf8.size()));
    const auto it = std::upper_bound(m_lineBytes.cbegin(), m_lineBytes.cend(), byteOffset);
    const int line = int(it - m_lineBytes.cbegin()); // 1-based
    int bytes = m_lineBytes[size_t(line - 1)];
    int offset = m_map.lineStart(line);
    while (bytes < byteOffset && offset < m_text.size()) {
        const char16_t c = m_text.at(offset).unicode();
        if (QChar::isHighSurrogate(c) && offset + 1 < m_text.size()) {
            bytes += 4;
            offset += 2;
        } else {
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            ++offset;
        }
    }
    return offset;
}

int SqlAnalysis::offsetOfCodePoints(int fromByte, int codePoints) const
{
    int offset = offsetOfByte(fromByte);
    for (int cp = 0; cp < codePoints && offset < m_text.size(); ++cp)
        offset += m_text.at(offset).isHighSurrogate() && offset + 1 < m_text.size() ? 2 : 1;
    return offset;
}

int SqlAnalysis::skipBlank(int pos) const
{
    const int n = int(m_utf8.size());
    while (pos < n) {
        const char c = m_utf8.at(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            ++pos;
        } else if (c == '-' && pos + 1 < n && m_utf8.at(pos + 1) == '-') {
            while (pos < n && m_utf8.at(pos) != '\n')
                ++pos;
        } else if (c == '/' && pos + 1 < n && m_utf8.at(pos + 1) == '*') {
            // PostgreSQL block comments nest.
            int depth = 0;
            while (pos < n) {
                if (m_utf8.at(pos) == '/' && pos + 1 < n && m_utf8.at(pos + 1) == '*') {
                    ++depth;
                    pos += 2;
                } else if (m_utf8.at(pos) == '*' && pos + 1 < n && m_utf8.at(pos + 1) == '/') {
                    pos += 2;
                    if (--depth == 0)
                        break;
                } else {
                    ++pos;
                }
            }
        } else {
            break;
        }
    }
    return std::min(pos, n);
}

QJsonObject SqlAnalysis::Statement::node() const
{
    return QJsonDocument::fromJson(json).object().value(QLatin1String("stmt")).toObject();
}

bool SqlAnalysis::addTree(char *json, int byteBase)
{
    // Kept, not copied: the statements' json and stmtNames are views into it.
    m_trees.push_back(json);
    return cutByMarks(json, byteBase) || cutByScan(json, byteBase);
}

// libpg_query writes {"version":N,"stmts":[S,S,...]} with S = {"stmt":{"Type":{...}},...}.
// Within JSON strings every quote is escaped, and RawStmt is the only node with a member
// named "stmt", so `{"stmt":` marks exactly where each statement starts, and `Stmt"` (a
// quote after a letter closes a string) exactly where a string ending in "Stmt" ends: the
// statements and their node names found with memmem() instead of a scan of every byte.
// False, with nothing added, when the text is not laid out so (then cutByScan()).
bool SqlAnalysis::cutByMarks(const char *json, int byteBase)
{
    static constexpr char kStmts[] = "\"stmts\":[";
    static constexpr char kStart[] = "{\"stmt\":";
    static constexpr char kName[] = "Stmt\"";
    const qsizetype n = qsizetype(std::strlen(json));
    const char *stmts = std::strstr(json, kStmts);
    if (!stmts || n < 2 || std::memcmp(json + n - 2, "]}", 2) != 0)
        return false;
    const char *end = json + n - 2; // the array's closing bracket
    std::vector<const char *> starts;
    for (const char *at = stmts + sizeof kStmts - 1; at < end;) {
        at = static_cast<const char *>(
            memmem(at, size_t(end - at), kStart, sizeof kStart - 1));
        if (!at)
            break;
        starts.push_back(at);
        at += sizeof kStart - 1;
    }
    if (starts.empty() ? stmts + sizeof kStmts - 1 != end
                       : starts.front() != stmts + sizeof kStmts - 1)
        return false;
    // Where each statement ends: before the comma ahead of the next one, or the bracket.
    std::vector<const char *> stops;
    for (size_t k = 0; k < starts.size(); ++k) {
        const char *stop = k + 1 < starts.size() ? starts[k + 1] - 1 : end;
        if (stop <= starts[k] || stop[-1] != '}'
            || (k + 1 < starts.size() && *stop != ','))
            return false;
        stops.push_back(stop);
    }
    std::vector<Statement> found(starts.size());
    for (size_t k = 0; k < starts.size(); ++k) {
        const char *begin = starts[k];
        const char *stop = stops[k];
        Statement &s = found[k];
        for (const char *at = begin; at < stop;) {
            const char *hit = static_cast<const char *>(
                memmem(at, size_t(stop - at), kName, sizeof kName - 1));
            if (!hit)
                break;
            // Back to the quote that opens the string: one no backslash escapes.
            const char *open = hit;
            for (;;) {
                --open;
                if (open < begin)
                    return false;
                if (*open != '"')
                    continue;
                const char *b = open;
                while (b > begin && b[-1] == '\\')
                    --b;
                if ((open - b) % 2 == 0)
                    break;
            }
            s.stmtNames.push_back(QByteArray::fromRawData(open + 1, int(hit + 4 - open - 1)));
            at = hit + sizeof kName - 1;
        }
    }
    for (size_t k = 0; k < starts.size(); ++k)
        finishStatement(std::move(found[k]), starts[k], stops[k] - starts[k], byteBase);
    return true;
}

bool SqlAnalysis::cutByScan(const char *json, int byteBase)
{
    // Outside strings, the bytes the scan below acts on (NUL: the end of the text).
    static const auto kStructural = [] {
        std::array<bool, 256> t{};
        for (const char c : {'"', '{', '[', '}', ']', '\0'})
            t[static_cast<unsigned char>(c)] = true;
        return t;
    }();
    // {"version":N,"stmts":[{"stmt":{"Type":{...}},"stmt_location":L,"stmt_len":N},...]}:
    // cut the array into its statements with a brace scan (strings respected) instead of
    // decoding it all.
    const char *found = std::strstr(json, "\"stmts\":[");
    if (!found)
        return false;
    const char *c = json;
    qsizetype i = found - json + 9;
    for (;;) {
        while (c[i] == ',' || c[i] == ' ' || c[i] == '\n')
            ++i;
        if (c[i] != '{')
            break;
        const qsizetype begin = i;
        Statement s;
        int depth = 0;
        bool inString = false;
        qsizetype stringStart = 0;
        for (; c[i]; ++i) {
            // Bytes that change nothing (most of them) skipped in a tight loop.
            if (inString) {
                while (c[i] != '"' && c[i] != '\\' && c[i])
                    ++i;
            } else {
                while (!kStructural[static_cast<unsigned char>(c[i])])
                    ++i;
            }
            if (!c[i])
                break;
            if (inString) {
                if (c[i] == '\\') {
                    if (!c[i + 1])
                        break;
                    ++i;
                } else if (c[i] == '"') {
                    inString = false;
                    if (i - stringStart >= 4 && std::memcmp(c + i - 4, "Stmt", 4) == 0)
                        s.stmtNames.push_back(QByteArray::fromRawData(c + stringStart,
                                                                      int(i - stringStart)));
                }
            } else if (c[i] == '"') {
                inString = true;
                stringStart = i + 1;
            } else if (c[i] == '{' || c[i] == '[') {
                ++depth;
            } else if ((c[i] == '}' || c[i] == ']') && --depth == 0) {
                ++i;
                break;
            }
        }
        finishStatement(std::move(s), c + begin, i - begin, byteBase);
    }
    return true;
}

void SqlAnalysis::finishStatement(Statement s, const char *json, qsizetype size, int byteBase)
{
    s.json = QByteArray::fromRawData(json, int(size));
    s.byteBase = byteBase;
    constexpr int kPrefix = 10; // {"stmt":{"
    if (s.json.startsWith("{\"stmt\":{\"")) {
        const int end = s.json.indexOf('"', kPrefix);
        s.type = QString::fromLatin1(s.json.mid(kPrefix, end - kPrefix));
    }
    // Only RawStmt carries stmt_location, so it appears once per statement at most.
    const int loc = s.json.lastIndexOf("\"stmt_location\":");
    const int location = loc < 0 ? 0 : std::atoi(s.json.constData() + loc + 16);
    s.start = offsetOfByte(skipBlank(byteBase + location));
    m_statements.push_back(std::move(s));
}

void SqlAnalysis::parseAll()
{
    if (m_utf8.trimmed().isEmpty())
        return;
    PgQueryParseResult whole = pg_query_parse(m_utf8.constData());
    if (!whole.error) {
        addTree(std::exchange(whole.parse_tree, nullptr), 0);
        pg_query_free_parse_result(whole);
        return;
    }
    const Error wholeError{offsetOfCodePoints(0, std::max(0, whole.error->cursorpos - 1)),
                           pgMessage(whole.error)};
    pg_query_free_parse_result(whole);

    // One statement's error must not hide the others: split at top-level semicolons and
    // parse each statement on its own. (libpg_query's scanner split drops statements around
    // some errors, so the split is done here: quotes, comments and dollar quotes respected.)
    const auto ranges = splitStatements(m_utf8);
    if (ranges.size() <= 1) {
        m_errors.push_back(wholeError);
        return;
    }
    for (const auto &[start, len] : ranges)
        parseStatement(start, len);
    if (m_errors.empty())
        m_errors.push_back(wholeError); // the split hid it: keep what the whole parse said
}

void SqlAnalysis::parseStatement(int byteStart, int byteLen)
{
    byteStart = std::clamp(byteStart, 0, int(m_utf8.size()));
    if (byteLen <= 0)
        byteLen = int(m_utf8.size()) - byteStart;
    const QByteArray sql = m_utf8.mid(byteStart, byteLen);
    if (sql.trimmed().isEmpty())
        return;
    PgQueryParseResult r = pg_query_parse(sql.constData());
    if (r.error) {
        m_errors.push_back({offsetOfCodePoints(byteStart, std::max(0, r.error->cursorpos - 1)),
                            pgMessage(r.error)});
    } else {
        addTree(std::exchange(r.parse_tree, nullptr), byteStart);
    }
    pg_query_free_parse_result(r);
}

} // namespace verdict
