// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/auditexport.h"

#include "audit/hashchain.h"

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

QByteArray csvField(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    const bool quote = utf8.contains(',') || utf8.contains('"') || utf8.contains('\r')
                       || utf8.contains('\n');
    if (!quote)
        return utf8;
    utf8.replace("\"", "\"\"");
    return '"' + utf8 + '"';
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
        out.append(csvField(fields.at(i)));
    }
    return out;
}

QByteArray AuditExport::jsonlRecord(const AuditEvent &event)
{
    const QStringList f = allFields(event);
    QByteArray out = "{\"seq\":" + QByteArray::number(event.seq);
    for (int i = 1; i < f.size(); ++i) {
        out.append(",\"");
        out.append(kKeys[i]);
        out.append("\":");
        HashChain::appendJsonString(out, f.at(i));
    }
    out.append('}');
    return out;
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
        if (format == AuditFormat::Csv)
            chunk += csvRecord(allFields(e)) + "\r\n";
        else
            chunk += jsonlRecord(e) + '\n';
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
