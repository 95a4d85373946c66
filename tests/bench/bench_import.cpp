// SPDX-License-Identifier: GPL-3.0-or-later
// Import speed on SQLite, in process (tests/bench/run-import-bench.sh also times
// `verdict-cli import` end to end and a Python importer; see docs/PERFORMANCE.md).
//
//  bench_import stream DIR [CHUNK_FILES]  what `verdict-cli import` does: Importer::run,
//      chunks parsed on the thread pool while the previous chunk is stored, one transaction;
//      then queue(). Then the same folder again (all unchanged).
//  bench_import whole DIR                 parse everything first (all in memory), then one
//      importFiles(), then queue(): the phases apart, for profiling.
//  bench_import store                     store only: 10,000 built proposals, no files.
//  bench_import queue [N=100000]          queue() over N proposals, decisions on every 10th.
//  BENCH_THREADS=N limits the thread pool (parse threads), to see how it scales.
//  BENCH_REIMPORT=0 skips the second import (all unchanged), to profile the first alone.
//
// Import modes print one line of key=value pairs (times in ms, peak RSS = VmHWM in kB) for
// the script; a fresh process per mode, since VmHWM never goes down.
// Targets (2 cores): 10,000 reports (~40 MB) to "queue ready" < 300 ms; 100,000 < 3 s with
// memory bounded by the chunk size, not the folder's size.
#include "report/reportparser.h"
#include "store/importer.h"
#include "store/sqlitestore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtConcurrent>

#include <cstdio>

#include <sys/resource.h>

using namespace verdict;

namespace {

double msSince(const QElapsedTimer &t)
{
    return t.nsecsElapsed() / 1.0e6;
}

// CPU time (user + system) of this process so far, ms: comparable under load, wall is not.
double cpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1.0e3
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1.0e3;
}

// Peak resident set size of this process, kB.
qint64 vmHwmKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

qint64 totalBytes(const QStringList &files)
{
    qint64 bytes = 0;
    for (const QString &f : files)
        bytes += QFileInfo(f).size();
    return bytes;
}

int importMode(bool stream, const QString &dir, int chunkFiles)
{
    QTemporaryDir tmp;
    const QStringList probe = ReportParser::collectFiles({dir});
    const qint64 bytes = totalBytes(probe);

    auto store = SqliteStore::open(tmp.filePath(QStringLiteral("import.sqlite")));
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.errorMessage()));
        return 2;
    }
    const double cpuBefore = cpuMs();
    QElapsedTimer all;
    all.start();
    QElapsedTimer phase;
    phase.start();
    const QStringList files = ReportParser::collectFiles({dir});
    const double collectMs = msSince(phase);
    double parseMs = -1;
    double storeMs = -1;
    double parseCpuMs = -1; // all threads
    double storeCpuMs = -1;
    Result<ImportSummary> summary = makeError(QStringLiteral("not run"));
    if (stream) {
        Importer::Options options;
        options.chunkFiles = chunkFiles;
        if (qEnvironmentVariableIsSet("BENCH_AHEAD"))
            options.aheadChunks = qEnvironmentVariableIntValue("BENCH_AHEAD");
        phase.start();
        summary = Importer::run(**store, files, QStringLiteral("bench"), options);
        storeMs = msSince(phase); // parse and store overlap
    } else {
        phase.start();
        const double cpuStart = cpuMs();
        std::vector<ParsedFile> parsed(size_t(files.size()));
        for (int i = 0; i < files.size(); ++i)
            parsed[size_t(i)].path = files.at(i);
        QtConcurrent::blockingMap(parsed, [](ParsedFile &file) {
            file = ReportParser::parseFile(file.path);
        });
        parseMs = msSince(phase);
        parseCpuMs = cpuMs() - cpuStart;
        phase.start();
        summary = (*store)->importFiles(parsed, QStringLiteral("bench"));
        storeMs = msSince(phase);
        storeCpuMs = cpuMs() - cpuStart - parseCpuMs;
    }
    if (!summary) {
        std::fprintf(stderr, "%s\n", qPrintable(summary.errorMessage()));
        return 2;
    }
    phase.start();
    const auto queue = (*store)->queue();
    const double queueMs = msSince(phase);
    const double totalMs = msSince(all);
    const double totalCpuMs = cpuMs() - cpuBefore;
    if (!queue || int(queue->size()) != summary->added) {
        std::fprintf(stderr, "queue: %s\n",
                     queue ? "wrong size" : qPrintable(queue.errorMessage()));
        return 2;
    }
    const qint64 hwm = vmHwmKb();

    // Same files again: every proposal unchanged, nothing written (BENCH_REIMPORT=0 skips
    // it, to profile the first import alone).
    phase.start();
    const bool reimport = qEnvironmentVariableIntValue("BENCH_REIMPORT") != 0
        || !qEnvironmentVariableIsSet("BENCH_REIMPORT");
    const auto again = reimport ? Importer::run(**store, ReportParser::collectFiles({dir}),
                                                QStringLiteral("bench"))
                                : summary;
    const double againMs = reimport ? msSince(phase) : -1;
    if (!again || again->unchanged != (reimport ? summary->proposals : summary->unchanged)) {
        std::fprintf(stderr, "second import: %s\n",
                     again ? "not all unchanged" : qPrintable(again.errorMessage()));
        return 2;
    }
    std::printf("mode=%s files=%d reports=%d bytes=%lld collect_ms=%.1f parse_ms=%.1f "
                "store_ms=%.1f parse_cpu_ms=%.1f store_cpu_ms=%.1f queue_ms=%.1f total_ms=%.1f "
                "cpu_ms=%.1f reimport_ms=%.1f "
                "vmhwm_kb=%lld db_kb=%lld wal_kb=%lld\n",
                stream ? "stream" : "whole", summary->files, summary->proposals,
                static_cast<long long>(bytes), collectMs, parseMs, storeMs, parseCpuMs, storeCpuMs,
                queueMs, totalMs,
                totalCpuMs, againMs, static_cast<long long>(hwm),
                static_cast<long long>(QFileInfo(tmp.filePath(QStringLiteral("import.sqlite")))
                                           .size() / 1024),
                static_cast<long long>(
                    QFileInfo(tmp.filePath(QStringLiteral("import.sqlite-wal"))).size() / 1024));
    return 0;
}

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
                msSince(timer));
    return summary ? 0 : 2;
}

// queue() over many small proposals built directly, decisions on every 10th.
int queueMode(int queueSize)
{
    QTemporaryDir dir;
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
    const double queueMs = msSince(timer);
    if (!queue)
        return 2;
    std::printf("queue() over %zu proposals (%zu decisions): %.1f ms\n", queue->size(),
                remote.size(), queueMs);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("BENCH_THREADS"))
        QThreadPool::globalInstance()->setMaxThreadCount(
            qEnvironmentVariableIntValue("BENCH_THREADS"));
    const QStringList args = app.arguments().mid(1);
    const QString mode = args.value(0);
    if (mode == QLatin1String("store"))
        return storeOnly();
    if (mode == QLatin1String("queue"))
        return queueMode(args.size() > 1 ? args.at(1).toInt() : 100000);
    if ((mode == QLatin1String("stream") || mode == QLatin1String("whole")) && args.size() > 1)
        return importMode(mode == QLatin1String("stream"), args.at(1),
                          args.size() > 2 ? args.at(2).toInt() : Importer::Options().chunkFiles);
    std::fprintf(stderr, "usage: bench_import stream DIR [CHUNK_FILES] | whole DIR | store | "
                         "queue [N]\n");
    return 2;
}
