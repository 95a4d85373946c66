// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile or careless insiders on the team server: a reviewer with a psql prompt, one
// login typing two names, an owner with table rights. Real `verdict-cli`, real PostgreSQL.
#include "../pgtest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using verdict::test::PgTestServer;

namespace {

const QString kSample000 = QStringLiteral("fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9");

struct Run
{
    int exit = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TeamServerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void reviewerCannotForge_data();
    void reviewerCannotForge();
    void serverStampsTheLogin();
    void quorumCountsLogins();
    void ownerCannotMoveTheHead_data();
    void ownerCannotMoveTheHead();
    void rewrittenHistoryIsDetected();

private:
    QString url(const QString &user) const { return m_server.connectionString(m_db, user); }
    Run cli(const QStringList &args) const;
    // Exports as the lead; returns the file and its head hash.
    std::pair<QString, QString> exportLog(const QString &name);
    QString sql(const QString &statement, const QString &user = QStringLiteral("postgres"));
    QString proposalStatus(const QString &id, const QString &user);

    PgTestServer m_server;
    QTemporaryDir m_dir;
    QString m_db = QStringLiteral("team");
};

Run TeamServerTest::cli(const QStringList &args) const
{
    QProcess p;
    p.start(QStringLiteral(VERDICT_CLI_PATH), args);
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exit = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

std::pair<QString, QString> TeamServerTest::exportLog(const QString &name)
{
    const QString file = m_dir.filePath(name);
    const Run r = cli({QStringLiteral("export"), QStringLiteral("--db"), url(QStringLiteral("lena")),
                       QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("-o"),
                       file});
    if (r.exit != 0)
        qWarning("export failed: %s", r.err.constData());
    return {file, QString::fromLatin1(r.err.trimmed().split(' ').last())};
}

QString TeamServerTest::sql(const QString &statement, const QString &user)
{
    QString out;
    if (!m_server.psql(statement, m_db, &out, user))
        return QStringLiteral("ERROR ") + m_server.errorString();
    return out.trimmed();
}

QString TeamServerTest::proposalStatus(const QString &id, const QString &user)
{
    const Run r = cli({QStringLiteral("queue"), QStringLiteral("--db"), url(user),
                       QStringLiteral("--json")});
    const QJsonArray proposals =
        QJsonDocument::fromJson(r.out).object().value(QStringLiteral("proposals")).toArray();
    for (const QJsonValue &p : proposals) {
        if (p.toObject().value(QStringLiteral("id")).toString() == id)
            return p.toObject().value(QStringLiteral("status")).toString();
    }
    return {};
}

void TeamServerTest::initTestCase()
{
    const QString why = PgTestServer::unavailableReason();
    if (!why.isEmpty())
        QSKIP(qPrintable(why));
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY2(m_server.createTeamRoles(), qPrintable(m_server.errorString()));
    QVERIFY(m_server.createDatabase(m_db));
    // The owner creates the schema; a reviewer imports the samples and decides one.
    QCOMPARE(cli({QStringLiteral("queue"), QStringLiteral("--db"), url(QStringLiteral("postgres"))})
                 .exit,
             0);
    const Run imported = cli({QStringLiteral("import"), QStringLiteral("--db"),
                              url(QStringLiteral("alice")), QStringLiteral(VERDICT_SAMPLES)});
    QVERIFY2(imported.exit == 0, imported.err.constData());
    const Run decided = cli({QStringLiteral("decide"), QStringLiteral("--db"),
                             url(QStringLiteral("alice")), QStringLiteral("--reviewer"),
                             QStringLiteral("alice"), kSample000, QStringLiteral("approve")});
    QVERIFY2(decided.exit == 0, decided.err.constData());
}

void TeamServerTest::cleanupTestCase()
{
    m_server.stop();
}

void TeamServerTest::reviewerCannotForge_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("refusal");
    const QString denied = QStringLiteral("permission denied");
    const QString values =
        QStringLiteral("'%1', 1, 'approve', 'bob', '2026-01-01T00:00:00.000Z'").arg(kSample000);
    QTest::newRow("approve without an audit event")
        << QStringLiteral("INSERT INTO decisions (uuid, proposal_id, revision, verdict, reviewer, "
                          "decided_at) VALUES ('00000000-0000-0000-0000-000000000001', %1)")
               .arg(values)
        << denied;
    QTest::newRow("event with a wrong hash")
        << QStringLiteral("INSERT INTO audit_events (seq, at, actor, action, subject, outcome, "
                          "previous, detail, prev_hash, hash) SELECT seq + 1, "
                          "'2026-01-01T00:00:00.000Z', 'bob', 'decision', 'x@1', 'approve', '', "
                          "'', hash, repeat('a', 64) FROM audit_head")
        << denied;
    QTest::newRow("event with a correct hash and another name")
        << QStringLiteral("INSERT INTO audit_events (seq, at, actor, action, subject, outcome, "
                          "previous, detail, prev_hash, hash) SELECT seq + 1, "
                          "'2026-01-01T00:00:00.000Z', 'bob', 'decision', 'x@1', 'approve', '', "
                          "'', hash, verdict_event_hash(hash, seq + 1, "
                          "'2026-01-01T00:00:00.000Z', 'bob', 'decision', 'x@1', 'approve', '', "
                          "'') FROM audit_head")
        << denied;
    QTest::newRow("revision without an import event")
        << QStringLiteral("INSERT INTO proposal_revisions (proposal_id, revision, sha256, "
                          "imported_at, source_file, source_line, targets, languages, "
                          "problem_count, document) VALUES ('fsar_x', 1, 'x', 'x', 'x', 1, '[]', "
                          "'[]', 0, '{}')")
        << denied;
    QTest::newRow("move the chain head")
        << QStringLiteral("UPDATE audit_head SET seq = 0") << denied;
    QTest::newRow("append events directly")
        << QStringLiteral("SELECT verdict_append_events(ARRAY['bob'], ARRAY['decision'], "
                          "ARRAY['x@1'], ARRAY['approve'], ARRAY[''], ARRAY[''])")
        << denied;
    QTest::newRow("record an event as a reviewer")
        << QStringLiteral("SELECT verdict_record_event('bob', 'export', 'x', 'x', '', '')")
        << denied;
    QTest::newRow("lower the quorum")
        << QStringLiteral("UPDATE verdict_settings SET value = '1' WHERE key = 'quorum'")
        << denied;
    QTest::newRow("replace the chain trigger")
        << QStringLiteral("CREATE OR REPLACE FUNCTION verdict_audit_extend() RETURNS trigger "
                          "LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$")
        << denied;
    QTest::newRow("shadow a table in another schema")
        << QStringLiteral("CREATE SCHEMA evil") << denied;
    QTest::newRow("read the audit log")
        << QStringLiteral("SELECT count(*) FROM audit_events") << denied;
}

// Every way a reviewer's login could write around the server's functions is refused, and
// the chain a lead exports afterwards is the same chain.
void TeamServerTest::reviewerCannotForge()
{
    QFETCH(QString, statement);
    QFETCH(QString, refusal);
    const QString before = sql(QStringLiteral("SELECT seq || ' ' || hash FROM audit_head"));
    const QString result = sql(statement, QStringLiteral("alice"));
    QVERIFY2(result.startsWith(QStringLiteral("ERROR")) && result.contains(refusal),
             qPrintable(result));
    QCOMPARE(sql(QStringLiteral("SELECT seq || ' ' || hash FROM audit_head")), before);
    const auto [file, head] = exportLog(QStringLiteral("after-forgery.jsonl"));
    const Run verified = cli({QStringLiteral("verify"), file, QStringLiteral("--head"), head});
    QVERIFY2(verified.exit == 0, QByteArray(verified.out + verified.err).constData());
}

// A reviewer may call the decision function with any reviewer name: the server records
// who really called it, in the row and in the exported audit line, and the chain holds.
void TeamServerTest::serverStampsTheLogin()
{
    const QString pushed = sql(
        QStringLiteral("SELECT pushed_by FROM verdict_push_decisions("
                       "ARRAY['00000000-0000-0000-0000-0000000000aa'], ARRAY['%1'], ARRAY[1], "
                       "ARRAY['reject'], ARRAY['bob'], ARRAY['claimed to be bob'], "
                       "ARRAY['2026-01-01T00:00:00.000Z'], ARRAY[''], ARRAY[false])")
            .arg(kSample000),
        QStringLiteral("alice"));
    QCOMPARE(pushed, QStringLiteral("alice"));
    const auto [file, head] = exportLog(QStringLiteral("stamped.jsonl"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray log = f.readAll();
    const int at = log.indexOf("decision 00000000-0000-0000-0000-0000000000aa");
    QVERIFY2(at >= 0, log.constData());
    const QByteArray line = log.mid(log.lastIndexOf('\n', at) + 1,
                                    log.indexOf('\n', at) - log.lastIndexOf('\n', at) - 1);
    QVERIFY2(line.contains("pushed by alice"), line.constData());
    const Run verified = cli({QStringLiteral("verify"), file, QStringLiteral("--head"), head});
    QVERIFY2(verified.exit == 0, QByteArray(verified.out + verified.err).constData());
    // A lead's resolution is refused to a reviewer even through the function.
    const QString resolution = sql(
        QStringLiteral("SELECT pushed_by FROM verdict_push_decisions("
                       "ARRAY['00000000-0000-0000-0000-0000000000ab'], ARRAY['%1'], ARRAY[1], "
                       "ARRAY['approve'], ARRAY['lena'], ARRAY[''], "
                       "ARRAY['2026-01-01T00:00:00.000Z'], ARRAY[''], ARRAY[true])")
            .arg(kSample000),
        QStringLiteral("alice"));
    QVERIFY2(resolution.contains(QStringLiteral("only members of verdict_lead")),
             qPrintable(resolution));
}

// Quorum 2: one login deciding under two reviewer names is one approval; a second login
// makes two.
void TeamServerTest::quorumCountsLogins()
{
    const QString id = QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130");
    QCOMPARE(sql(QStringLiteral("UPDATE verdict_settings SET value = '2' WHERE key = 'quorum'"),
                 QStringLiteral("lena")),
             QString());
    for (const QString &name : {QStringLiteral("r1"), QStringLiteral("r2")}) {
        const Run r = cli({QStringLiteral("decide"), QStringLiteral("--db"),
                           url(QStringLiteral("alice")), QStringLiteral("--reviewer"), name, id,
                           QStringLiteral("approve")});
        QVERIFY2(r.exit == 0, r.err.constData());
    }
    QCOMPARE(proposalStatus(id, QStringLiteral("alice")), QStringLiteral("pending"));
    const Run bob = cli({QStringLiteral("decide"), QStringLiteral("--db"),
                         url(QStringLiteral("bob")), QStringLiteral("--reviewer"),
                         QStringLiteral("bob"), id, QStringLiteral("approve")});
    QVERIFY2(bob.exit == 0, bob.err.constData());
    QCOMPARE(proposalStatus(id, QStringLiteral("alice")), QStringLiteral("approved"));
    QCOMPARE(sql(QStringLiteral("UPDATE verdict_settings SET value = '1' WHERE key = 'quorum'"),
                 QStringLiteral("lena")),
             QString());
}

void TeamServerTest::ownerCannotMoveTheHead_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("refusal");
    QTest::newRow("move the head")
        << QStringLiteral("UPDATE audit_head SET seq = seq - 1")
        << QStringLiteral("moves only with the audit chain");
    QTest::newRow("delete the head")
        << QStringLiteral("DELETE FROM audit_head") << QStringLiteral("moves only with");
    QTest::newRow("event with a made-up hash")
        << QStringLiteral("INSERT INTO audit_events (seq, at, actor, action, subject, outcome, "
                          "previous, detail, prev_hash, hash) SELECT seq + 1, "
                          "'2026-01-01T00:00:00.000Z', 'bob', 'decision', 'x@1', 'approve', '', "
                          "'', hash, repeat('a', 64) FROM audit_head")
        << QStringLiteral("does not extend the chain");
    QTest::newRow("event out of order")
        << QStringLiteral("INSERT INTO audit_events (seq, at, actor, action, subject, outcome, "
                          "previous, detail, prev_hash, hash) SELECT seq + 2, "
                          "'2026-01-01T00:00:00.000Z', 'bob', 'decision', 'x@1', 'approve', '', "
                          "'', hash, verdict_event_hash(hash, seq + 2, "
                          "'2026-01-01T00:00:00.000Z', 'bob', 'decision', 'x@1', 'approve', '', "
                          "'') FROM audit_head")
        << QStringLiteral("does not extend the chain");
}

// The schema owner (here the superuser) is refused what triggers can refuse.
void TeamServerTest::ownerCannotMoveTheHead()
{
    QFETCH(QString, statement);
    QFETCH(QString, refusal);
    const QString before = sql(QStringLiteral("SELECT seq || ' ' || hash FROM audit_head"));
    const QString result = sql(statement);
    QVERIFY2(result.startsWith(QStringLiteral("ERROR")) && result.contains(refusal),
             qPrintable(result));
    QCOMPARE(sql(QStringLiteral("SELECT seq || ' ' || hash FROM audit_head")), before);
}

// What triggers cannot stop: an owner who disables them and recomputes the whole chain.
// The new export verifies on its own, but no longer holds the head a lead kept from an
// earlier export: that is how docs/TEAM-SERVER.md tells an auditor to catch it.
void TeamServerTest::rewrittenHistoryIsDetected()
{
    const auto [before, keptHead] = exportLog(QStringLiteral("before-rewrite.jsonl"));
    QCOMPARE(keptHead.size(), 64);
    const QString rewrite = sql(QStringLiteral(
        "ALTER TABLE audit_events DISABLE TRIGGER USER; "
        "ALTER TABLE audit_head DISABLE TRIGGER USER; "
        "UPDATE audit_events SET detail = detail || ' (rewritten)' WHERE seq = 2; "
        "DO $$ DECLARE r record; h text := repeat('0', 64); BEGIN "
        "FOR r IN SELECT * FROM audit_events ORDER BY seq LOOP "
        "UPDATE audit_events SET prev_hash = h, hash = verdict_event_hash(h, r.seq, r.at, "
        "r.actor, r.action, r.subject, r.outcome, r.previous, r.detail) WHERE seq = r.seq "
        "RETURNING hash INTO h; END LOOP; UPDATE audit_head SET hash = h; END $$; "
        "ALTER TABLE audit_events ENABLE TRIGGER USER; "
        "ALTER TABLE audit_head ENABLE TRIGGER USER"));
    QVERIFY2(!rewrite.startsWith(QStringLiteral("ERROR")), qPrintable(rewrite));
    const auto [after, newHead] = exportLog(QStringLiteral("after-rewrite.jsonl"));
    const Run alone = cli({QStringLiteral("verify"), after, QStringLiteral("--head"), newHead});
    QVERIFY2(alone.exit == 0, "a consistent rewrite verifies on its own");
    QFile f(after);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray log = f.readAll();
    // An export's head is the hash of its last event, which the next export still holds.
    const QByteArray kept = "\"hash\":\"" + keptHead.toLatin1() + '"';
    QFile b(before);
    QVERIFY(b.open(QIODevice::ReadOnly));
    QVERIFY(b.readAll().contains(kept));
    QVERIFY2(!log.contains(kept),
             "the head kept off the server is no longer in the log: the rewrite shows");
}

QTEST_GUILESS_MAIN(TeamServerTest)
#include "teamserver_test.moc"
