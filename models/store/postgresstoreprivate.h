// SPDX-License-Identifier: GPL-3.0-or-later
// PostgresStore's private half, shared by its files: postgresstore.cpp (connection,
// decisions, settings, diagnostics), postgresimport.cpp, postgresqueries.cpp and
// postgresexport.cpp (the COPY fast path). Only those include this (and so libpqxx).
#pragma once

#include "audit/hashchain.h"
#include "domain/textform.h"
#include "store/postgresstore.h"
#include "store/pqxxcompat.h"
#include "store/storerules.h"

#include <pqxx/pqxx>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace verdict {

namespace pg {

inline const QString kNotFound = StoreRules::notFoundCode();
inline const QString kInvalid = StoreRules::invalidCode();
inline const QString kConnection = QStringLiteral("08000");

// pg_advisory_xact_lock(kLockClass, kLock*): "VRDT" + what it guards.
constexpr int kLockClass = 0x56524454;
constexpr int kLockMigrate = 1;
constexpr int kLockWrite = 2;

std::string str(const QString &s);
QString qstr(const pqxx::field &f);
// PostgreSQL text cannot hold U+0000: refuse with a message naming the field.
std::optional<Error> refuseNul(const QString &value, const QString &field, const QString &owner);
// A proposal's text fields that become columns (the rest lives in the JSON document).
std::optional<Error> refuseNulInProposal(const Proposal &p);

// The columns every decision query selects, in readDecision's order.
inline const char kDecisionColumns[] = "d.uuid, d.proposal_id, d.revision, d.verdict, d.reviewer, "
                                "d.reason, d.decided_at, d.supersedes, d.pushed_by, "
                                "d.resolution";

// Audit events are read in one column order everywhere.
inline const char kEventColumns[] =
    "seq, at, actor, action, subject, outcome, previous, detail, prev_hash, hash";

AuditEvent readEvent(const pqxx::row &row);
Decision readDecision(const pqxx::row &row, int first = 0);

// Error messages: one line, what failed, never a password.
QString firstLine(QString text);
QString stripPassword(const QString &text, const QString &connection);
Error connectionError(const QString &what, const QString &connection);
Error sqlError(const pqxx::sql_error &e, const QString &user);
Error rollbackError(const pqxx::transaction_rollback &e);
QString withConnectTimeout(const QString &connection);

struct Head
{
    qint64 seq = 0;
    QString hash;
    QString now; // server clock, TextForm::formatTime form
};

} // namespace pg

using namespace pg;

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

} // namespace verdict
