// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/importer.h"

#include "report/reportparser.h"

#include <QFuture>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>

namespace verdict {

Result<ImportSummary> Importer::run(Store &store, const QStringList &files,
                                    const QString &actor, const Options &options)
{
    const int total = int(files.size());
    const int fullChunk = std::max(1, options.chunkFiles);
    int nextChunk = std::min(16, fullChunk);
    int started = 0;              // files handed to the parser so far
    std::vector<ParsedFile> parsing; // the chunk on the thread pool
    QFuture<void> future;

    const auto startChunk = [&] {
        const int n = std::min(nextChunk, total - started);
        nextChunk = std::min(nextChunk * 2, fullChunk);
        parsing.resize(size_t(n));
        for (int i = 0; i < n; ++i)
            parsing[size_t(i)].path = files.at(started + i);
        started += n;
        future = QtConcurrent::map(parsing, [](ParsedFile &file) {
            file = ReportParser::parseFile(file.path);
        });
    };

    if (total > 0)
        startChunk();
    auto summary = store.importStream(
        [&](std::vector<ParsedFile> &chunk) -> Result<bool> {
            if (parsing.empty())
                return false;
            future.waitForFinished();
            chunk.swap(parsing); // `chunk` came empty: `parsing` is free for the next one
            if (options.fileError) {
                for (const ParsedFile &file : chunk) {
                    if (!file.error.isEmpty())
                        options.fileError(file);
                }
            }
            if (options.progress && !options.progress(started, total))
                return makeError(QStringLiteral("import cancelled"),
                                 QStringLiteral("cancelled"));
            // The next chunk parses while the store writes this one.
            if (started < total)
                startChunk();
            return true;
        },
        actor);
    // On an error the store stopped asking: the chunk in flight must not outlive `parsing`.
    future.waitForFinished();
    return summary;
}

} // namespace verdict
