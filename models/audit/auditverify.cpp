// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/auditverify.h"

#include "audit/hashchain.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>
#include <vector>

namespace verdict {

namespace {

const char *const kKeys[] = {"seq",     "at",     "actor",    "action",    "subject",
                             "outcome", "previous", "detail", "prev_hash", "hash"};
constexpr int kFieldCount = 10;

// One record as read: its 10 fields and the file line it starts on.
struct Record
{
    int line = 0;
    QStringList fields;
};

struct Failure
{
    int line = 0;
    QString message;
};

// RFC 4180 reader: quoted fields may hold commas, doubled quotes, CR and LF. Records end at
// LF or CRLF outside quotes. Line numbers count LFs, so a record spanning lines reports
// the line it starts on.
bool readCsv(const QByteArray &data, int start, std::vector<Record> *records, Failure *fail)
{
    int line = 1;
    int i = start;
    const int n = data.size();
    while (i < n) {
        Record rec;
        rec.line = line;
        QByteArray field;
        bool endOfRecord = false;
        while (!endOfRecord) {
            field.clear();
            if (i < n && data.at(i) == '"') {
                ++i;
                for (;;) {
                    if (i >= n) {
                        *fail = {rec.line, QStringLiteral("unterminated quoted field")};
                        return false;
                    }
                    const char c = data.at(i++);
                    if (c == '"') {
                        if (i < n && data.at(i) == '"') {
                            field.append('"');
                            ++i;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n')
                        ++line;
                    field.append(c);
                }
                if (i < n && data.at(i) != ',' && data.at(i) != '\n' && data.at(i) != '\r') {
                    *fail = {line, QStringLiteral("text after a closing quote")};
                    return false;
                }
            } else {
                while (i < n && data.at(i) != ',' && data.at(i) != '\n' && data.at(i) != '\r') {
                    if (data.at(i) == '"') {
                        *fail = {line, QStringLiteral("quote inside an unquoted field")};
                        return false;
                    }
                    field.append(data.at(i++));
                }
            }
            rec.fields << QString::fromUtf8(field);
            if (i >= n) {
                endOfRecord = true;
            } else if (data.at(i) == ',') {
                ++i;
            } else {
                if (data.at(i) == '\r') {
                    ++i;
                    if (i < n && data.at(i) != '\n') {
                        *fail = {line, QStringLiteral("bare CR outside quotes")};
                        return false;
                    }
                }
                if (i < n && data.at(i) == '\n')
                    ++i;
                ++line;
                endOfRecord = true;
            }
        }
        records->push_back(std::move(rec));
    }
    return true;
}

bool readJsonl(const QByteArray &data, int start, std::vector<Record> *records, Failure *fail)
{
    int line = 0;
    int i = start;
    const int n = data.size();
    while (i < n) {
        ++line;
        int end = data.indexOf('\n', i);
        if (end < 0)
            end = n;
        QByteArray text = data.mid(i, end - i);
        i = end + 1;
        if (text.endsWith('\r'))
            text.chop(1);
        if (text.isEmpty()) {
            *fail = {line, QStringLiteral("empty line")};
            return false;
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            *fail = {line, QStringLiteral("not a JSON object")};
            return false;
        }
        const QJsonObject obj = doc.object();
        if (obj.size() != kFieldCount) {
            *fail = {line, QStringLiteral("expected %1 keys, found %2")
                               .arg(kFieldCount).arg(obj.size())};
            return false;
        }
        Record rec;
        rec.line = line;
        for (int k = 0; k < kFieldCount; ++k) {
            const QString key = QString::fromLatin1(kKeys[k]);
            const QJsonValue v = obj.value(key);
            if (k == 0) {
                const double d = v.toDouble(-1);
                if (!v.isDouble() || d < 1 || d != std::floor(d) || d > 9.0e15) {
                    *fail = {line, QStringLiteral("seq is not a positive integer")};
                    return false;
                }
                rec.fields << QString::number(static_cast<qint64>(d));
            } else if (!v.isString()) {
                *fail = {line, QStringLiteral("key '%1' missing or not a string").arg(key)};
                return false;
            } else {
                rec.fields << v.toString();
            }
        }
        records->push_back(std::move(rec));
    }
    return true;
}

AuditVerifyReport failed(AuditVerifyReport report, const Failure &f)
{
    report.ok = false;
    report.line = f.line;
    report.message = f.message;
    return report;
}

} // namespace

AuditVerifyReport AuditVerify::verify(const QByteArray &data, const QString &expectedHead,
                                      bool partial)
{
    AuditVerifyReport report;
    report.head = HashChain::genesis();
    int start = data.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    int firstEnd = data.indexOf('\n', start);
    QByteArray first = data.mid(start, firstEnd < 0 ? -1 : firstEnd - start);
    if (first.endsWith('\r'))
        first.chop(1);

    std::vector<Record> records;
    Failure fail;
    if (first == AuditExport::csvHeader()) {
        report.format = AuditFormat::Csv;
        if (!readCsv(data, firstEnd < 0 ? data.size() : firstEnd + 1, &records, &fail))
            return failed(report, {fail.line + 1, fail.message});
        for (Record &r : records)
            ++r.line; // the header is line 1
    } else if (first.startsWith('{')) {
        report.format = AuditFormat::Jsonl;
        if (!readJsonl(data, start, &records, &fail))
            return failed(report, fail);
    } else if (first.isEmpty() && firstEnd < 0) {
        return failed(report, {1, QStringLiteral("empty file: no header, no events")});
    } else {
        return failed(report, {1, QStringLiteral("neither a CSV audit export (header %1) "
                                                 "nor JSONL")
                                      .arg(QString::fromLatin1(AuditExport::csvHeader()))});
    }

    QString prevHash;
    qint64 prevSeq = 0;
    for (const Record &r : records) {
        if (r.fields.size() != kFieldCount) {
            return failed(report, {r.line, QStringLiteral("expected %1 fields, found %2")
                                               .arg(kFieldCount).arg(r.fields.size())});
        }
        bool okSeq = false;
        const qint64 seq = r.fields.at(0).toLongLong(&okSeq);
        if (!okSeq || seq < 1 || QString::number(seq) != r.fields.at(0))
            return failed(report, {r.line, QStringLiteral("seq is not a positive integer")});
        const QString storedPrev = r.fields.at(8);
        const QString storedHash = r.fields.at(9);
        if (!HashChain::isHash(storedPrev) || !HashChain::isHash(storedHash))
            return failed(report, {r.line, QStringLiteral("prev_hash or hash is not 64 hex "
                                                          "digits")});
        if (!HashChain::parseTime(r.fields.at(1)).isValid())
            return failed(report, {r.line, QStringLiteral("'at' is not an ISO 8601 time")});
        if (report.events == 0) {
            report.firstSeq = seq;
            if (seq == 1 && storedPrev != HashChain::genesis())
                return failed(report, {r.line, QStringLiteral("the first event's prev_hash "
                                                              "is not the genesis hash")});
            if (seq != 1 && !partial)
                return failed(report, {r.line, QStringLiteral("the export starts at seq %1, "
                                                              "not 1 (events removed? an "
                                                              "export made with --since "
                                                              "needs --partial)")
                                                   .arg(seq)});
        } else {
            if (seq != prevSeq + 1)
                return failed(report, {r.line, QStringLiteral("seq %1 follows seq %2")
                                                   .arg(seq).arg(prevSeq)});
            if (storedPrev != prevHash)
                return failed(report, {r.line, QStringLiteral("prev_hash does not match the "
                                                              "previous event's hash")});
        }
        const QString computed = HashChain::hash(storedPrev,
                                                 HashChain::canonical(r.fields.mid(0, 8)));
        if (computed != storedHash)
            return failed(report, {r.line, QStringLiteral("hash does not match the event's "
                                                          "content")});
        prevHash = storedHash;
        prevSeq = seq;
        report.head = storedHash;
        ++report.events;
    }
    if (!expectedHead.isEmpty() && report.head != expectedHead.toLower()) {
        const int lastLine = records.empty() ? 1 : records.back().line;
        return failed(report, {lastLine, QStringLiteral("the last hash is %1, not the expected "
                                                        "head %2 (events removed at the end?)")
                                             .arg(report.head, expectedHead)});
    }
    report.ok = true;
    return report;
}

} // namespace verdict
