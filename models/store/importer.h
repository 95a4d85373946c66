// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/store.h"

#include <QStringList>

#include <functional>

namespace verdict {

// Reads, parses and stores report files as one streamed import: files are parsed in chunks
// on the import's own threads (one per core, at a lower priority than the calling thread on
// Linux) while the previous chunk is being stored on the calling thread, so a folder of any
// size needs the memory of a few chunks, and parsing overlaps the writes.
// What `verdict-cli import` runs; usable from any worker thread that owns its Store.
class Importer final
{
public:
    struct Options
    {
        // Files per chunk once the pipeline runs; the first chunks are smaller so the store
        // starts early. Memory is about three chunks of parsed files. 128 files (~1.3 MB of
        // reports) keeps what the writer reads still in the CPU's caches: 10% less CPU than
        // 256 on 10,000 reports, the same on 100,000 (docs/PERFORMANCE.md).
        int chunkFiles = 128;
        // Chunks parsed ahead of the one being stored.
        int aheadChunks = 2;
        // Called on the calling thread, in file order, for each file that is not a report.
        std::function<void(const ParsedFile &file)> fileError;
        // Likewise for each report stored despite an error (ImportSummary::reportErrors)
        // and each report the store refuses (no id; ImportSummary::fileErrors).
        std::function<void(const Proposal &report, const Problem &problem)> reportError;
        // Called on the calling thread as chunks are handed to the store; returning false
        // cancels: the import is rolled back (SQLite) and run() returns an error with
        // code "cancelled".
        std::function<bool(int filesParsed, int filesTotal)> progress;
    };

    static Result<ImportSummary> run(Store &store, const QStringList &files,
                                     const QString &actor, const Options &options);
    static Result<ImportSummary> run(Store &store, const QStringList &files,
                                     const QString &actor)
    {
        return run(store, files, actor, Options());
    }
};

} // namespace verdict
