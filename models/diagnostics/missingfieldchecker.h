// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/diagnostic.h"
#include "domain/proposal.h"

#include <vector>

namespace verdict {

// `missing-field` (proposal level): id, timestamp, severity or block_execution missing or
// malformed, at the line the parser recorded the problem on (else the report's first line).
// `duplicate-id`: the report's id is also an earlier report's in the same file, at its header.
class MissingFieldChecker final
{
public:
    static QString version() { return QStringLiteral("2"); }
    static std::vector<Diagnostic> check(const Proposal &proposal);
};

} // namespace verdict
