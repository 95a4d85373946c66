// SPDX-License-Identifier: GPL-3.0-or-later
// PostgresStore::exportAuditCsv: the audit log as AuditExport's CSV straight from COPY, for
// logs too big to load.
#include "store/postgresstoreprivate.h"
#include "audit/auditexport.h"

#include <QIODevice>

#include <libpq-fe.h>

#include <cstring>

namespace verdict {

namespace {

// PostgreSQL's CSV differs from AuditExport's in two ways only: records end in LF (we
// want CRLF) and an empty string is written "" (we write nothing). Both quote exactly
// the fields holding a comma, quote, CR or LF, so the rest is byte-identical.
void appendCsvRow(QByteArray &out, const char *row, int size)
{
    if (size > 0 && row[size - 1] == '\n')
        --size;
    if (!std::memchr(row, '"', size_t(size))) { // nothing quoted: the common case
        out.append(row, size);
        out.append("\r\n", 2);
        return;
    }
    const int start = out.size();
    out.resize(start + size + 2);
    char *o = out.data() + start;
    int i = 0;
    while (i < size) {
        // At the start of a field.
        if (row[i] == '"' && i + 1 < size && row[i + 1] == '"'
            && (i + 2 == size || row[i + 2] == ',')) {
            i += 2; // "" is the empty string: AuditExport writes nothing
        } else if (row[i] == '"') {
            *o++ = row[i++];
            while (i < size) { // inside quotes; "" is a quote, " alone closes
                const char c = row[i++];
                *o++ = c;
                if (c == '"') {
                    if (i < size && row[i] == '"')
                        *o++ = row[i++];
                    else
                        break;
                }
            }
        } else {
            const void *comma = std::memchr(row + i, ',', size_t(size - i));
            const int end = comma ? int(static_cast<const char *>(comma) - row) : size;
            std::memcpy(o, row + i, size_t(end - i));
            o += end - i;
            i = end;
        }
        if (i < size) // row[i] is the delimiter
            *o++ = row[i++];
    }
    *o++ = '\r';
    *o++ = '\n';
    out.resize(int(o - out.data()));
}

} // namespace

Result<QString> PostgresStore::exportAuditCsv(QIODevice &out, const QDateTime &since)
{
    // COPY takes no bound parameters: resolve `since` to a seq first (a number is safe).
    auto first = d->guard<qint64>([&](pqxx::connection &c) -> Result<qint64> {
        pqxx::work w(c);
        if (!since.isValid())
            return qint64(0);
        const pqxx::result r = pq::exec(w,
            "SELECT coalesce(min(seq), 9223372036854775807) FROM audit_events WHERE at >= $1",
            str(TextForm::formatTime(since)));
        return r[0][0].as<qint64>();
    });
    if (!first)
        return first.error();

    // libpqxx 6.4's stream_from reads tables only: a raw libpq connection reads the query.
    std::unique_ptr<PGconn, void (*)(PGconn *)> conn(
        PQconnectdb(withConnectTimeout(d->connection).toUtf8().constData()), &PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK)
        return connectionError(QString::fromUtf8(PQerrorMessage(conn.get())), d->connection);
    const QByteArray sql =
        "COPY (SELECT seq, at, actor, action, subject, outcome, previous, detail, prev_hash, "
        "hash FROM audit_events WHERE seq >= " + QByteArray::number(first.value())
        + " ORDER BY seq) TO STDOUT WITH (FORMAT csv)";
    PQclear(PQexec(conn.get(), "SET client_encoding TO 'UTF8'"));
    PGresult *res = PQexec(conn.get(), sql.constData());
    if (PQresultStatus(res) != PGRES_COPY_OUT) {
        const QString state = QString::fromLatin1(PQresultErrorField(res, PG_DIAG_SQLSTATE));
        const QString message = firstLine(QString::fromUtf8(PQresultErrorMessage(res)));
        PQclear(res);
        return makeError(QStringLiteral("PostgreSQL: ") + message
                             + (state == QLatin1String("42501")
                                    ? QStringLiteral(" (user %1)").arg(d->user)
                                    : QString()),
                         state);
    }
    PQclear(res);

    QByteArray chunk = AuditExport::csvHeader() + "\r\n";
    chunk.reserve(1 << 20);
    char lastHash[64];
    bool haveHash = false;
    bool writeFailed = false;
    for (;;) {
        char *row = nullptr;
        const int n = PQgetCopyData(conn.get(), &row, 0);
        if (n < 0)
            break;
        appendCsvRow(chunk, row, n);
        // The hash is the last field: 64 hex digits, never quoted.
        if (n >= 65) {
            std::memcpy(lastHash, row + (row[n - 1] == '\n' ? n - 65 : n - 64), 64);
            haveHash = true;
        }
        PQfreemem(row);
        if (chunk.size() >= (1 << 20) - 4096) {
            writeFailed = writeFailed || out.write(chunk) != chunk.size();
            chunk.clear();
        }
    }
    if (!chunk.isEmpty())
        writeFailed = writeFailed || out.write(chunk) != chunk.size();
    PGresult *end = PQgetResult(conn.get());
    const bool copyOk = PQresultStatus(end) == PGRES_COMMAND_OK;
    const QString endMessage = firstLine(QString::fromUtf8(PQresultErrorMessage(end)));
    PQclear(end);
    while (PGresult *rest = PQgetResult(conn.get()))
        PQclear(rest);
    if (!copyOk)
        return makeError(QStringLiteral("PostgreSQL: export failed: ") + endMessage,
                         kConnection);
    if (writeFailed)
        return makeError(QStringLiteral("cannot write the export: ") + out.errorString());
    return haveHash ? QString::fromLatin1(lastHash, 64) : HashChain::genesis();
}

} // namespace verdict
