// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/auditverify.h"

#include "audit/hashchain.h"
#include "domain/textform.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace verdict {

namespace {

const char *const kKeys[] = {"seq",     "at",     "actor",    "action",    "subject",
                             "outcome", "previous", "detail", "prev_hash", "hash"};
constexpr int kFieldCount = 10;

// One record as read: its fields, the file line it starts on and the bytes it spans, its
// line end included.
struct Record
{
    int line = 0;
    int begin = 0;
    int end = 0;
    QStringList fields;
};

struct Failure
{
    int line = 0;
    QString message;
    bool altered = false; // the bytes are not the exporter's (rather than a broken chain)
};

Failure altered(int line, const QString &message)
{
    return {line, message, true};
}

// A byte sequence shown in a one-line message: printable ASCII as is, anything else (control
// characters, the bytes of non-ASCII text) as \xHH, so no byte from the file reaches the
// terminal raw.
QString shown(const char *bytes, int size)
{
    QString out;
    for (int i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c >= 0x20 && c < 0x7f && c != '\\')
            out += QLatin1Char(char(c));
        else if (c == '\\')
            out += QStringLiteral("\\\\");
        else
            out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    }
    return out;
}

// Length of the valid UTF-8 sequence at `p` (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF), 0 when it is not one.
int utf8SequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    int length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
        length = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        length = 3;
        if (c == 0xe0)
            low = 0xa0; // overlong below U+0800
        else if (c == 0xed)
            high = 0x9f; // UTF-16 surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
        length = 4;
        if (c == 0xf0)
            low = 0x90; // overlong below U+10000
        else if (c == 0xf4)
            high = 0x8f; // above U+10FFFF
    } else {
        return 0;
    }
    if (end - p < length || p[1] < low || p[1] > high)
        return 0;
    for (int i = 2; i < length; ++i) {
        if (p[i] < 0x80 || p[i] > 0xbf)
            return 0;
    }
    return length;
}

// Offset of the first byte of `bytes` that does not start a valid UTF-8 sequence, -1 when
// they are all valid.
int invalidUtf8At(const char *bytes, int size)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes);
    for (int i = 0; i < size;) {
        const int n = utf8SequenceLength(p + i, p + size);
        if (n == 0)
            return i;
        i += n;
    }
    return -1;
}

// The physical line and the column (1-based, in bytes) of byte `offset` of a record.
std::pair<int, int> position(const char *record, const Record &r, int offset)
{
    int line = r.line;
    int lineStart = 0;
    for (int i = 0; i < offset; ++i) {
        if (record[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return {line, offset - lineStart + 1};
}

Failure invalidUtf8(const char *record, const Record &r, int offset)
{
    const auto [line, column] = position(record, r, offset);
    return altered(line, QStringLiteral("invalid UTF-8 at column %1 (byte 0x%2)")
                             .arg(column)
                             .arg(uint(static_cast<unsigned char>(record[offset])), 2, 16,
                                  QLatin1Char('0')));
}

// Why the bytes a record spans differ from `expected`, what export writes for the event
// read from them; names the physical line and the column of the first difference.
Failure describeDifference(const QByteArray &data, const Record &r, const QByteArray &expected,
                           AuditFormat format)
{
    const char *actual = data.constData() + r.begin;
    const int size = r.end - r.begin;
    int k = 0;
    while (k < size && k < expected.size() && actual[k] == expected.at(k))
        ++k;
    const auto [line, column] = position(actual, r, k);
    const QString lineEnd = format == AuditFormat::Csv ? QStringLiteral("CRLF")
                                                       : QStringLiteral("LF");
    if (k == size && r.end == data.size())
        return altered(line, QStringLiteral("the last line has no line end: export ends every "
                                            "line with %1")
                                 .arg(lineEnd));
    if (k < size && k < expected.size() && actual[k] == '\r' && expected.at(k) == '\n')
        return altered(line, QStringLiteral("the line ends in CRLF: a JSONL export ends its "
                                            "lines with LF alone"));
    if (k < size && k < expected.size() && actual[k] == '\n' && expected.at(k) == '\r')
        return altered(line, QStringLiteral("the line ends in LF: a CSV export ends its lines "
                                            "with CRLF"));
    // Invalid UTF-8 decodes to U+FFFD, which export writes as EF BF BD: say what it was.
    if (const int bad = invalidUtf8At(actual, size); bad >= 0)
        return invalidUtf8(actual, r, bad);
    constexpr int kShown = 16;
    const QString found = shown(actual + k, std::min(kShown, size - k));
    const QString wanted = shown(expected.constData() + k,
                                 std::min(kShown, int(expected.size()) - k));
    return altered(line, QStringLiteral("column %1 holds \"%2\" where export writes \"%3\"")
                             .arg(column)
                             .arg(found, wanted));
}

// A field's text from its UTF-8 bytes, all of them: a NUL is a character, not the end of
// the field, and a leading U+FEFF is kept (Qt 5's fromUtf8 drops it as a byte order mark,
// which would make a field that starts with one fail against its own hash).
QString decodeField(const char *bytes, int size)
{
    QString text;
    while (size >= 3 && std::memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        text += QChar(0xfeff);
        bytes += 3;
        size -= 3;
    }
    if (text.isEmpty())
        return QString::fromUtf8(bytes, size);
    return text + QString::fromUtf8(bytes, size);
}

// RFC 4180, one record at a time: quoted fields may hold commas, doubled quotes, CR and LF.
// Lenient about what the byte comparison catches anyway (a record ending in LF alone); the
// errors here are the ones that leave no record to compare.
class CsvReader
{
public:
    CsvReader(const QByteArray &data, int pos, int line)
        : m_p(data.constData()), m_n(data.size()), m_i(pos), m_line(line)
    {
    }

    bool atEnd() const { return m_i >= m_n; }

    bool next(Record *rec, Failure *fail)
    {
        rec->line = m_line;
        rec->begin = m_i;
        rec->fields.clear();
        if (m_p[m_i] == '\n' || m_p[m_i] == '\r') {
            *fail = altered(m_line, QStringLiteral("empty line: an export has none"));
            return false;
        }
        for (;;) {
            if (m_i < m_n && m_p[m_i] == '"') {
                if (!quoted(rec, fail))
                    return false;
            } else {
                int end = m_i;
                while (end < m_n && m_p[end] != ',' && m_p[end] != '\n' && m_p[end] != '\r')
                    ++end;
                if (std::memchr(m_p + m_i, '"', size_t(end - m_i))) {
                    *fail = {m_line, QStringLiteral("quote inside an unquoted field")};
                    return false;
                }
                rec->fields << decodeField(m_p + m_i, end - m_i);
                m_i = end;
            }
            if (m_i >= m_n)
                break;
            const char c = m_p[m_i++];
            if (c == ',')
                continue;
            if (c == '\r') {
                if (m_i >= m_n || m_p[m_i] != '\n') {
                    *fail = altered(m_line, QStringLiteral("bare CR outside quotes"));
                    return false;
                }
                ++m_i;
            }
            ++m_line;
            break;
        }
        rec->end = m_i;
        return true;
    }

private:
    bool quoted(Record *rec, Failure *fail)
    {
        const int startLine = m_line;
        QByteArray field;
        ++m_i;
        for (;;) {
            const auto *q = static_cast<const char *>(std::memchr(m_p + m_i, '"',
                                                                 size_t(m_n - m_i)));
            if (!q) {
                *fail = {startLine, QStringLiteral("unterminated quoted field")};
                return false;
            }
            const int at = int(q - m_p);
            field.append(m_p + m_i, at - m_i);
            for (int j = m_i; j < at; ++j)
                m_line += m_p[j] == '\n';
            m_i = at + 1;
            if (m_i < m_n && m_p[m_i] == '"') {
                field.append('"');
                ++m_i;
                continue;
            }
            break;
        }
        if (m_i < m_n && m_p[m_i] != ',' && m_p[m_i] != '\n' && m_p[m_i] != '\r') {
            *fail = {m_line, QStringLiteral("text after a closing quote")};
            return false;
        }
        rec->fields << decodeField(field.constData(), field.size());
        return true;
    }

    const char *m_p;
    int m_n;
    int m_i;
    int m_line;
};

// One JSON object per line. Qt's parser is lenient (duplicate keys, any key order, spaces,
// escapes of plain characters): whatever it accepts that export would not write, the byte
// comparison catches.
class JsonlReader
{
public:
    explicit JsonlReader(const QByteArray &data) : m_data(data) {}

    bool atEnd() const { return m_i >= m_data.size(); }

    bool next(Record *rec, Failure *fail)
    {
        ++m_line;
        rec->line = m_line;
        rec->begin = m_i;
        rec->fields.clear();
        int end = m_data.indexOf('\n', m_i);
        rec->end = end < 0 ? m_data.size() : end + 1;
        if (end < 0)
            end = m_data.size();
        // A view of the line, not a copy.
        const QByteArray text = QByteArray::fromRawData(m_data.constData() + m_i, end - m_i);
        m_i = rec->end;
        if (text.isEmpty() || text == "\r") {
            *fail = altered(m_line, QStringLiteral("empty line: an export has none"));
            return false;
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            if (const int bad = invalidUtf8At(text.constData(), text.size()); bad >= 0) {
                *fail = invalidUtf8(text.constData(), *rec, bad);
                return false;
            }
            for (int i = 0; i < text.size(); ++i) {
                const auto c = static_cast<unsigned char>(text.at(i));
                if (c < 0x20 && !(c == '\r' && i == text.size() - 1)) {
                    *fail = altered(m_line, QStringLiteral("control character 0x%1 at column %2: "
                                                           "export escapes those")
                                                .arg(uint(c), 2, 16, QLatin1Char('0'))
                                                .arg(i + 1));
                    return false;
                }
            }
            *fail = {m_line, QStringLiteral("not a JSON object")};
            return false;
        }
        const QJsonObject obj = doc.object();
        if (obj.size() != kFieldCount) {
            *fail = {m_line, QStringLiteral("expected %1 keys, found %2")
                                 .arg(kFieldCount).arg(obj.size())};
            return false;
        }
        for (int k = 0; k < kFieldCount; ++k) {
            const QLatin1String key(kKeys[k]);
            const QJsonValue v = obj.value(key);
            if (k == 0) {
                const double d = v.toDouble(-1);
                if (!v.isDouble() || d < 1 || d != std::floor(d) || d > 9.0e15) {
                    *fail = {m_line, QStringLiteral("seq is not a positive integer")};
                    return false;
                }
                rec->fields << QString::number(static_cast<qint64>(d));
            } else if (!v.isString()) {
                *fail = {m_line, QStringLiteral("key '%1' missing or not a string")
                                     .arg(QString(key))};
                return false;
            } else {
                rec->fields << v.toString();
            }
        }
        return true;
    }

private:
    const QByteArray &m_data;
    int m_i = 0;
    int m_line = 0;
};

AuditVerifyReport failed(AuditVerifyReport report, const Failure &f)
{
    report.ok = false;
    report.line = f.line;
    report.message = f.message;
    report.altered = f.altered;
    return report;
}

// The checks of one record, in the order a reader meets them: its fields' form, its bytes
// against what export writes for the event they hold, then its links in the chain.
class ChainCheck
{
public:
    ChainCheck(const QByteArray &data, AuditFormat format, bool partial, AuditVerifyReport &report)
        : m_data(data), m_format(format), m_partial(partial), m_report(report)
    {
    }

    bool check(const Record &r, Failure *fail)
    {
        const QStringList &f = r.fields;
        if (f.size() != kFieldCount) {
            *fail = {r.line, QStringLiteral("expected %1 fields, found %2")
                                 .arg(kFieldCount).arg(f.size())};
            return false;
        }
        bool okSeq = false;
        const qint64 seq = f.at(0).toLongLong(&okSeq);
        if (!okSeq || seq < 1 || QString::number(seq) != f.at(0)) {
            *fail = {r.line, QStringLiteral("seq is not a positive integer")};
            return false;
        }
        const QString &storedPrev = f.at(8);
        const QString &storedHash = f.at(9);
        if (!HashChain::isHash(storedPrev) || !HashChain::isHash(storedHash)) {
            *fail = {r.line, QStringLiteral("prev_hash or hash is not 64 hex digits")};
            return false;
        }
        m_event.at = TextForm::parseTime(f.at(1));
        if (!m_event.at.isValid()) {
            *fail = {r.line, QStringLiteral("'at' is not an ISO 8601 time")};
            return false;
        }

        // Byte for byte: the event as read, written again by export's own encoder, must be
        // the bytes read. A NUL, a duplicate or reordered key, a space, an escape export
        // does not use, invalid UTF-8, another line end: all give other bytes for the same
        // event, so two readers can never see two different logs in one verified file.
        m_event.seq = seq;
        m_event.actor = f.at(2);
        m_event.action = f.at(3);
        m_event.subject = f.at(4);
        m_event.outcome = f.at(5);
        m_event.previous = f.at(6);
        m_event.detail = f.at(7);
        m_event.prevHash = storedPrev;
        m_event.hash = storedHash;
        m_expected.truncate(0);
        AuditExport::appendRecord(m_expected, m_event, m_format);
        if (m_expected.size() != r.end - r.begin
            || std::memcmp(m_expected.constData(), m_data.constData() + r.begin,
                           size_t(m_expected.size()))
                   != 0) {
            *fail = describeDifference(m_data, r, m_expected, m_format);
            return false;
        }

        if (m_report.events == 0) {
            m_report.firstSeq = seq;
            if (seq == 1 && storedPrev != HashChain::genesis()) {
                *fail = {r.line, QStringLiteral("the first event's prev_hash is not the "
                                                "genesis hash")};
                return false;
            }
            if (seq != 1 && !m_partial) {
                *fail = {r.line, QStringLiteral("the export starts at seq %1, not 1 (events "
                                                "removed? an export made with --since needs "
                                                "--partial)")
                                     .arg(seq)};
                return false;
            }
        } else {
            if (seq != m_prevSeq + 1) {
                *fail = {r.line, QStringLiteral("seq %1 follows seq %2").arg(seq).arg(m_prevSeq)};
                return false;
            }
            if (storedPrev != m_report.head) {
                *fail = {r.line, QStringLiteral("prev_hash does not match the previous event's "
                                                "hash")};
                return false;
            }
        }
        const QString computed = HashChain::hash(storedPrev, HashChain::canonical(f.mid(0, 8)));
        if (computed != storedHash) {
            *fail = {r.line, QStringLiteral("hash does not match the event's content")};
            return false;
        }
        m_prevSeq = seq;
        m_report.head = storedHash;
        ++m_report.events;
        return true;
    }

private:
    const QByteArray &m_data;
    AuditFormat m_format;
    bool m_partial;
    AuditVerifyReport &m_report;
    AuditEvent m_event;
    QByteArray m_expected;
    qint64 m_prevSeq = 0;
};

template <typename Reader>
bool readAll(Reader &reader, ChainCheck &check, Failure *fail, int *lastLine)
{
    Record r;
    while (!reader.atEnd()) {
        if (!reader.next(&r, fail) || !check.check(r, fail))
            return false;
        *lastLine = r.line;
    }
    return true;
}

} // namespace

AuditVerifyReport AuditVerify::verify(const QByteArray &data, const QString &expectedHead,
                                      bool partial)
{
    AuditVerifyReport report;
    report.head = HashChain::genesis();
    // The form is told by the first line; a byte order mark is looked past only to name it.
    const bool bom = data.startsWith("\xEF\xBB\xBF");
    const int start = bom ? 3 : 0;
    const int firstEnd = data.indexOf('\n', start);
    QByteArray first = data.mid(start, firstEnd < 0 ? -1 : firstEnd - start);
    if (first.endsWith('\r'))
        first.chop(1);
    if (first == AuditExport::csvHeader())
        report.format = AuditFormat::Csv;
    else if (first.startsWith('{'))
        report.format = AuditFormat::Jsonl;
    else if (data.isEmpty())
        return failed(report, {1, QStringLiteral("empty file: no header, no events")});
    else
        return failed(report, {1, QStringLiteral("neither a CSV audit export (header %1) "
                                                 "nor JSONL")
                                      .arg(QString::fromLatin1(AuditExport::csvHeader()))});
    if (bom)
        return failed(report, altered(1, QStringLiteral("the file starts with a byte order "
                                                        "mark (EF BB BF): export writes none")));

    ChainCheck check(data, report.format, partial, report);
    Failure fail;
    int lastLine = 1;
    if (report.format == AuditFormat::Csv) {
        const QByteArray header = AuditExport::csvHeader() + "\r\n";
        if (!data.startsWith(header)) {
            const bool lf = data.size() > header.size() - 2
                            && data.at(header.size() - 2) == '\n';
            return failed(report, altered(1, lf ? QStringLiteral("the line ends in LF: a CSV "
                                                                 "export ends its lines with "
                                                                 "CRLF")
                                                : QStringLiteral("the header line does not "
                                                                 "end with CRLF")));
        }
        CsvReader reader(data, header.size(), 2);
        if (!readAll(reader, check, &fail, &lastLine))
            return failed(report, fail);
    } else {
        JsonlReader reader(data);
        if (!readAll(reader, check, &fail, &lastLine))
            return failed(report, fail);
    }
    if (!expectedHead.isEmpty() && report.head != expectedHead.toLower()) {
        return failed(report, {lastLine, QStringLiteral("the last hash is %1, not the expected "
                                                        "head %2 (events removed at the end?)")
                                             .arg(report.head, expectedHead)});
    }
    report.ok = true;
    return report;
}

} // namespace verdict
