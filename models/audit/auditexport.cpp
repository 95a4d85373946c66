// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/auditexport.h"

#include "audit/hashchain.h"
#include "domain/textform.h"

#include <QIODevice>

namespace verdict {

namespace {

const char *const kKeys[] = {"seq",     "at",     "actor",    "action",    "subject",
                             "outcome", "previous", "detail", "prev_hash", "hash"};

QStringList allFields(const AuditEvent &e)
{
    QStringList f = HashChain::fields(e);
    f << e.prevHash << e.hash;
    return f;
}

// RFC 4180: quoted only when holding a comma, quote, CR or LF; inner quotes doubled.
void appendCsvField(QByteArray &out, const QString &text)
{
    // Most fields (seq, times, names, ids, hashes) are short ASCII with nothing to quote:
    // copied straight from UTF-16, without a UTF-8 copy.
    const QChar *u = text.constData();
    const int size = text.size();
    bool plain = true;
    for (int i = 0; i < size && plain; ++i) {
        const char16_t c = u[i].unicode();
        plain = c < 0x80 && c != u',' && c != u'"' && c != u'\r' && c != u'\n';
    }
    if (plain) {
        const int at = out.size();
        out.resize(at + size);
        char *d = out.data() + at;
        for (int i = 0; i < size; ++i)
            d[i] = char(u[i].unicode());
        return;
    }
    const QByteArray utf8 = text.toUtf8();
    const bool quote = utf8.contains(',') || utf8.contains('"') || utf8.contains('\r')
                       || utf8.contains('\n');
    if (!quote) {
        out.append(utf8);
        return;
    }
    out.append('"');
    for (const char c : utf8) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
}

} // namespace

std::optional<AuditFormat> AuditExport::formatFromId(const QString &id)
{
    if (id == QLatin1String("csv"))
        return AuditFormat::Csv;
    if (id == QLatin1String("jsonl"))
        return AuditFormat::Jsonl;
    return std::nullopt;
}

QString AuditExport::formatId(AuditFormat format)
{
    return format == AuditFormat::Csv ? QStringLiteral("csv") : QStringLiteral("jsonl");
}

QByteArray AuditExport::csvHeader()
{
    QByteArray out;
    for (const char *key : kKeys) {
        if (!out.isEmpty())
            out.append(',');
        out.append(key);
    }
    return out;
}

QByteArray AuditExport::csvRecord(const QStringList &fields)
{
    QByteArray out;
    for (int i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out.append(',');
        appendCsvField(out, fields.at(i));
    }
    return out;
}

QByteArray AuditExport::jsonlRecord(const AuditEvent &event)
{
    QByteArray out;
    appendRecord(out, event, AuditFormat::Jsonl);
    out.chop(1);
    return out;
}

void AuditExport::appendRecord(QByteArray &out, const AuditEvent &event, AuditFormat format)
{
    const QStringList f = allFields(event);
    if (format == AuditFormat::Csv) {
        for (int i = 0; i < f.size(); ++i) {
            if (i > 0)
                out.append(',');
            appendCsvField(out, f.at(i));
        }
        out.append("\r\n", 2);
        return;
    }
    out.append("{\"seq\":", 7);
    out.append(QByteArray::number(event.seq));
    for (int i = 1; i < f.size(); ++i) {
        out.append(",\"", 2);
        out.append(kKeys[i]);
        out.append("\":", 2);
        TextForm::appendJsonString(out, f.at(i));
    }
    out.append("}\n", 2);
}

Result<QString> AuditExport::write(QIODevice &out, const std::vector<AuditEvent> &events,
                                   AuditFormat format, const Progress &progress)
{
    const auto total = static_cast<qint64>(events.size());
    auto put = [&out](const QByteArray &bytes) { return out.write(bytes) == bytes.size(); };
    const auto failed = [&out]() {
        return makeError(QStringLiteral("cannot write the export: %1").arg(out.errorString()));
    };
    QByteArray chunk;
    if (format == AuditFormat::Csv)
        chunk = csvHeader() + "\r\n";
    QString head = HashChain::genesis();
    qint64 done = 0;
    for (const AuditEvent &e : events) {
        appendRecord(chunk, e, format);
        head = e.hash;
        ++done;
        // Write in blocks: one syscall per event would dominate large exports.
        if (chunk.size() >= 64 * 1024) {
            if (!put(chunk))
                return failed();
            chunk.clear();
            if (progress)
                progress(done, total);
        }
    }
    if (!chunk.isEmpty() && !put(chunk))
        return failed();
    if (progress)
        progress(done, total);
    return head;
}

} // namespace verdict
