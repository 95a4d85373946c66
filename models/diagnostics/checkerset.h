// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"
#include "diagnostics/languagemismatchchecker.h"
#include "diagnostics/rules.h"

#include <memory>
#include <vector>

namespace verdict {

// Paths of the external parsers and linters; empty = found on PATH (pyflakes: Debian's
// /usr/bin/python3 first, see ToolProbe). Tests point them elsewhere.
struct CheckerTools
{
    QString python;
    QString node;
    QString bash;
    QString pyflakesPython; // a python3 that can import pyflakes
    QString shellcheck;
};

// At most this many diagnostics per checker and artifact.
constexpr size_t kMaxDiagnosticsPerChecker = 100;

// Every artifact-level checker, in reporting order. Owns worker processes: used by one
// thread at a time.
class PythonSyntaxChecker;
class JavaScriptSyntaxChecker;
class ShellSyntaxChecker;
class PyflakesChecker;

class CheckerSet final : public ParseOracle
{
public:
    explicit CheckerSet(const CheckerTools &tools = {});
    ~CheckerSet() override;

    // All diagnostics of one artifact, lines of the report file, sorted by line and column.
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal);
    // check() for many artifacts: the external parsers (Python, node, bash workers) are
    // asked about a window of artifacts at once, one worker after the other, then each
    // artifact's checkers run one after the other (its language detection and parse are
    // shared while they are fresh), except the checkers that batch (ShellCheck), which then
    // run their tool once over all the artifacts they apply to. The same diagnostics as
    // check() on each, in the same order of lines.
    using Item = std::pair<const Artifact *, const Proposal *>;
    std::vector<std::vector<Diagnostic>> checkAll(const std::vector<Item> &items);

    // Rule families turned off as a whole ("pyflakes", "shellcheck") are not run at all:
    // no findings and no "not installed" either. Other disabled rules are filtered out of
    // what is shown (DisabledRules::filter), not here: the cache keeps every finding.
    void setDisabledRules(const DisabledRules &rules);

    // The cache key's version part for this artifact: every checker's version, the
    // declared language (the content hash does not cover it) and which tools exist.
    QString versionKey(const Artifact &artifact) const;

    const std::vector<std::unique_ptr<Checker>> &checkers() const { return m_checkers; }

    // ParseOracle: language detection asks the syntax checkers' parsers (while check() or
    // checkAll() runs) whether a text it cannot place parses as its declared language.
    std::optional<bool> parses(const QString &content, const QString &language) override;

private:
    bool skipped(const Checker &checker) const;
    // Asks the external parsers about items [from, to) at once (LineWorker::exchange).
    void askParsers(const std::vector<Item> &items, size_t from, size_t to);

    PythonSyntaxChecker *m_python = nullptr;
    JavaScriptSyntaxChecker *m_javascript = nullptr;
    ShellSyntaxChecker *m_bash = nullptr;
    PyflakesChecker *m_pyflakes = nullptr;

    std::vector<std::unique_ptr<Checker>> m_checkers;
    QString m_versions;
    QStringList m_skipped; // checker ids of whole families turned off
};

// Sorts by file, line, column, then rule.
void sortDiagnostics(std::vector<Diagnostic> *diagnostics);

} // namespace verdict
