// SPDX-License-Identifier: GPL-3.0-or-later
// Diagnostics throughput: every report of a folder (tests/bench/gen_corpus.py writes 10,000
// mixed SQL / Python / shell / JSON / JavaScript reports) diagnosed cold with the checkers
// Verdict had before the linters (pyflakes and ShellCheck turned off as families, so not
// run), cold with them, cold with the cache being filled, then again from the cache, through
// the same DiagnosticsEngine the GUI uses. Targets on a 2-core machine (docs/PERFORMANCE.md):
// cold without the linters < 2 s, with them at most twice that, cached within 1 s.
// Usage: bench_diagnostics [--checkers | --quick] DIR [STORE_PATH]   (parsing is timed apart)
//   --quick: only the cold run without the linters, three times (a loop for one's own work).
//   --checkers: instead, where the time goes: each checker's share, per declared language,
//   on one thread, one artifact at a time (no batching), without the linters.
#include "diagnostics/checkerset.h"
#include "diagnostics/diagnosticsengine.h"
#include "report/reportparser.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <sys/resource.h>

using namespace verdict;

namespace {

// CPU seconds of this process and its reaped children (the python3 / node / bash parsers):
// the cost independent of whatever else the machine is doing.
double cpuSeconds()
{
    double total = 0;
    for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
        rusage u{};
        getrusage(who, &u);
        total += double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
                 + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
    }
    return total;
}

struct RunResult
{
    qint64 ms = 0;
    double cpu = 0;
    QHash<QString, int> byRule;
    int total = 0;
};

RunResult run(const std::vector<Proposal> &proposals, const QString &storeUrl,
              const QString &disabled = {})
{
    QElapsedTimer timer;
    timer.start();
    const double cpu = cpuSeconds();
    const auto diagnostics = DiagnosticsEngine::diagnoseAll(proposals, storeUrl, {}, disabled);
    RunResult r;
    r.ms = timer.elapsed();
    r.cpu = cpuSeconds() - cpu;
    r.total = int(diagnostics.size());
    for (const Diagnostic &d : diagnostics)
        ++r.byRule[d.rule];
    return r;
}

void print(const char *label, const RunResult &r)
{
    std::printf("%-24s %7lld ms wall %7.1f s CPU  %6d diagnostics (", label,
                static_cast<long long>(r.ms), r.cpu, r.total);
    QStringList rules = r.byRule.keys();
    rules.sort();
    for (const QString &rule : rules)
        std::printf(" %s=%d", qPrintable(rule), r.byRule.value(rule));
    std::printf(" )\n");
}

// Each checker's thread time over every artifact, by the artifact's declared language, in
// the order CheckerSet runs them (language detection is paid by the first one asking:
// language-mismatch).
void profileCheckers(const std::vector<Proposal> &proposals)
{
    CheckerSet checkers;
    checkers.setDisabledRules(DisabledRules(QStringLiteral("pyflakes,shellcheck")));
    QHash<QString, QHash<QString, qint64>> ns; // language -> checker -> ns
    QHash<QString, qint64> total;
    QStringList order;
    const LanguageMismatchChecker::OracleScope oracle(&checkers);
    for (const Proposal &p : proposals) {
        for (const Artifact &a : p.artifacts) {
            for (const auto &c : checkers.checkers()) {
                if (c->id() == QLatin1String("pyflakes") || c->id() == QLatin1String("shellcheck"))
                    continue;
                if (!order.contains(c->id()))
                    order << c->id();
                QElapsedTimer t;
                t.start();
                if (c->appliesTo(a))
                    (void)c->check(a, p);
                const qint64 spent = t.nsecsElapsed();
                ns[a.declaredLanguage][c->id()] += spent;
                total[c->id()] += spent;
            }
        }
    }
    QStringList languages = ns.keys();
    languages.sort();
    std::printf("%-22s", "checker \\ language");
    for (const QString &l : languages)
        std::printf(" %10s", qPrintable(l));
    std::printf(" %10s\n", "all (ms)");
    for (const QString &c : order) {
        std::printf("%-22s", qPrintable(c));
        for (const QString &l : languages)
            std::printf(" %10.0f", double(ns[l][c]) / 1e6);
        std::printf(" %10.0f\n", double(total[c]) / 1e6);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bool perChecker = argc > 1 && qstrcmp(argv[1], "--checkers") == 0;
    const bool quick = argc > 1 && qstrcmp(argv[1], "--quick") == 0;
    if (perChecker || quick) {
        --argc;
        ++argv;
    }
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_diagnostics [--checkers | --quick] DIR [STORE_PATH]\n");
        return 2;
    }
    QTemporaryDir tmp;
    const QString storeUrl = argc > 2 ? QString::fromLocal8Bit(argv[2])
                                      : tmp.filePath(QStringLiteral("bench.sqlite"));

    QElapsedTimer timer;
    timer.start();
    std::vector<Proposal> proposals;
    const QStringList files = ReportParser::collectFiles({QString::fromLocal8Bit(argv[1])});
    QHash<QString, int> languages;
    int artifacts = 0;
    for (const QString &f : files) {
        ParsedFile parsed = ReportParser::parseFile(f);
        for (Proposal &p : parsed.proposals) {
            for (const Artifact &a : p.artifacts) {
                ++languages[a.declaredLanguage];
                ++artifacts;
            }
            proposals.push_back(std::move(p));
        }
    }
    std::printf("parsed %lld files, %zu proposals, %d artifacts in %lld ms (threads: %d)\n",
                static_cast<long long>(files.size()), proposals.size(), artifacts,
                static_cast<long long>(timer.elapsed()), QThread::idealThreadCount());
    for (auto it = languages.cbegin(); it != languages.cend(); ++it)
        std::printf("  %-12s %d\n", qPrintable(it.key()), it.value());

    if (perChecker) {
        profileCheckers(proposals);
        return 0;
    }
    print("cold, without linters", run(proposals, {}, QStringLiteral("pyflakes,shellcheck")));
    if (quick) {
        for (int i = 0; i < 2; ++i)
            print("cold, without linters", run(proposals, {}, QStringLiteral("pyflakes,shellcheck")));
        return 0;
    }
    print("cold, no store", run(proposals, {}));
    print("cold, filling the cache", run(proposals, storeUrl));
    print("cached", run(proposals, storeUrl));
    return 0;
}
