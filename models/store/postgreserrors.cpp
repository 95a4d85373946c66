// SPDX-License-Identifier: GPL-3.0-or-later
// PostgresStore's error messages: one line, what failed, never a password.
#include "store/postgresstoreprivate.h"

#include <QRegularExpression>

#include <libpq-fe.h>

namespace verdict::pg {

QString firstLine(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("^(ERROR|FATAL):\\s+")));
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return lines.isEmpty() ? text.trimmed() : lines.first().trimmed();
}

QString stripPassword(const QString &text, const QString &connection)
{
    return redactStoreUrl(text, connection);
}

struct ConnInfo
{
    QString user;
    QString host;
    QString db;
};

ConnInfo parseConnInfo(const QString &connection)
{
    ConnInfo info;
    char *err = nullptr;
    PQconninfoOption *opts = PQconninfoParse(connection.toUtf8().constData(), &err);
    if (err)
        PQfreemem(err);
    if (!opts)
        return info;
    for (PQconninfoOption *o = opts; o->keyword; ++o) {
        if (!o->val)
            continue;
        const QString key = QString::fromLatin1(o->keyword);
        const QString val = QString::fromUtf8(o->val);
        if (key == QLatin1String("user"))
            info.user = val;
        else if (key == QLatin1String("host") || (key == QLatin1String("hostaddr")
                                                  && info.host.isEmpty()))
            info.host = val;
        else if (key == QLatin1String("dbname"))
            info.db = val;
    }
    PQconninfoFree(opts);
    return info;
}

// libpq's connection failure, for people: what failed, for whom, where.
Error connectionError(const QString &what, const QString &connection)
{
    const ConnInfo info = parseConnInfo(connection);
    QString reason = stripPassword(what, connection);
    QString where;
    // "connection to server at "h" (addr), port p failed: FATAL:  <reason>"
    static const QRegularExpression located(
        QStringLiteral("connection to server (.*?) failed:\\s*(?:FATAL:\\s*)?(.*)"),
        QRegularExpression::DotMatchesEverythingOption);
    const auto m = located.match(reason);
    if (m.hasMatch()) {
        where = m.captured(1).trimmed();
        reason = m.captured(2);
    }
    reason = firstLine(reason);
    QString code = kConnection;
    if (reason.contains(QLatin1String("password authentication failed")))
        code = QStringLiteral("28P01");
    else if (reason.contains(QLatin1String("no password supplied"))) {
        code = QStringLiteral("28P01");
        reason = QStringLiteral("a password is required for user \"%1\": set PGPASSWORD, "
                                "~/.pgpass or a service file")
                     .arg(info.user.isEmpty() ? qEnvironmentVariable("PGUSER") : info.user);
    } else if (reason.contains(QLatin1String("does not exist")) &&
               reason.contains(QLatin1String("database")))
        code = QStringLiteral("3D000");
    else if (reason.contains(QLatin1String("role")) &&
             reason.contains(QLatin1String("does not exist")))
        code = QStringLiteral("28000");
    QString message = QStringLiteral("PostgreSQL: ") + reason;
    if (code == kConnection) {
        const QString server = !where.isEmpty() ? QStringLiteral("server ") + where
                               : !info.host.isEmpty() ? QStringLiteral("host ") + info.host
                                                      : QStringLiteral("the server");
        return makeError(QStringLiteral("PostgreSQL: cannot connect to %1: %2")
                             .arg(server, reason),
                         code);
    }
    if (!where.isEmpty())
        message += QStringLiteral(" (server ") + where + QLatin1Char(')');
    else if (!info.host.isEmpty())
        message += QStringLiteral(" (host ") + info.host + QLatin1Char(')');
    return makeError(message, code);
}

Error sqlError(const pqxx::sql_error &e, const QString &user)
{
    // libpqxx 6.4 drops the SQLSTATE for the error classes it maps to subclasses; verbose
    // messages ("ERROR:  42501: ...", set at connect) carry it for every error.
    QString state = QString::fromStdString(e.sqlstate());
    QString text = firstLine(QString::fromUtf8(e.what()));
    static const QRegularExpression coded(QStringLiteral("^([0-9A-Z]{5}): "));
    const auto m = coded.match(text);
    if (m.hasMatch()) {
        if (state.isEmpty())
            state = m.captured(1);
        text = text.mid(m.capturedLength());
    }
    QString message = QStringLiteral("PostgreSQL: ") + text;
    if (state == QLatin1String("42501") && !message.contains(QLatin1String("(user ")))
        message += QStringLiteral(" (user %1)").arg(user);
    if (!state.isEmpty())
        message += QStringLiteral(" [SQLSTATE %1]").arg(state);
    return makeError(message, state);
}

// The SQLSTATE of a rolled-back transaction, from the verbose message ("ERROR:  40P01: ...")
// that both libpqxx 6.4 and 7.x keep, else from the exception's class.
Error rollbackError(const pqxx::transaction_rollback &e)
{
    QString text = firstLine(QString::fromUtf8(e.what()));
    static const QRegularExpression coded(QStringLiteral("^(40[0-9A-Z]{3}): "));
    const auto m = coded.match(text);
    QString state;
    if (m.hasMatch()) {
        state = m.captured(1);
        text = text.mid(m.capturedLength());
    } else if (dynamic_cast<const pqxx::deadlock_detected *>(&e)) {
        state = QStringLiteral("40P01");
    } else if (dynamic_cast<const pqxx::serialization_failure *>(&e)) {
        state = QStringLiteral("40001");
    } else {
        state = QStringLiteral("40000");
    }
    return makeError(QStringLiteral("PostgreSQL: ") + text
                         + QStringLiteral(" [SQLSTATE %1]").arg(state),
                     state);
}

QString withConnectTimeout(const QString &connection)
{
    // Without one, an unreachable host blocks for minutes; the caller's value wins.
    if (connection.contains(QLatin1String("connect_timeout"))
        || qEnvironmentVariableIsSet("PGCONNECT_TIMEOUT"))
        return connection;
    if (connection.startsWith(QLatin1String("postgres")) &&
        connection.contains(QLatin1String("://")))
        return connection + (connection.contains(QLatin1Char('?')) ? QStringLiteral("&")
                                                                   : QStringLiteral("?"))
               + QStringLiteral("connect_timeout=10");
    return connection + QStringLiteral(" connect_timeout=10");
}

} // namespace verdict::pg
