// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/importer.h"

#include "store/storerules.h"

#include "report/reportparser.h"

#include <QSemaphore>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <deque>
#include <memory>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace verdict {

namespace {

// The writer (the calling thread) is the pipeline's one serial stage, and the parse threads
// are one per core: left equal, the writer gets two thirds of a core while parsing runs. On
// Linux the parse threads, private to one import, lower their own priority (per-thread nice)
// so the writer keeps its core and parsing takes the rest. Done once per thread; the
// threads end with the import, so nothing needs restoring (which would need privileges).
void lowerParseThreadPriority()
{
#ifdef Q_OS_LINUX
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
    const auto tid = id_t(syscall(SYS_gettid));
    setpriority(PRIO_PROCESS, tid, getpriority(PRIO_PROCESS, tid) + 5);
#endif
}

} // namespace

Result<ImportSummary> Importer::run(Store &store, const QStringList &files,
                                    const QString &actor, const Options &options)
{
    const int total = int(files.size());
    const int fullChunk = std::max(1, options.chunkFiles);
    int nextChunk = std::min(16, fullChunk);
    int started = 0;   // files handed to the parser so far
    int delivered = 0; // files parsed and handed to the store so far
    // Chunks being parsed, oldest first. options.aheadChunks (2) of them parse ahead of the
    // one being stored, so when the store finishes a chunk the next one is (nearly always)
    // parsed already: the single writer never waits for parsing. Memory: three chunks.
    struct Slot
    {
        std::vector<ParsedFile> files;
        std::atomic<int> next{0}; // next file to parse: workers pull files, so none idles
        QSemaphore done;          // one release per worker that ran out of files
        int workers = 0;
    };
    const size_t ahead = size_t(std::max(1, options.aheadChunks));
    std::deque<std::unique_ptr<Slot>> inFlight; // unique_ptr: the workers write into `files`
    // The import's own threads (see lowerParseThreadPriority), one per core. Declared after
    // inFlight: destroyed first, it waits for every worker before the slots go.
    QThreadPool pool;
    pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));

    const auto startChunk = [&] {
        // Chunks grow (16, 32, ... files) so the writer starts early, and shrink again
        // towards the end (a quarter of what is left): the last chunk is stored while the
        // other cores have nothing left to parse, so it should be a small one.
        const int left = total - started;
        const int n = std::min({nextChunk, left, std::max(16, left / 4)});
        nextChunk = std::min(nextChunk * 2, fullChunk);
        auto slot = std::make_unique<Slot>();
        slot->files.resize(size_t(n));
        for (int i = 0; i < n; ++i)
            slot->files[size_t(i)].path = files.at(started + i);
        started += n;
        slot->workers = std::min(n, pool.maxThreadCount());
        Slot *s = slot.get();
        for (int w = 0; w < slot->workers; ++w) {
            pool.start([s] {
                lowerParseThreadPriority();
                const int count = int(s->files.size());
                for (int i; (i = s->next.fetch_add(1)) < count;) {
                    ParsedFile &file = s->files[size_t(i)];
                    file = ReportParser::parseFile(file.path);
                }
                s->done.release();
            });
        }
        inFlight.push_back(std::move(slot));
    };
    const auto fill = [&] {
        while (started < total && inFlight.size() < ahead)
            startChunk();
    };

    QStringList reportErrors;
    fill();
    auto summary = store.importStream(
        [&](std::vector<ParsedFile> &chunk) -> Result<bool> {
            if (inFlight.empty())
                return false;
            std::unique_ptr<Slot> slot = std::move(inFlight.front());
            inFlight.pop_front();
            slot->done.acquire(slot->workers);
            chunk.swap(slot->files); // `chunk` came empty
            for (const ParsedFile &file : chunk) {
                if (!file.error.isEmpty() && options.fileError)
                    options.fileError(file);
                for (const Proposal &p : file.proposals) {
                    // The store refuses it (StoreRules::refuseProposal): say where it is.
                    if (p.id.isEmpty() && options.reportError)
                        options.reportError(p, Problem{p.sourceLine, StoreRules::noIdMessage()});
                    for (const Problem &problem : p.problems) {
                        if (!ReportParser::isDuplicateId(problem))
                            continue;
                        reportErrors << file.path + QLatin1Char(':')
                                            + QString::number(problem.line)
                                            + QStringLiteral(": ") + problem.message;
                        if (options.reportError)
                            options.reportError(p, problem);
                    }
                }
            }
            delivered += int(chunk.size());
            if (options.progress && !options.progress(delivered, total)) {
                return makeError(QStringLiteral("import cancelled"),
                                 QStringLiteral("cancelled"));
            }
            // The next chunks parse while the store writes this one.
            fill();
            return true;
        },
        actor);
    // On an error the store stopped asking: no worker may outlive its slot.
    pool.waitForDone();
    if (summary)
        summary->reportErrors = reportErrors;
    return summary;
}

} // namespace verdict
