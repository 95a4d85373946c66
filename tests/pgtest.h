// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace verdict::test {

// A throwaway PostgreSQL server for one test executable: its own data directory and Unix
// socket in a temporary directory (no TCP port, so tests never collide under ctest -j).
// Runs initdb/pg_ctl from /usr/lib/postgresql/*/bin, as user postgres when we are root.
class PgTestServer final
{
public:
    PgTestServer();
    ~PgTestServer(); // stops the server

    // Empty when the server binaries exist; else why the tests must be skipped.
    static QString unavailableReason();

    // initdb + start. Local connections are trusted, except role `pwuser` (password
    // "right-password") which must authenticate with SCRAM.
    bool start();
    bool stop(bool immediate = false);
    bool restart();
    bool isRunning() const { return m_running; }
    QString errorString() const { return m_error; }

    QString socketDir() const;
    int port() const { return m_port; }
    // libpq key=value string for database `db` as `user` (trusted, no password).
    QString connectionString(const QString &db = QStringLiteral("verdict_test"),
                             const QString &user = QStringLiteral("postgres")) const;

    // Runs SQL through psql (as the superuser unless `user`); false (and errorString, which
    // holds psql's message) on error.
    bool psql(const QString &sql, const QString &db = QStringLiteral("postgres"),
              QString *output = nullptr, const QString &user = QStringLiteral("postgres"));
    // Creates an empty database owned by the superuser.
    bool createDatabase(const QString &name);
    // The roles of docs/TEAM-SERVER.md plus login users alice, bob (reviewers) and lena
    // (lead), granted into them; and pwuser with a password.
    bool createTeamRoles();

private:
    bool run(const QString &program, const QStringList &args, QString *output = nullptr,
             int timeoutMs = 120000);
    QString binary(const QString &name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_binDir;
    QString m_error;
    int m_port = 5432;
    bool m_running = false;
};

} // namespace verdict::test
