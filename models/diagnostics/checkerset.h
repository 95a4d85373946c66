// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"

#include <memory>
#include <vector>

namespace verdict {

// Paths of the external parsers; empty = found on PATH. Tests point them elsewhere.
struct CheckerTools
{
    QString python;
    QString node;
    QString bash;
};

// At most this many diagnostics per checker and artifact.
constexpr size_t kMaxDiagnosticsPerChecker = 100;

// Every artifact-level checker, in reporting order. Owns worker processes: used by one
// thread at a time.
class CheckerSet final
{
public:
    explicit CheckerSet(const CheckerTools &tools = {});
    ~CheckerSet();

    // All diagnostics of one artifact, lines of the report file, sorted by line and column.
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal);

    // The cache key's version part for this artifact: every checker's version, the
    // declared language (the content hash does not cover it) and which tools exist.
    QString versionKey(const Artifact &artifact) const;

    const std::vector<std::unique_ptr<Checker>> &checkers() const { return m_checkers; }

private:
    std::vector<std::unique_ptr<Checker>> m_checkers;
    QString m_versions;
};

// Sorts by file, line, column, then rule.
void sortDiagnostics(std::vector<Diagnostic> *diagnostics);

} // namespace verdict
