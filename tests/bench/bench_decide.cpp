// SPDX-License-Identifier: GPL-3.0-or-later
// decide() latency on SQLite: each call commits with synchronous=FULL (fsync), so this
// measures what a reviewer waits for per keystroke. Target: median < 10 ms.
// Usage: bench_decide [DB_PATH]  (default: a temporary folder)
#include "store/sqlitestore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace verdict;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString path = argc > 1 ? QString::fromLocal8Bit(argv[1])
                                  : dir.filePath(QStringLiteral("bench.sqlite"));
    auto store = SqliteStore::open(path);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.errorMessage()));
        return 2;
    }
    constexpr int kProposals = 1000;
    ParsedFile file;
    file.path = QStringLiteral("bench.txt");
    for (int i = 0; i < kProposals; ++i) {
        Proposal p;
        p.id = QStringLiteral("fsar_bench_%1").arg(i);
        p.body = QStringLiteral("idea_implementation: proposal %1").arg(i);
        p.sha256 = QString::fromLatin1(
            QCryptographicHash::hash(p.body.toUtf8(), QCryptographicHash::Sha256).toHex());
        file.proposals.push_back(p);
    }
    if (!(*store)->importFiles({file}, QStringLiteral("bench")).ok())
        return 2;

    std::vector<double> ms;
    QElapsedTimer timer;
    for (int i = 0; i < 1000; ++i) {
        DecisionRequest r;
        r.proposalId = QStringLiteral("fsar_bench_%1").arg(i % kProposals);
        r.verdict = i % 3 == 0 ? Verdict::Reject : Verdict::Approve;
        r.reviewer = QStringLiteral("reviewer%1").arg(i % 4);
        r.reason = QStringLiteral("bench");
        timer.start();
        const auto d = (*store)->decide(r);
        ms.push_back(timer.nsecsElapsed() / 1.0e6);
        if (!d) {
            std::fprintf(stderr, "%s\n", qPrintable(d.errorMessage()));
            return 2;
        }
    }
    std::sort(ms.begin(), ms.end());
    std::printf("decide() x%zu on %s: median %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n",
                ms.size(), qPrintable(path), ms[ms.size() / 2], ms[ms.size() * 9 / 10],
                ms[ms.size() * 99 / 100], ms.back());
    return ms[ms.size() / 2] < 10.0 ? 0 : 1;
}
