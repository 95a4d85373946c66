// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/proposal.h"

#include <QtGlobal>

#include <cstddef>
#include <functional>
#include <vector>

namespace verdict {

// Reads a file's reports [0, count) with `readRange(from, to, out)`, which appends the
// proposals of reports [from, to) to `out`. Reports are independent: a big file (a whole
// export in one: at least 4 MB and 512 reports) is read in chunks of 256 on the thread pool;
// small files, the usual case, stay on the calling thread. The order is kept.
using ReadRange = std::function<void(size_t from, size_t to, std::vector<Proposal> *out)>;
std::vector<Proposal> readReportsInParallel(qsizetype fileBytes, size_t count,
                                            const ReadRange &readRange);

} // namespace verdict
