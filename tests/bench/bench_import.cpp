// SPDX-License-Identifier: GPL-3.0-or-later
// Import and queue speed on SQLite.
//  1. 10,000 report files (~40 MB) written to a temporary folder, then parsed (in parallel,
//     as `verdict-cli import` does) and stored in one importFiles() call; then the same
//     files again (all unchanged). Target: parse + store < 0.3 s.
//  2. queue() over 100,000 proposals with decisions on some. Target: a few hundred ms.
// Usage: bench_import [REPORTS [QUEUE_PROPOSALS]] | bench_import store
#include "report/reportparser.h"
#include "store/sqlitestore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtConcurrent>

#include <cstdio>

using namespace verdict;

namespace {

QByteArray report(int i)
{
    QByteArray text = "# FSAR Proposal Report\n- id: fsar_bench-" + QByteArray::number(i)
                      + "\n- timestamp: 2026-01-02T19:12:25.611Z\n- severity: "
                      + QByteArray::number(i % 10) + "\n- block_execution: false\n"
                      + "- proposal:\n\nidea_implementation: Create or update the file "
                      + "generated_" + QByteArray::number(i) + ".sql with this complete "
                      + "content:\n\n";
    while (text.size() < 3800) {
        text += "CREATE TABLE IF NOT EXISTS t" + QByteArray::number(text.size())
                + " (id SERIAL PRIMARY KEY, name VARCHAR(255), email VARCHAR(255));\n";
    }
    text += "\nThis is for opportunity: Bench\n## Risks\n- Data loss\n## Mitigations\n"
            "- Back up first\n";
    return text;
}

double importRound(SqliteStore &store, const QStringList &files, const char *label)
{
    QElapsedTimer timer;
    timer.start();
    const QList<ParsedFile> parsedList =
        QtConcurrent::blockingMapped<QList<ParsedFile>>(files, &ReportParser::parseFile);
    std::vector<ParsedFile> parsed(parsedList.cbegin(), parsedList.cend());
    const double parseMs = timer.nsecsElapsed() / 1.0e6;
    timer.start();
    const auto summary = store.importFiles(parsed, QStringLiteral("bench"));
    const double storeMs = timer.nsecsElapsed() / 1.0e6;
    if (!summary) {
        std::fprintf(stderr, "%s\n", qPrintable(summary.errorMessage()));
        return -1;
    }
    std::printf("%s: %d files: %d new, %d revised, %d unchanged; parse %.1f ms + store %.1f ms"
                " = %.1f ms\n",
                label, summary->files, summary->added, summary->revised, summary->unchanged,
                parseMs, storeMs, parseMs + storeMs);
    return parseMs + storeMs;
}

// Store only, no files nor parser: 10,000 proposals of ~4 KB body + ~4 KB artifact.
int storeOnly()
{
    QTemporaryDir dir;
    ParsedFile file;
    file.path = QStringLiteral("mem.txt");
    for (int i = 0; i < 10000; ++i) {
        Proposal p;
        p.id = QStringLiteral("fsar_mem%1").arg(i);
        p.severity = i % 10;
        p.kind = QStringLiteral("idea_implementation");
        p.body = QString::fromUtf8(report(i));
        p.sha256 = QString::fromLatin1(
            QCryptographicHash::hash(p.body.toUtf8(), QCryptographicHash::Sha256).toHex());
        Artifact a;
        a.path = QStringLiteral("generated_%1.sql").arg(i);
        a.language = a.declaredLanguage = QStringLiteral("sql");
        a.content = p.body.mid(200);
        a.sha256 = QString::fromLatin1(
            QCryptographicHash::hash(a.content.toUtf8(), QCryptographicHash::Sha256).toHex());
        p.artifacts.push_back(a);
        file.proposals.push_back(p);
    }
    auto store = SqliteStore::open(dir.filePath(QStringLiteral("mem.sqlite")));
    if (!store)
        return 2;
    QElapsedTimer timer;
    timer.start();
    const auto summary = (*store)->importFiles({file}, QStringLiteral("bench"));
    std::printf("store only: %d proposals in %.1f ms\n", summary ? summary->added : -1,
                timer.nsecsElapsed() / 1.0e6);
    return summary ? 0 : 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc > 1 && qstrcmp(argv[1], "store") == 0)
        return storeOnly();
    const int reports = argc > 1 ? QByteArray(argv[1]).toInt() : 10000;
    const int queueSize = argc > 2 ? QByteArray(argv[2]).toInt() : 100000;
    QTemporaryDir dir;

    QStringList files;
    qint64 bytes = 0;
    QDir().mkpath(dir.filePath(QStringLiteral("reports")));
    for (int i = 0; i < reports; ++i) {
        const QString path = dir.filePath(QStringLiteral("reports/%1.txt").arg(i, 5, 10,
                                                                               QLatin1Char('0')));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return 2;
        const QByteArray text = report(i);
        f.write(text);
        bytes += text.size();
        files << path;
    }
    std::printf("%d reports, %.1f MB\n", reports, bytes / 1.0e6);

    auto store = SqliteStore::open(dir.filePath(QStringLiteral("import.sqlite")));
    if (!store)
        return 2;
    const double first = importRound(**store, files, "first import");
    importRound(**store, files, "second import");

    // Queue: many small proposals built directly, decisions on every 10th.
    auto big = SqliteStore::open(dir.filePath(QStringLiteral("queue.sqlite")));
    if (!big)
        return 2;
    ParsedFile file;
    file.path = QStringLiteral("queue.txt");
    for (int i = 0; i < queueSize; ++i) {
        Proposal p;
        p.id = QStringLiteral("fsar_q%1").arg(i);
        p.severity = i % 10;
        p.kind = QStringLiteral("idea_implementation");
        p.body = QStringLiteral("body %1").arg(i);
        p.sha256 = QString::fromLatin1(
            QCryptographicHash::hash(p.body.toUtf8(), QCryptographicHash::Sha256).toHex());
        Artifact a;
        a.path = QStringLiteral("generated_%1.sql").arg(i);
        a.language = a.declaredLanguage = QStringLiteral("sql");
        a.content = p.body;
        a.sha256 = p.sha256;
        p.artifacts.push_back(a);
        file.proposals.push_back(p);
    }
    if (!(*big)->importFiles({file}, QStringLiteral("bench")).ok())
        return 2;
    std::vector<Decision> remote;
    for (int i = 0; i < queueSize; i += 10) {
        Decision d;
        d.uuid = QStringLiteral("00000000-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0'));
        d.proposalId = QStringLiteral("fsar_q%1").arg(i);
        d.verdict = Verdict::Approve;
        d.reviewer = QStringLiteral("alice");
        d.decidedAt = QDateTime::currentDateTimeUtc();
        remote.push_back(d);
    }
    if (!(*big)->applyRemoteDecisions(remote).ok())
        return 2;
    QElapsedTimer timer;
    timer.start();
    const auto queue = (*big)->queue();
    const double queueMs = timer.nsecsElapsed() / 1.0e6;
    if (!queue)
        return 2;
    std::printf("queue() over %zu proposals (%zu decisions): %.1f ms\n", queue->size(),
                remote.size(), queueMs);
    return first >= 0 ? 0 : 2;
}
