// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/parallelreports.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>

namespace verdict {

std::vector<Proposal> readReportsInParallel(qsizetype fileBytes, size_t count,
                                            const ReadRange &readRange)
{
    std::vector<std::vector<Proposal>> chunks;
    const size_t perChunk = 256;
    if (fileBytes >= 4 * 1024 * 1024 && count >= 2 * perChunk) {
        chunks.resize((count + perChunk - 1) / perChunk);
        std::vector<size_t> indexes(chunks.size());
        for (size_t i = 0; i < indexes.size(); ++i)
            indexes[i] = i;
        QtConcurrent::blockingMap(indexes, [&](size_t i) {
            readRange(i * perChunk, std::min(count, (i + 1) * perChunk), &chunks[i]);
        });
    } else {
        chunks.resize(1);
        readRange(0, count, &chunks[0]);
    }
    std::vector<Proposal> out;
    if (chunks.size() == 1)
        return std::move(chunks[0]);
    out.reserve(count);
    for (std::vector<Proposal> &chunk : chunks) {
        for (Proposal &p : chunk)
            out.push_back(std::move(p));
    }
    return out;
}

} // namespace verdict
