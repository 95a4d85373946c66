// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/postgresstore.h"

#include "audit/auditexport.h"
#include "audit/auditevents.h"
#include "audit/hashchain.h"
#include "domain/status.h"
#include "store/postgresmigrations.h"
#include "store/pqxxcompat.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

#include <libpq-fe.h>
#include <pqxx/pqxx>

#include <cstring>
#include <map>
#include <set>

namespace verdict {

namespace {

const QString kNotFound = QStringLiteral("not-found");
const QString kInvalid = QStringLiteral("invalid");
const QString kConnection = QStringLiteral("08000");

// pg_advisory_xact_lock(kLockClass, kLock*): "VRDT" + what it guards.
constexpr int kLockClass = 0x56524454;
constexpr int kLockMigrate = 1;
constexpr int kLockWrite = 2;

std::string str(const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    return std::string(utf8.constData(), size_t(utf8.size()));
}

QString qstr(const pqxx::field &f)
{
    return f.is_null() ? QString() : QString::fromUtf8(f.c_str(), int(f.size()));
}

// PostgreSQL text cannot hold U+0000: refuse with a message naming the field.
std::optional<Error> refuseNul(const QString &value, const QString &field, const QString &owner)
{
    if (!value.contains(QChar(0)))
        return std::nullopt;
    return makeError(QStringLiteral("%1: %2 contains a NUL character, which PostgreSQL text "
                                    "cannot store")
                         .arg(owner, field),
                     kInvalid);
}

// Array literals for unnest($n::text[]): every element quoted, '\' and '"' escaped.
std::string textArray(const std::vector<QString> &values)
{
    std::string out = "{";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        out += '"';
        const QByteArray utf8 = values[i].toUtf8();
        for (const char c : utf8) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += '"';
    }
    out += '}';
    return out;
}

template <typename Int>
std::string intArray(const std::vector<Int> &values)
{
    std::string out = "{";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        out += std::to_string(values[i]);
    }
    out += '}';
    return out;
}

std::string boolArray(const std::vector<bool> &values)
{
    std::string out = "{";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        out += values[i] ? 't' : 'f';
    }
    out += '}';
    return out;
}

// Nullable arrays (NULL unquoted) for the optional fields of a proposal revision.
std::string optTextArray(const std::vector<std::optional<QString>> &values)
{
    std::string out = "{";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        if (!values[i]) {
            out += "NULL";
            continue;
        }
        out += textArray({*values[i]}).substr(1);
        out.pop_back();
    }
    out += '}';
    return out;
}

template <typename T>
std::string optArray(const std::vector<std::optional<T>> &values)
{
    std::string out = "{";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        if (!values[i])
            out += "NULL";
        else if constexpr (std::is_same_v<T, bool>)
            out += *values[i] ? 't' : 'f';
        else
            out += std::to_string(*values[i]);
    }
    out += '}';
    return out;
}

// --- proposal documents: the whole Proposal as JSON (NUL survives as \u0000) ---

QJsonValue optionalString(const std::optional<QString> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

QJsonObject toJson(const Proposal &p)
{
    QJsonArray artifacts;
    for (const Artifact &a : p.artifacts) {
        artifacts.append(QJsonObject{{QStringLiteral("path"), a.path},
                                     {QStringLiteral("declaredLanguage"), a.declaredLanguage},
                                     {QStringLiteral("language"), a.language},
                                     {QStringLiteral("firstLine"), a.firstLine},
                                     {QStringLiteral("lastLine"), a.lastLine},
                                     {QStringLiteral("fenced"), a.fenced},
                                     {QStringLiteral("fenceTag"), a.fenceTag},
                                     {QStringLiteral("content"), a.content},
                                     {QStringLiteral("sha256"), a.sha256}});
    }
    QJsonArray problems;
    for (const Problem &pr : p.problems)
        problems.append(QJsonArray{pr.line, pr.message});
    return QJsonObject{
        {QStringLiteral("sourceFile"), p.sourceFile},
        {QStringLiteral("sourceLine"), p.sourceLine},
        {QStringLiteral("endLine"), p.endLine},
        {QStringLiteral("id"), p.id},
        {QStringLiteral("timestamp"), optionalString(p.timestamp)},
        {QStringLiteral("severity"), p.severity ? QJsonValue(*p.severity) : QJsonValue()},
        {QStringLiteral("blockExecution"),
         p.blockExecution ? QJsonValue(*p.blockExecution) : QJsonValue()},
        {QStringLiteral("kind"), optionalString(p.kind)},
        {QStringLiteral("opportunity"), optionalString(p.opportunity)},
        {QStringLiteral("body"), p.body},
        {QStringLiteral("bodyFirstLine"), p.bodyFirstLine},
        {QStringLiteral("artifacts"), artifacts},
        {QStringLiteral("risks"), QJsonArray::fromStringList(p.risks)},
        {QStringLiteral("mitigations"), QJsonArray::fromStringList(p.mitigations)},
        {QStringLiteral("problems"), problems},
        {QStringLiteral("sha256"), p.sha256}};
}

std::optional<QString> optionalStringFrom(const QJsonValue &v)
{
    return v.isString() ? std::optional<QString>(v.toString()) : std::nullopt;
}

QStringList stringsFrom(const QJsonValue &v)
{
    QStringList out;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &item : array)
        out << item.toString();
    return out;
}

Proposal proposalFromJson(const QString &document)
{
    const QJsonObject o = QJsonDocument::fromJson(document.toUtf8()).object();
    Proposal p;
    p.sourceFile = o.value(QStringLiteral("sourceFile")).toString();
    p.sourceLine = o.value(QStringLiteral("sourceLine")).toInt();
    p.endLine = o.value(QStringLiteral("endLine")).toInt();
    p.id = o.value(QStringLiteral("id")).toString();
    p.timestamp = optionalStringFrom(o.value(QStringLiteral("timestamp")));
    const QJsonValue severity = o.value(QStringLiteral("severity"));
    if (severity.isDouble())
        p.severity = severity.toInt();
    const QJsonValue block = o.value(QStringLiteral("blockExecution"));
    if (block.isBool())
        p.blockExecution = block.toBool();
    p.kind = optionalStringFrom(o.value(QStringLiteral("kind")));
    p.opportunity = optionalStringFrom(o.value(QStringLiteral("opportunity")));
    p.body = o.value(QStringLiteral("body")).toString();
    p.bodyFirstLine = o.value(QStringLiteral("bodyFirstLine")).toInt();
    const QJsonArray artifacts = o.value(QStringLiteral("artifacts")).toArray();
    for (const QJsonValue &v : artifacts) {
        const QJsonObject a = v.toObject();
        Artifact art;
        art.path = a.value(QStringLiteral("path")).toString();
        art.declaredLanguage = a.value(QStringLiteral("declaredLanguage")).toString();
        art.language = a.value(QStringLiteral("language")).toString();
        art.firstLine = a.value(QStringLiteral("firstLine")).toInt();
        art.lastLine = a.value(QStringLiteral("lastLine")).toInt();
        art.fenced = a.value(QStringLiteral("fenced")).toBool();
        art.fenceTag = a.value(QStringLiteral("fenceTag")).toString();
        art.content = a.value(QStringLiteral("content")).toString();
        art.sha256 = a.value(QStringLiteral("sha256")).toString();
        p.artifacts.push_back(art);
    }
    p.risks = stringsFrom(o.value(QStringLiteral("risks")));
    p.mitigations = stringsFrom(o.value(QStringLiteral("mitigations")));
    const QJsonArray problems = o.value(QStringLiteral("problems")).toArray();
    for (const QJsonValue &v : problems) {
        const QJsonArray pr = v.toArray();
        p.problems.push_back(Problem{pr.at(0).toInt(), pr.at(1).toString()});
    }
    p.sha256 = o.value(QStringLiteral("sha256")).toString();
    return p;
}

QString jsonText(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

// The columns every decision query selects, in readDecision's order.
const char kDecisionColumns[] = "d.uuid, d.proposal_id, d.revision, d.verdict, d.reviewer, "
                                "d.reason, d.decided_at, d.supersedes, d.pushed_by, "
                                "d.resolution";

// Audit events are read in one column order everywhere.
const char kEventColumns[] =
    "seq, at, actor, action, subject, outcome, previous, detail, prev_hash, hash";

AuditEvent readEvent(const pqxx::row &row)
{
    AuditEvent e;
    e.seq = row[0].as<qint64>();
    e.at = HashChain::parseTime(qstr(row[1]));
    e.actor = qstr(row[2]);
    e.action = qstr(row[3]);
    e.subject = qstr(row[4]);
    e.outcome = qstr(row[5]);
    e.previous = qstr(row[6]);
    e.detail = qstr(row[7]);
    e.prevHash = qstr(row[8]);
    e.hash = qstr(row[9]);
    return e;
}

Decision readDecision(const pqxx::row &row, int first = 0)
{
    Decision d;
    d.uuid = qstr(row[first]);
    d.proposalId = qstr(row[first + 1]);
    d.revision = row[first + 2].as<int>();
    d.verdict = verdictFromId(qstr(row[first + 3])).value_or(Verdict::Retract);
    d.reviewer = qstr(row[first + 4]);
    d.reason = qstr(row[first + 5]);
    d.decidedAt = HashChain::parseTime(qstr(row[first + 6]));
    d.supersedes = qstr(row[first + 7]);
    d.pushedBy = qstr(row[first + 8]);
    d.resolution = row[first + 9].as<bool>();
    return d;
}


// --- error messages: one line, what failed, never a password ---

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

struct Head
{
    qint64 seq = 0;
    QString hash;
    QString now; // server clock, HashChain::formatTime form
};

} // namespace

struct PostgresStore::Private
{
    QString connection; // as given: may hold a password, never shown
    QString redactedUrl;
    std::unique_ptr<pqxx::connection> conn;
    int schemaVersion = 0;
    QString user;
    std::function<void()> beforeCommit;

    Result<pqxx::connection *> connect();
    Result<void> migrate();

    // Runs `f` and turns every libpqxx exception into an Error.
    template <typename T, typename F>
    Result<T> guard(F &&f)
    {
        try {
            auto c = connect();
            if (!c)
                return c.error();
            return f(*c.value());
        } catch (const pqxx::broken_connection &e) {
            conn.reset();
            return connectionError(QString::fromUtf8(e.what()), connection);
        } catch (const pqxx::in_doubt_error &) {
            conn.reset();
            return makeError(QStringLiteral("PostgreSQL: the connection was lost during "
                                            "commit; the outcome is unknown (retry is safe)"),
                             kConnection);
        } catch (const pqxx::transaction_rollback &e) {
            // Serialization failure (40001), deadlock (40P01)...: nothing was written and
            // retrying is safe. Caught before sql_error, its base class in libpqxx 7 (in 6.4
            // it is not one, and carries no sqlstate()).
            return rollbackError(e);
        } catch (const pqxx::sql_error &e) {
            Error error = sqlError(e, user);
            // Every server error carries a SQLSTATE (verbose messages); none means libpq
            // lost the server (e.g. "server closed the connection unexpectedly").
            if (error.code.isEmpty() || lost()) {
                conn.reset();
                if (error.code.isEmpty())
                    error.code = kConnection;
            }
            return error;
        } catch (const std::exception &e) {
            const QString code = lost() ? kConnection : QString();
            return makeError(QStringLiteral("PostgreSQL: ")
                                 + firstLine(stripPassword(QString::fromUtf8(e.what()), {})),
                             code);
        }
    }

    // After an exception: was it the connection? Then forget it; the next call reconnects.
    bool lost()
    {
        if (!conn || conn->is_open())
            return false;
        conn.reset();
        return true;
    }

    Head lockAndHead(pqxx::work &w);
    int quorum(pqxx::work &w);
    std::vector<Decision> decisionsOn(pqxx::work &w, const QString &id, int revision);
    // Inserts the decisions the server lacks, with their audit events; returns them.
    Result<std::vector<Decision>> insertDecisions(pqxx::work &w, Head &head,
                                                  const std::vector<Decision> &decisions);
    // Imports each revision unless (id, sha256) is there, with its audit event, through
    // the server's verdict_import_revisions; returns each one's revision and outcome
    // ("new", "revised" or "" when it was already there), in order.
    std::vector<std::pair<int, QString>> importRevisions(pqxx::work &w,
                                                         const std::vector<Proposal> &ps,
                                                         const QString &actor);
    void commit(pqxx::work &w)
    {
        if (beforeCommit)
            beforeCommit();
        w.commit();
    }
};

Result<pqxx::connection *> PostgresStore::Private::connect()
{
    if (conn && conn->is_open())
        return conn.get();
    conn.reset();
    try {
        conn = std::make_unique<pqxx::connection>(str(withConnectTimeout(connection)));
        pq::setVerboseErrors(*conn);
        pqxx::nontransaction n(*conn);
        n.exec("SET client_min_messages TO warning; SET client_encoding TO 'UTF8'");
        user = qstr(pq::execOne(n, "SELECT session_user")[0]);
    } catch (const pqxx::broken_connection &e) {
        conn.reset();
        return connectionError(QString::fromUtf8(e.what()), connection);
    } catch (const std::exception &e) {
        conn.reset();
        return connectionError(QString::fromUtf8(e.what()), connection);
    }
    return conn.get();
}

Result<void> PostgresStore::Private::migrate()
{
    const auto &steps = postgresMigrations();
    const int known = steps.back().version;
    auto r = guard<int>([&](pqxx::connection &c) -> Result<int> {
        pqxx::work w(c);
        pq::exec(w, "SELECT pg_advisory_xact_lock($1, $2)", kLockClass, kLockMigrate);
        if (pq::execOne(w, "SELECT to_regclass('verdict_schema') IS NULL")[0].as<bool>())
            w.exec("CREATE TABLE verdict_schema (version integer NOT NULL)");
        int version = pq::execOne(w, "SELECT coalesce(max(version), 0) FROM verdict_schema")[0]
                          .as<int>();
        if (version > known) {
            return makeError(QStringLiteral("PostgreSQL: the server's Verdict schema is "
                                            "version %1, newer than this Verdict knows (%2): "
                                            "upgrade Verdict")
                                 .arg(version)
                                 .arg(known),
                             kInvalid);
        }
        if (version == known)
            return version; // nothing to write: reviewers without CREATE get here
        for (const PostgresMigration &step : steps) {
            if (step.version <= version)
                continue;
            w.exec(step.sql);
            pq::exec(w, "INSERT INTO verdict_schema (version) VALUES ($1)", step.version);
            version = step.version;
        }
        w.exec("SELECT verdict_grant_roles()");
        w.commit();
        return version;
    });
    if (!r) {
        if (r.error().code == QLatin1String("42501")) {
            return makeError(QStringLiteral("PostgreSQL: user %1 may not create or upgrade "
                                            "the Verdict schema: connect once as the "
                                            "database owner (docs/TEAM-SERVER.md)")
                                 .arg(user),
                             r.error().code);
        }
        return r.error();
    }
    schemaVersion = r.value();
    return {};
}

Head PostgresStore::Private::lockAndHead(pqxx::work &w)
{
    pq::exec(w, "SELECT pg_advisory_xact_lock($1, $2)", kLockClass, kLockWrite);
    const pqxx::row row = pq::execOne(w,
        "SELECT seq, hash, to_char(clock_timestamp() AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM audit_head WHERE id = 1");
    return Head{row[0].as<qint64>(), qstr(row[1]), qstr(row[2])};
}

int PostgresStore::Private::quorum(pqxx::work &w)
{
    const pqxx::result r =
        w.exec("SELECT value FROM verdict_settings WHERE key = 'quorum'");
    if (r.empty())
        return 1;
    bool ok = false;
    const int q = qstr(r[0][0]).toInt(&ok);
    return ok && q >= 1 ? q : 1;
}

std::vector<Decision> PostgresStore::Private::decisionsOn(pqxx::work &w, const QString &id,
                                                          int revision)
{
    const pqxx::result r = pq::exec(w,
        std::string("SELECT ") + kDecisionColumns
            + " FROM decisions d WHERE d.proposal_id = $1 AND d.revision = $2 "
              "ORDER BY d.decided_at, d.seq",
        str(id), revision);
    std::vector<Decision> out;
    out.reserve(r.size());
    for (const pqxx::row &row : r)
        out.push_back(readDecision(row));
    return out;
}

Result<std::vector<Decision>>
PostgresStore::Private::insertDecisions(pqxx::work &w, Head &head,
                                        const std::vector<Decision> &decisions)
{
    const size_t n = decisions.size();
    std::vector<QString> uuid, pid, verdict, reviewer, reason, decidedAt, supersedes;
    std::vector<int> revision;
    std::vector<bool> resolution;
    for (const Decision &d : decisions) {
        const QString owner = QStringLiteral("decision %1 on %2")
                                  .arg(d.uuid, AuditEvents::subject(d.proposalId, d.revision));
        for (const auto &[value, field] :
             {std::pair<QString, QString>{d.uuid, QStringLiteral("uuid")},
              {d.proposalId, QStringLiteral("proposal id")},
              {d.reviewer, QStringLiteral("reviewer")},
              {d.reason, QStringLiteral("reason")},
              {d.supersedes, QStringLiteral("supersedes")}}) {
            if (auto e = refuseNul(value, field, owner))
                return *e;
        }
        if (d.uuid.isEmpty())
            return makeError(owner + QStringLiteral(": no uuid"), kInvalid);
        uuid.push_back(d.uuid);
        pid.push_back(d.proposalId);
        revision.push_back(d.revision);
        verdict.push_back(verdictId(d.verdict));
        reviewer.push_back(d.reviewer);
        reason.push_back(d.reason);
        decidedAt.push_back(HashChain::formatTime(
            d.decidedAt.isValid() ? d.decidedAt : HashChain::parseTime(head.now)));
        supersedes.push_back(d.supersedes);
        resolution.push_back(d.resolution);
    }
    if (n == 0)
        return std::vector<Decision>{};

    // The server inserts what it lacks, each with its audit event, and stamps pushed_by
    // (verdict_push_decisions, migration v2): clients have no INSERT on these tables.
    const pqxx::result inserted = pq::exec(w,
        "SELECT uuid, pushed_by FROM verdict_push_decisions($1::text[], $2::text[], "
        "$3::integer[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], "
        "$9::boolean[])",
        textArray(uuid), textArray(pid), intArray(revision), textArray(verdict),
        textArray(reviewer), textArray(reason), textArray(decidedAt), textArray(supersedes),
        boolArray(resolution));
    std::map<QString, QString> pushedBy;
    for (const pqxx::row &row : inserted)
        pushedBy[qstr(row[0])] = qstr(row[1]);

    std::vector<Decision> added;
    for (size_t i = 0; i < n; ++i) {
        const auto it = pushedBy.find(decisions[i].uuid);
        if (it == pushedBy.end())
            continue; // already on the server: pushes are idempotent
        Decision d = decisions[i];
        d.pushedBy = it->second;
        d.decidedAt = HashChain::parseTime(decidedAt[i]);
        pushedBy.erase(it); // a uuid twice in one push counts once
        added.push_back(d);
    }
    return added;
}

std::vector<std::pair<int, QString>>
PostgresStore::Private::importRevisions(pqxx::work &w, const std::vector<Proposal> &ps,
                                        const QString &actor)
{
    std::vector<QString> ids, shas, files, targets, languages, documents;
    std::vector<int> lines, problems;
    std::vector<std::optional<QString>> timestamps, kinds, opportunities;
    std::vector<std::optional<int>> severities;
    std::vector<std::optional<bool>> blocks;
    for (const Proposal &p : ps) {
        QJsonArray t, l;
        for (const Artifact &a : p.artifacts) {
            t.append(a.path);
            l.append(a.language);
        }
        ids.push_back(p.id);
        shas.push_back(p.sha256);
        files.push_back(p.sourceFile);
        lines.push_back(p.sourceLine);
        timestamps.push_back(p.timestamp);
        severities.push_back(p.severity);
        blocks.push_back(p.blockExecution);
        kinds.push_back(p.kind);
        opportunities.push_back(p.opportunity);
        targets.push_back(jsonText(t));
        languages.push_back(jsonText(l));
        problems.push_back(int(p.problems.size()));
        documents.push_back(
            QString::fromUtf8(QJsonDocument(toJson(p)).toJson(QJsonDocument::Compact)));
    }
    const pqxx::result r = pq::exec(w,
        "SELECT revision, outcome FROM verdict_import_revisions($1::text[], $2::text[], "
        "$3::text[], $4::integer[], $5::text[], $6::integer[], $7::boolean[], $8::text[], "
        "$9::text[], $10::text[], $11::text[], $12::integer[], $13::text[], $14)",
        textArray(ids), textArray(shas), textArray(files), intArray(lines),
        optTextArray(timestamps), optArray(severities), optArray(blocks), optTextArray(kinds),
        optTextArray(opportunities), textArray(targets), textArray(languages),
        intArray(problems), textArray(documents), str(actor));
    std::vector<std::pair<int, QString>> out;
    out.reserve(r.size());
    for (const pqxx::row &row : r)
        out.emplace_back(row[0].as<int>(), qstr(row[1]));
    return out;
}

namespace {

// A proposal's text fields that become columns (the rest lives in the JSON document).
std::optional<Error> refuseNulInProposal(const Proposal &p)
{
    const QString owner = QStringLiteral("proposal ") + (p.id.isEmpty() ? p.sourceFile : p.id);
    const std::pair<QString, QString> fields[] = {
        {p.id, QStringLiteral("id")},
        {p.sourceFile, QStringLiteral("source file name")},
        {p.sha256, QStringLiteral("sha256")},
        {p.timestamp.value_or(QString()), QStringLiteral("timestamp")},
        {p.kind.value_or(QString()), QStringLiteral("kind")},
        {p.opportunity.value_or(QString()), QStringLiteral("opportunity")}};
    for (const auto &[value, field] : fields) {
        if (auto e = refuseNul(value, field, owner))
            return e;
    }
    return std::nullopt;
}

} // namespace

PostgresStore::PostgresStore(std::unique_ptr<Private> d) : d(std::move(d)) {}

PostgresStore::~PostgresStore() = default;

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const QString &connection)
{
    auto d = std::make_unique<Private>();
    d->connection = connection;
    d->redactedUrl = redacted(connection);
    if (auto c = d->connect(); !c)
        return c.error();
    if (auto r = d->migrate(); !r)
        return r.error();
    return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(d)));
}

QString PostgresStore::libraryVersion()
{
    const int libpq = PQlibVersion(); // e.g. 170006 for 17.6
    return QStringLiteral("libpqxx " PQXX_VERSION ", libpq %1.%2")
        .arg(libpq / 10000)
        .arg(libpq % 10000);
}

Result<StoreProbe> PostgresStore::probe(const QString &connection)
{
    Private d;
    d.connection = connection;
    if (auto c = d.connect(); !c)
        return c.error();
    return d.guard<StoreProbe>([&](pqxx::connection &c) -> Result<StoreProbe> {
        // READ ONLY: the server itself refuses any write; no advisory lock is taken.
        pqxx::read_transaction r(c);
        StoreProbe probe;
        probe.url = redacted(connection);
        probe.knownVersion = postgresMigrations().back().version;
        probe.user = d.user; // read by connect()
        if (pq::execOne(r, "SELECT to_regclass('verdict_schema') IS NULL")[0].as<bool>())
            return probe;
        probe.schemaVersion =
            pq::execOne(r, "SELECT coalesce(max(version), 0) FROM verdict_schema")[0].as<int>();
        if (!pq::execOne(r, "SELECT to_regclass('proposal_revisions') IS NULL")[0].as<bool>()) {
            probe.proposals = pq::execOne(r, "SELECT count(DISTINCT proposal_id) FROM "
                                      "proposal_revisions")[0]
                                  .as<qint64>();
        }
        return probe;
    });
}

QString PostgresStore::redacted(const QString &connection)
{
    return redactStoreUrl(connection);
}

QString PostgresStore::url() const
{
    return d->redactedUrl;
}

int PostgresStore::schemaVersion() const
{
    return d->schemaVersion;
}

QString PostgresStore::userName() const
{
    return d->user;
}

void PostgresStore::setBeforeCommitHook(std::function<void()> hook)
{
    d->beforeCommit = std::move(hook);
}

Result<ImportSummary> PostgresStore::importFiles(const std::vector<ParsedFile> &files,
                                                 const QString &actor)
{
    ImportSummary summary;
    std::vector<Proposal> proposals;
    for (const ParsedFile &f : files) {
        ++summary.files;
        if (!f.error.isEmpty()) {
            summary.fileErrors << f.path + QStringLiteral(": ") + f.error;
            continue;
        }
        for (const Proposal &p : f.proposals) {
            ++summary.proposals;
            if (p.id.isEmpty()) {
                summary.fileErrors << QStringLiteral("%1:%2: proposal without an id not stored")
                                          .arg(p.sourceFile)
                                          .arg(p.sourceLine);
                continue;
            }
            if (auto e = refuseNulInProposal(p))
                return *e;
            proposals.push_back(p);
        }
    }
    if (auto e = refuseNul(actor, QStringLiteral("actor"), QStringLiteral("import")))
        return *e;
    return d->guard<ImportSummary>([&](pqxx::connection &c) -> Result<ImportSummary> {
        pqxx::work w(c);
        d->lockAndHead(w);
        ImportSummary s = summary;
        for (const auto &[revision, outcome] : d->importRevisions(w, proposals, actor)) {
            Q_UNUSED(revision)
            if (outcome.isEmpty())
                ++s.unchanged;
            else if (outcome == QLatin1String("new"))
                ++s.added;
            else
                ++s.revised;
        }
        d->commit(w);
        return s;
    });
}

Result<std::vector<ImportedRevision>>
PostgresStore::importRevisions(const std::vector<Proposal> &proposals, const QString &actor)
{
    for (const Proposal &p : proposals) {
        if (p.id.isEmpty())
            return makeError(QStringLiteral("a proposal without an id cannot be synced"),
                             kInvalid);
        if (auto e = refuseNulInProposal(p))
            return *e;
    }
    using Out = std::vector<ImportedRevision>;
    return d->guard<Out>([&](pqxx::connection &c) -> Result<Out> {
        pqxx::work w(c);
        d->lockAndHead(w);
        Out revisions;
        for (const auto &[revision, outcome] : d->importRevisions(w, proposals, actor))
            revisions.push_back({revision, !outcome.isEmpty()});
        d->commit(w);
        return revisions;
    });
}

Result<std::vector<QueueEntry>> PostgresStore::queue()
{
    return d->guard<std::vector<QueueEntry>>(
        [&](pqxx::connection &c) -> Result<std::vector<QueueEntry>> {
            pqxx::work w(c);
            const int quorum = d->quorum(w);
            const char latest[] = "WITH latest AS (SELECT proposal_id, max(revision) AS "
                                  "revision FROM proposal_revisions GROUP BY proposal_id) ";
            const pqxx::result rows = w.exec(
                std::string(latest)
                + "SELECT r.proposal_id, r.revision, r.severity, r.block_execution, r.kind, "
                  "r.opportunity, r.targets, r.languages, r.timestamp, r.imported_at, "
                  "r.source_file, r.source_line, r.problem_count, c.errors, c.warnings, "
                  "c.infos FROM proposal_revisions r JOIN latest l "
                  "USING (proposal_id, revision) LEFT JOIN diagnostic_counts c "
                  "USING (proposal_id, revision) ORDER BY r.seq");
            const pqxx::result decided = w.exec(
                std::string(latest) + "SELECT " + kDecisionColumns
                + " FROM decisions d JOIN latest l USING (proposal_id, revision) "
                  "ORDER BY d.decided_at, d.seq");
            std::map<QString, std::vector<Decision>> byProposal;
            for (const pqxx::row &row : decided) {
                Decision dec = readDecision(row);
                byProposal[dec.proposalId].push_back(std::move(dec));
            }
            std::vector<QueueEntry> out;
            out.reserve(rows.size());
            for (const pqxx::row &row : rows) {
                QueueEntry e;
                e.id = qstr(row[0]);
                e.revision = row[1].as<int>();
                if (!row[2].is_null())
                    e.severity = row[2].as<int>();
                if (!row[3].is_null())
                    e.blockExecution = row[3].as<bool>();
                e.kind = qstr(row[4]);
                e.opportunity = qstr(row[5]);
                e.targets = stringsFrom(
                    QJsonDocument::fromJson(qstr(row[6]).toUtf8()).array());
                e.languages = stringsFrom(
                    QJsonDocument::fromJson(qstr(row[7]).toUtf8()).array());
                e.timestamp = qstr(row[8]);
                e.importedAt = HashChain::parseTime(qstr(row[9]));
                e.sourceFile = qstr(row[10]);
                e.sourceLine = row[11].as<int>();
                e.problems = row[12].as<int>();
                if (!row[13].is_null()) {
                    e.errors = row[13].as<int>();
                    e.warnings = row[14].as<int>();
                    e.infos = row[15].as<int>();
                }
                const auto it = byProposal.find(e.id);
                e.status = it == byProposal.end() ? Status::Pending
                                                  : deriveStatus(it->second, quorum);
                out.push_back(std::move(e));
            }
            return out;
        });
}

Result<StoredProposal> PostgresStore::proposal(const QString &id, int revision)
{
    return d->guard<StoredProposal>([&](pqxx::connection &c) -> Result<StoredProposal> {
        pqxx::work w(c);
        const pqxx::result latest = pq::exec(w,
            "SELECT max(revision) FROM proposal_revisions WHERE proposal_id = $1", str(id));
        if (latest[0][0].is_null())
            return makeError(QStringLiteral("no proposal %1").arg(id), kNotFound);
        const int last = latest[0][0].as<int>();
        const int rev = revision == 0 ? last : revision;
        const pqxx::result r = pq::exec(w,
            "SELECT document, imported_at FROM proposal_revisions "
            "WHERE proposal_id = $1 AND revision = $2",
            str(id), rev);
        if (r.empty())
            return makeError(QStringLiteral("proposal %1 has no revision %2").arg(id).arg(rev),
                             kNotFound);
        StoredProposal sp;
        sp.proposal = proposalFromJson(qstr(r[0][0]));
        sp.importedAt = HashChain::parseTime(qstr(r[0][1]));
        sp.revision = rev;
        sp.latestRevision = last;
        sp.status = deriveStatus(d->decisionsOn(w, id, rev), d->quorum(w));
        return sp;
    });
}

Result<Decision> PostgresStore::decide(const DecisionRequest &request)
{
    const QString reviewer = request.reviewer.trimmed();
    if (reviewer.isEmpty())
        return makeError(QStringLiteral("a decision needs a reviewer"), kInvalid);
    if ((request.verdict == Verdict::Reject || request.verdict == Verdict::Changes)
        && request.reason.trimmed().isEmpty()) {
        return makeError(QStringLiteral("%1 needs a reason").arg(verdictId(request.verdict)),
                         kInvalid);
    }
    const QString owner = QStringLiteral("decision on ") + request.proposalId;
    for (const auto &[value, field] :
         {std::pair<QString, QString>{reviewer, QStringLiteral("reviewer")},
          {request.reason, QStringLiteral("reason")},
          {request.proposalId, QStringLiteral("proposal id")}}) {
        if (auto e = refuseNul(value, field, owner))
            return *e;
    }
    return d->guard<Decision>([&](pqxx::connection &c) -> Result<Decision> {
        pqxx::work w(c);
        Head head = d->lockAndHead(w);
        const pqxx::result latest = pq::exec(w,
            "SELECT max(revision) FROM proposal_revisions WHERE proposal_id = $1",
            str(request.proposalId));
        if (latest[0][0].is_null())
            return makeError(QStringLiteral("no proposal %1").arg(request.proposalId),
                             kNotFound);
        const int last = latest[0][0].as<int>();
        const int rev = request.revision == 0 ? last : request.revision;
        if (rev < 1 || rev > last) {
            return makeError(QStringLiteral("proposal %1 has no revision %2")
                                 .arg(request.proposalId)
                                 .arg(rev),
                             kNotFound);
        }
        Decision dec;
        QString previousVerdict;
        const pqxx::result prior = pq::exec(w,
            "SELECT uuid, verdict FROM decisions WHERE proposal_id = $1 AND revision = $2 "
            "AND reviewer = $3 ORDER BY decided_at DESC, seq DESC LIMIT 1",
            str(request.proposalId), rev, str(reviewer));
        if (!prior.empty()) {
            dec.supersedes = qstr(prior[0][0]);
            previousVerdict = qstr(prior[0][1]);
        }
        if (request.verdict == Verdict::Retract
            && (dec.supersedes.isEmpty() || previousVerdict == verdictId(Verdict::Retract))) {
            return makeError(QStringLiteral("%1 has no decision by %2 to retract")
                                 .arg(AuditEvents::subject(request.proposalId, rev), reviewer),
                             kInvalid);
        }
        dec.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        dec.proposalId = request.proposalId;
        dec.revision = rev;
        dec.verdict = request.verdict;
        dec.reviewer = reviewer;
        dec.reason = request.reason;
        dec.decidedAt = HashChain::parseTime(head.now);
        dec.resolution = request.resolution;
        auto added = d->insertDecisions(w, head, {dec});
        if (!added)
            return added.error();
        d->commit(w);
        return added->front();
    });
}

Result<int> PostgresStore::pushDecisions(const std::vector<Decision> &decisions)
{
    return d->guard<int>([&](pqxx::connection &c) -> Result<int> {
        pqxx::work w(c);
        Head head = d->lockAndHead(w);
        auto added = d->insertDecisions(w, head, decisions);
        if (!added)
            return added.error();
        d->commit(w);
        return int(added->size());
    });
}

Result<std::vector<Decision>> PostgresStore::decisions(const QString &proposalId)
{
    return d->guard<std::vector<Decision>>(
        [&](pqxx::connection &c) -> Result<std::vector<Decision>> {
            pqxx::work w(c);
            const pqxx::result r = pq::exec(w,
                std::string("SELECT ") + kDecisionColumns
                    + " FROM decisions d WHERE d.proposal_id = $1 "
                      "ORDER BY d.revision, d.decided_at, d.seq",
                str(proposalId));
            std::vector<Decision> out;
            for (const pqxx::row &row : r)
                out.push_back(readDecision(row));
            return out;
        });
}

Result<QStringList> PostgresStore::searchText(const QStringList &words)
{
    std::vector<QString> needles;
    for (const QString &w : words) {
        if (!w.isEmpty())
            needles.push_back(w);
    }
    if (needles.empty())
        return QStringList();
    for (const QString &w : needles) {
        if (auto refused = refuseNul(w, QStringLiteral("a search word"), QStringLiteral("search")))
            return *refused;
    }
    return d->guard<QStringList>([&](pqxx::connection &c) -> Result<QStringList> {
        pqxx::work w(c);
        // One lower-cased text per latest revision (body, artifacts, risks, mitigations,
        // newline-separated), kept when strpos finds every word in it.
        const pqxx::result r = pq::exec(w,
            "WITH latest AS (SELECT proposal_id, max(revision) AS revision "
            "FROM proposal_revisions GROUP BY proposal_id), "
            "texts AS (SELECT r.seq, r.proposal_id, lower(concat_ws(E'\\n', j.d->>'body', "
            "(SELECT string_agg(a->>'content', E'\\n') "
            "FROM jsonb_array_elements(j.d->'artifacts') a), "
            "(SELECT string_agg(x, E'\\n') FROM jsonb_array_elements_text(j.d->'risks') x), "
            "(SELECT string_agg(x, E'\\n') "
            "FROM jsonb_array_elements_text(j.d->'mitigations') x))) AS t "
            "FROM proposal_revisions r JOIN latest l USING (proposal_id, revision), "
            "LATERAL (SELECT r.document::jsonb AS d) j) "
            "SELECT proposal_id FROM texts WHERE NOT EXISTS (SELECT 1 "
            "FROM unnest($1::text[]) AS word WHERE strpos(t, lower(word)) = 0) ORDER BY seq",
            textArray(needles));
        QStringList ids;
        for (const pqxx::row &row : r)
            ids << qstr(row[0]);
        return ids;
    });
}

Result<std::vector<Decision>> PostgresStore::allDecisions(const QDateTime &since)
{
    return d->guard<std::vector<Decision>>(
        [&](pqxx::connection &c) -> Result<std::vector<Decision>> {
            pqxx::work w(c);
            const QString from = since.isValid() ? HashChain::formatTime(since) : QString();
            const pqxx::result r = pq::exec(w,
                std::string("SELECT ") + kDecisionColumns
                    + " FROM decisions d WHERE d.decided_at >= $1 "
                      "ORDER BY d.decided_at, d.seq",
                str(from));
            std::vector<Decision> out;
            out.reserve(r.size());
            for (const pqxx::row &row : r)
                out.push_back(readDecision(row));
            return out;
        });
}

Result<std::vector<ServerDecision>> PostgresStore::decisionsAfter(qint64 seq, int limit)
{
    return d->guard<std::vector<ServerDecision>>(
        [&](pqxx::connection &c) -> Result<std::vector<ServerDecision>> {
            pqxx::work w(c);
            const pqxx::result r = pq::exec(w,
                std::string("SELECT ") + kDecisionColumns
                    + ", r.sha256, d.seq FROM decisions d JOIN proposal_revisions r "
                      "USING (proposal_id, revision) WHERE d.seq > $1 ORDER BY d.seq "
                      "LIMIT $2",
                seq, limit);
            std::vector<ServerDecision> out;
            out.reserve(r.size());
            for (const pqxx::row &row : r)
                out.push_back({readDecision(row), qstr(row[10]), row[11].as<qint64>()});
            return out;
        });
}

Result<std::vector<ServerRevision>> PostgresStore::revisionsAfter(qint64 seq, int limit)
{
    return d->guard<std::vector<ServerRevision>>(
        [&](pqxx::connection &c) -> Result<std::vector<ServerRevision>> {
            pqxx::work w(c);
            const pqxx::result r = pq::exec(w,
                "SELECT document, revision, seq FROM proposal_revisions WHERE seq > $1 "
                "ORDER BY seq LIMIT $2",
                seq, limit);
            std::vector<ServerRevision> out;
            for (const pqxx::row &row : r)
                out.push_back({proposalFromJson(qstr(row[0])), row[1].as<int>(),
                               row[2].as<qint64>()});
            return out;
        });
}

Result<std::vector<AuditEvent>> PostgresStore::auditEvents(const QDateTime &since)
{
    return d->guard<std::vector<AuditEvent>>(
        [&](pqxx::connection &c) -> Result<std::vector<AuditEvent>> {
            pqxx::work w(c);
            const QString from = since.isValid() ? HashChain::formatTime(since) : QString();
            const pqxx::result r = pq::exec(w,
                std::string("SELECT ") + kEventColumns
                    + " FROM audit_events WHERE at >= $1 ORDER BY seq",
                str(from));
            std::vector<AuditEvent> out;
            out.reserve(r.size());
            for (const pqxx::row &row : r)
                out.push_back(readEvent(row));
            return out;
        });
}

Result<AuditEvent> PostgresStore::recordAuditEvent(const AuditEvent &event)
{
    const QString owner = QStringLiteral("audit event");
    for (const auto &[value, field] :
         {std::pair<QString, QString>{event.actor, QStringLiteral("actor")},
          {event.action, QStringLiteral("action")},
          {event.subject, QStringLiteral("subject")},
          {event.outcome, QStringLiteral("outcome")},
          {event.previous, QStringLiteral("previous")},
          {event.detail, QStringLiteral("detail")}}) {
        if (auto e = refuseNul(value, field, owner))
            return *e;
    }
    return d->guard<AuditEvent>([&](pqxx::connection &c) -> Result<AuditEvent> {
        pqxx::work w(c);
        // The server seals it (verdict_record_event, leads only) and stamps the database
        // user into its detail; read it back as stored.
        const qint64 seq = pq::execOne(w,
            "SELECT verdict_record_event($1, $2, $3, $4, $5, $6)", str(event.actor),
            str(event.action), str(event.subject), str(event.outcome), str(event.previous),
            str(event.detail))[0].as<qint64>();
        const pqxx::row row = pq::execOne(
            w, std::string("SELECT ") + kEventColumns + " FROM audit_events WHERE seq = $1",
            seq);
        d->commit(w);
        return readEvent(row);
    });
}

Result<std::optional<std::vector<Diagnostic>>>
PostgresStore::cachedDiagnostics(const QString &artifactSha256, const QString &checkerVersion)
{
    using Cached = std::optional<std::vector<Diagnostic>>;
    return d->guard<Cached>([&](pqxx::connection &c) -> Result<Cached> {
        pqxx::work w(c);
        const pqxx::result r = pq::exec(w,
            "SELECT diagnostics FROM diagnostic_cache WHERE artifact_sha256 = $1 "
            "AND checker_version = $2",
            str(artifactSha256), str(checkerVersion));
        if (r.empty())
            return Cached();
        return Cached(diagnosticsFromJson(qstr(r[0][0]).toUtf8()));
    });
}

Result<void> PostgresStore::cacheDiagnostics(const QString &artifactSha256,
                                             const QString &checkerVersion,
                                             const std::vector<Diagnostic> &diagnostics)
{
    if (auto e = refuseNul(checkerVersion, QStringLiteral("checker version"),
                           QStringLiteral("diagnostics cache")))
        return *e;
    return d->guard<void>([&](pqxx::connection &c) -> Result<void> {
        pqxx::work w(c);
        pq::exec(w, "INSERT INTO diagnostic_cache (artifact_sha256, checker_version, "
                      "diagnostics) VALUES ($1, $2, $3) ON CONFLICT (artifact_sha256, "
                      "checker_version) DO UPDATE SET diagnostics = EXCLUDED.diagnostics",
                      str(artifactSha256), str(checkerVersion),
                      str(QString::fromUtf8(diagnosticsToJson(diagnostics))));
        w.commit();
        return {};
    });
}

Result<void> PostgresStore::setDiagnosticCounts(const QString &proposalId, int revision,
                                                int errors, int warnings, int infos)
{
    if (auto e = refuseNul(proposalId, QStringLiteral("proposal id"),
                           QStringLiteral("diagnostic counts")))
        return *e;
    return d->guard<void>([&](pqxx::connection &c) -> Result<void> {
        pqxx::work w(c);
        pq::exec(w, "INSERT INTO diagnostic_counts (proposal_id, revision, errors, "
                      "warnings, infos) VALUES ($1, $2, $3, $4, $5) ON CONFLICT "
                      "(proposal_id, revision) DO UPDATE SET errors = EXCLUDED.errors, "
                      "warnings = EXCLUDED.warnings, infos = EXCLUDED.infos",
                      str(proposalId), revision, errors, warnings, infos);
        w.commit();
        return {};
    });
}

Result<QString> PostgresStore::setting(const QString &key)
{
    return d->guard<QString>([&](pqxx::connection &c) -> Result<QString> {
        pqxx::work w(c);
        const pqxx::result r =
            pq::exec(w, "SELECT value FROM verdict_settings WHERE key = $1", str(key));
        return r.empty() ? QString() : qstr(r[0][0]);
    });
}

Result<void> PostgresStore::setSetting(const QString &key, const QString &value)
{
    if (auto e = refuseNul(value, QStringLiteral("value"), QStringLiteral("setting ") + key))
        return *e;
    return d->guard<void>([&](pqxx::connection &c) -> Result<void> {
        pqxx::work w(c);
        pq::exec(w, "INSERT INTO verdict_settings (key, value) VALUES ($1, $2) "
                      "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                      str(key), str(value));
        w.commit();
        return {};
    });
}

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
            str(HashChain::formatTime(since)));
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
