// SPDX-License-Identifier: GPL-3.0-or-later
// Team server speed, on a throwaway local PostgreSQL (tests/pgtest.*). Run on demand:
//   build/tests/bench/bench_sync [DECISIONS [EVENTS]]     (defaults 10000 and 1000000)
// 1. Sync DECISIONS outbox decisions (over 100 proposals) from a laptop to the server:
//    target >= 5,000 decisions/s.
// 2. Export EVENTS audit events to CSV (PostgresStore::exportAuditCsv): target >= 300,000
//    events/s and within 2x of `psql \copy` of the same rows.
#include "../pgtest.h"

#include "report/reportparser.h"
#include "store/postgresstore.h"
#include "store/sqlitestore.h"
#include "store/sync.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

using namespace verdict;

namespace {

void say(const QString &line)
{
    std::printf("%s\n", line.toUtf8().constData());
    std::fflush(stdout);
}

int fail(const QString &why)
{
    std::fprintf(stderr, "bench_sync: %s\n", why.toUtf8().constData());
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int decisions = args.size() > 1 ? args.at(1).toInt() : 10000;
    const qint64 events = args.size() > 2 ? args.at(2).toLongLong() : 1000000;
    const QString why = test::PgTestServer::unavailableReason();
    if (!why.isEmpty())
        return fail(why);
    test::PgTestServer server;
    if (!server.start() || !server.createDatabase(QStringLiteral("bench")))
        return fail(server.errorString());
    const QString url = server.connectionString(QStringLiteral("bench"));

    // --- 1. sync ---
    QTemporaryDir dir;
    auto local = SqliteStore::open(dir.filePath(QStringLiteral("laptop.sqlite")));
    if (!local)
        return fail(local.errorMessage());
    ParsedFile sample = ReportParser::parseFile(QStringLiteral(VERDICT_SAMPLES)
                                                + QStringLiteral("/000_471f460746578cde.txt"));
    if (sample.proposals.empty())
        return fail(QStringLiteral("sample report not found"));
    ParsedFile many;
    many.path = sample.path;
    constexpr int kProposals = 100;
    for (int i = 0; i < kProposals; ++i) {
        Proposal p = sample.proposals.front();
        p.id = QStringLiteral("fsar_bench_%1").arg(i);
        p.sha256 = QStringLiteral("%1").arg(i, 64, 10, QLatin1Char('0'));
        many.proposals.push_back(p);
    }
    if (auto r = local.value()->importFiles({many}, QStringLiteral("bench")); !r)
        return fail(r.errorMessage());
    QElapsedTimer setup;
    setup.start();
    for (int i = 0; i < decisions; ++i) {
        DecisionRequest r;
        r.proposalId = QStringLiteral("fsar_bench_%1").arg(i % kProposals);
        r.reviewer = QStringLiteral("reviewer%1").arg(i / kProposals);
        r.verdict = i % 3 ? Verdict::Approve : Verdict::Reject;
        r.reason = QStringLiteral("reason %1").arg(i);
        if (auto d = local.value()->decide(r); !d)
            return fail(d.errorMessage());
    }
    say(QStringLiteral("setup: %1 local decisions in %2 ms").arg(decisions).arg(setup.elapsed()));

    auto remote = PostgresStore::open(url);
    if (!remote)
        return fail(remote.errorMessage());
    SyncEngine engine(local.value().get(), remote.value().get());
    QElapsedTimer timer;
    QStringList phases;
    engine.setFaultHook([&](SyncEngine::Stage stage) {
        phases << QStringLiteral("%1@%2ms").arg(int(stage)).arg(timer.elapsed());
        return true;
    });
    timer.start();
    auto report = engine.sync();
    const qint64 syncMs = timer.elapsed();
    if (!report)
        return fail(report.errorMessage());
    say(QStringLiteral("sync stages (0 before push, 1 after push, 2 marked, 3 pulled "
                       "proposals): ") + phases.join(QLatin1Char(' ')));
    if (report->decisionsPushed != decisions)
        return fail(QStringLiteral("pushed %1 of %2").arg(report->decisionsPushed).arg(decisions));
    say(QStringLiteral("sync: %1 decisions (+%2 proposals) pushed and pulled back in %3 ms: "
                       "%4 decisions/s (target >= 5000)")
            .arg(decisions)
            .arg(report->proposalsPushed)
            .arg(syncMs)
            .arg(qint64(decisions * 1000.0 / qMax<qint64>(syncMs, 1))));

    // --- 2. export ---
    // Bulk rows straight in (triggers off for the load only); hashes need not chain here.
    const QString load = QStringLiteral(
        "ALTER TABLE audit_events DISABLE TRIGGER USER; "
        "INSERT INTO audit_events (seq, at, actor, action, subject, outcome, previous, "
        "detail, prev_hash, hash) SELECT s + 1000000000, '2026-01-02T19:12:25.611Z', "
        "'reviewer' || (s % 17), 'decision', 'fsar_' || md5(s::text) || '@1', 'approve', "
        "'', 'decision ' || md5((s + 1)::text) || '; reason: looks \"fine\", ship it', "
        "md5(s::text) || md5((s + 2)::text), md5((s + 3)::text) || md5((s + 4)::text) "
        "FROM generate_series(1, %1) s; "
        "ALTER TABLE audit_events ENABLE TRIGGER USER;")
                             .arg(events);
    if (!server.psql(load, QStringLiteral("bench"))
        || !server.psql(QStringLiteral("VACUUM ANALYZE audit_events"), QStringLiteral("bench")))
        return fail(server.errorString());
    const qint64 total = events + decisions + report->proposalsPushed;

    QFile out(dir.filePath(QStringLiteral("audit.csv")));
    if (!out.open(QIODevice::WriteOnly))
        return fail(out.errorString());
    timer.restart();
    auto head = remote.value()->exportAuditCsv(out);
    out.close();
    const qint64 exportMs = timer.elapsed();
    if (!head)
        return fail(head.errorMessage());

    const QString copyFile = dir.filePath(QStringLiteral("psql.csv"));
    timer.restart();
    if (!server.psql(QStringLiteral("\\copy (SELECT seq, at, actor, action, subject, outcome, "
                                    "previous, detail, prev_hash, hash FROM audit_events "
                                    "ORDER BY seq) TO '%1' WITH (FORMAT csv)")
                         .arg(copyFile),
                     QStringLiteral("bench")))
        return fail(server.errorString());
    const qint64 psqlMs = timer.elapsed();
    say(QStringLiteral("export: %1 events, %2 MB CSV in %3 ms: %4 events/s (target >= 300000); "
                       "psql \\copy of the same rows: %5 ms; ratio %6 (target <= 2)")
            .arg(total)
            .arg(QFile(out.fileName()).size() / 1e6, 0, 'f', 1)
            .arg(exportMs)
            .arg(qint64(total * 1000.0 / qMax<qint64>(exportMs, 1)))
            .arg(psqlMs)
            .arg(double(exportMs) / qMax<qint64>(psqlMs, 1), 0, 'f', 2));
    server.stop();
    return 0;
}
