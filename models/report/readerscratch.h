// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>

#include <vector>

namespace verdict {

// A reader's per-report tables, kept per thread so their memory is reused from report to
// report and file to file instead of allocated for each (allocations were a tenth of the
// parse). One reader at a time per thread: a reader never starts another.
struct ReaderScratch
{
    std::vector<QStringView> lines;
    std::vector<char> create;
    std::vector<qsizetype> nextCreate;
    std::vector<qsizetype> nextStop;
    std::vector<qsizetype> nextFence;
    std::vector<char> isCreate;

    // A huge report's tables are not kept for the thread's lifetime.
    void trim()
    {
        constexpr size_t kKeep = 1 << 16; // lines
        if (lines.capacity() > kKeep || nextCreate.capacity() > kKeep)
            *this = ReaderScratch();
    }
};

inline ReaderScratch &readerScratch()
{
    thread_local ReaderScratch scratch;
    return scratch;
}

} // namespace verdict
