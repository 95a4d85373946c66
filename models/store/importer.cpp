// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/importer.h"

#include "report/reportparser.h"

#include <QFuture>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <deque>
#include <memory>

namespace verdict {

Result<ImportSummary> Importer::run(Store &store, const QStringList &files,
                                    const QString &actor, const Options &options)
{
    const int total = int(files.size());
    const int fullChunk = std::max(1, options.chunkFiles);
    int nextChunk = std::min(16, fullChunk);
    int started = 0;   // files handed to the parser so far
    int delivered = 0; // files parsed and handed to the store so far
    // Chunks on the thread pool, oldest first. Two of them parse ahead of the one being
    // stored, so when the store finishes a chunk the next one is (nearly always) parsed
    // already: the single writer never waits for parsing. Memory: three chunks.
    struct Slot
    {
        std::vector<ParsedFile> files;
        QFuture<void> future;
    };
    constexpr size_t kAhead = 2;
    std::deque<std::unique_ptr<Slot>> inFlight; // unique_ptr: the pool writes into `files`

    const auto startChunk = [&] {
        const int n = std::min(nextChunk, total - started);
        nextChunk = std::min(nextChunk * 2, fullChunk);
        auto slot = std::make_unique<Slot>();
        slot->files.resize(size_t(n));
        for (int i = 0; i < n; ++i)
            slot->files[size_t(i)].path = files.at(started + i);
        started += n;
        slot->future = QtConcurrent::map(slot->files, [](ParsedFile &file) {
            file = ReportParser::parseFile(file.path);
        });
        inFlight.push_back(std::move(slot));
    };
    const auto fill = [&] {
        while (started < total && inFlight.size() < kAhead)
            startChunk();
    };

    fill();
    auto summary = store.importStream(
        [&](std::vector<ParsedFile> &chunk) -> Result<bool> {
            if (inFlight.empty())
                return false;
            std::unique_ptr<Slot> slot = std::move(inFlight.front());
            inFlight.pop_front();
            slot->future.waitForFinished();
            chunk.swap(slot->files); // `chunk` came empty
            if (options.fileError) {
                for (const ParsedFile &file : chunk) {
                    if (!file.error.isEmpty())
                        options.fileError(file);
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
    // On an error the store stopped asking: no chunk in flight may outlive its slot.
    for (const auto &slot : inFlight)
        slot->future.waitForFinished();
    return summary;
}

} // namespace verdict
