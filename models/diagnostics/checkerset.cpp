// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/checkerset.h"

#include "diagnostics/destructivesqlchecker.h"
#include "diagnostics/javascriptsyntaxchecker.h"
#include "diagnostics/jsonsyntaxchecker.h"
#include "diagnostics/languagemismatchchecker.h"
#include "diagnostics/pyflakeschecker.h"
#include "diagnostics/pythonsyntaxchecker.h"
#include "diagnostics/secretchecker.h"
#include "diagnostics/shellcheckchecker.h"
#include "diagnostics/shellsyntaxchecker.h"
#include "diagnostics/sqllintchecker.h"
#include "diagnostics/sqlsyntaxchecker.h"
#include "report/languages.h"

#include <algorithm>

namespace verdict {

CheckerSet::CheckerSet(const CheckerTools &tools)
{
    auto python = std::make_unique<PythonSyntaxChecker>(tools.python);
    auto node = std::make_unique<JavaScriptSyntaxChecker>(tools.node);
    auto bash = std::make_unique<ShellSyntaxChecker>(tools.bash);
    auto pyflakes = std::make_unique<PyflakesChecker>(tools.pyflakesPython);
    auto shellcheck = std::make_unique<ShellCheckChecker>(tools.shellcheck);
    m_python = python.get();
    m_javascript = node.get();
    m_bash = bash.get();
    m_pyflakes = pyflakes.get();
    // Which tools exist is part of the key: installing one must not leave its "not
    // installed" cached. The linters' versions are in their checkers' version().
    m_versions = QStringLiteral("tools=%1%2%3%4%5")
                     .arg(python->available() ? QStringLiteral("p") : QString(),
                          node->available() ? QStringLiteral("n") : QString(),
                          bash->available() ? QStringLiteral("b") : QString(),
                          pyflakes->available() ? QStringLiteral("f") : QString(),
                          shellcheck->available() ? QStringLiteral("s") : QString());
    m_checkers.push_back(std::make_unique<LanguageMismatchChecker>());
    m_checkers.push_back(std::make_unique<SqlSyntaxChecker>());
    m_checkers.push_back(std::move(python));
    m_checkers.push_back(std::move(pyflakes));
    m_checkers.push_back(std::move(node));
    m_checkers.push_back(std::move(bash));
    m_checkers.push_back(std::move(shellcheck));
    m_checkers.push_back(std::make_unique<JsonSyntaxChecker>());
    m_checkers.push_back(std::make_unique<DestructiveSqlChecker>());
    m_checkers.push_back(std::make_unique<SqlLintChecker>());
    m_checkers.push_back(std::make_unique<SecretChecker>());
    for (const auto &c : m_checkers)
        m_versions += QLatin1Char(';') + c->id() + QLatin1Char('=') + c->version();
}

CheckerSet::~CheckerSet() = default;

QString CheckerSet::versionKey(const Artifact &artifact) const
{
    QString key = QStringLiteral("diag1;decl=")
                  + LanguageMismatchChecker::declaredLanguage(artifact) + QLatin1Char(';')
                  + m_versions;
    if (!m_skipped.isEmpty())
        key += QStringLiteral(";off=") + m_skipped.join(QLatin1Char(','));
    return key;
}

void CheckerSet::setDisabledRules(const DisabledRules &rules)
{
    m_skipped.clear();
    for (const auto &c : m_checkers) {
        // Only the linters' ids are rule families; Verdict's own checkers are filtered.
        if ((c->id() == QLatin1String("pyflakes") || c->id() == QLatin1String("shellcheck"))
            && rules.disablesFamily(c->id()))
            m_skipped << c->id();
    }
}

bool CheckerSet::skipped(const Checker &checker) const
{
    return !m_skipped.isEmpty() && m_skipped.contains(checker.id());
}

std::optional<bool> CheckerSet::parses(const QString &content, const QString &language)
{
    switch (Languages::parserOf(language)) {
    case LanguageParser::Python:
        return m_python->parses(content);
    case LanguageParser::JavaScript:
        return m_javascript->parses(content);
    case LanguageParser::Shell:
        return m_bash->parses(content);
    case LanguageParser::Sql:
    case LanguageParser::Json:
    case LanguageParser::None:
        break;
    }
    return std::nullopt;
}

namespace {

void append(std::vector<Diagnostic> *out, std::vector<Diagnostic> found)
{
    // A reviewer needs the first findings, not 30,000 of them (bounded output and cache).
    if (found.size() > kMaxDiagnosticsPerChecker)
        found.resize(kMaxDiagnosticsPerChecker);
    out->insert(out->end(), std::make_move_iterator(found.begin()),
                std::make_move_iterator(found.end()));
}

// One mistake, one finding: Python's symbol table (syntax-error) and pyflakes both refuse a
// duplicate argument. pyflakes' copy goes where the syntax error names it on the same line;
// another one further on, which the symbol table never reached, stays.
void dropRepeats(std::vector<Diagnostic> *out)
{
    std::vector<int> lines;
    for (const Diagnostic &d : *out) {
        if (d.rule == QLatin1String("syntax-error")
            && d.message.contains(QLatin1String("duplicate argument")))
            lines.push_back(d.line);
    }
    if (lines.empty())
        return;
    out->erase(std::remove_if(out->begin(), out->end(),
                              [&](const Diagnostic &d) {
                                  return d.rule == QLatin1String("pyflakes/duplicate-argument")
                                         && std::find(lines.begin(), lines.end(), d.line)
                                                != lines.end();
                              }),
               out->end());
}

void sortByPosition(std::vector<Diagnostic> *out)
{
    std::stable_sort(out->begin(), out->end(), [](const Diagnostic &a, const Diagnostic &b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
}

} // namespace

void CheckerSet::askParsers(const std::vector<Item> &items, size_t from, size_t to)
{
    std::vector<QString> python, javascript, shell;
    for (size_t i = from; i < to; ++i) {
        const Artifact &a = *items[i].first;
        switch (LanguageMismatchChecker::parserAskedFirst(a)) {
        case LanguageParser::Python:
            python.push_back(a.content);
            break;
        case LanguageParser::JavaScript:
            javascript.push_back(a.content);
            break;
        case LanguageParser::Shell:
            shell.push_back(a.content);
            break;
        case LanguageParser::Sql:
        case LanguageParser::Json:
        case LanguageParser::None:
            break;
        }
    }
    // One worker at a time: this thread waits while it parses the window's texts, so there
    // are as many busy processes as threads (as cores). Asked side by side, the three
    // workers and the other threads outnumbered the cores, and the time slicing between them
    // cost 10% more CPU (cold caches) for the whole check.
    for (LineWorker::Batch *b : {m_python->batchFor(python), m_javascript->batchFor(javascript),
                                 m_bash->batchFor(shell)}) {
        if (b)
            LineWorker::exchange({b});
    }
    m_python->batchAnswered();
    m_javascript->batchAnswered();
    m_bash->batchAnswered();
    // pyflakes after the syntax answers: which artifacts are Python may take them.
    if (skipped(*m_pyflakes))
        return;
    std::vector<const Artifact *> lint;
    for (size_t i = from; i < to; ++i) {
        if (m_pyflakes->appliesTo(*items[i].first))
            lint.push_back(items[i].first);
    }
    if (LineWorker::Batch *b = m_pyflakes->batchFor(lint)) {
        LineWorker::exchange({b});
        m_pyflakes->batchAnswered();
    }
}

std::vector<std::vector<Diagnostic>> CheckerSet::checkAll(const std::vector<Item> &items)
{
    const LanguageMismatchChecker::OracleScope oracle(this);
    std::vector<std::vector<Diagnostic>> out(items.size());
    std::vector<Checker *> batching;
    for (const auto &c : m_checkers) {
        if (c->batches() && !skipped(*c))
            batching.push_back(c.get());
    }
    std::vector<std::vector<size_t>> later(batching.size());
    // The parsers are asked about as many artifacts at once as memory allows: each worker
    // then parses a long run while its caches are warm, and wakes once per window.
    constexpr size_t kWindowItems = 256;
    constexpr qsizetype kWindowChars = 8 << 20;
    size_t windowEnd = 0;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i == windowEnd) {
            qsizetype chars = 0;
            while (windowEnd < items.size() && windowEnd - i < kWindowItems
                   && (windowEnd == i || chars + items[windowEnd].first->content.size()
                                             <= kWindowChars)) {
                chars += items[windowEnd].first->content.size();
                ++windowEnd;
            }
            askParsers(items, i, windowEnd);
        }
        const Artifact &a = *items[i].first;
        for (const auto &c : m_checkers) {
            if (skipped(*c) || !c->appliesTo(a))
                continue;
            const auto b = std::find(batching.begin(), batching.end(), c.get());
            if (b != batching.end())
                later[size_t(b - batching.begin())].push_back(i);
            else
                append(&out[i], c->check(a, *items[i].second));
        }
    }
    for (size_t b = 0; b < batching.size(); ++b) {
        if (later[b].empty())
            continue;
        std::vector<const Artifact *> artifacts;
        for (size_t i : later[b])
            artifacts.push_back(items[i].first);
        batching[b]->prepare(artifacts);
        for (size_t i : later[b])
            append(&out[i], batching[b]->check(*items[i].first, *items[i].second));
    }
    for (auto &found : out) {
        dropRepeats(&found);
        sortByPosition(&found);
    }
    return out;
}

std::vector<Diagnostic> CheckerSet::check(const Artifact &artifact, const Proposal &proposal)
{
    const LanguageMismatchChecker::OracleScope oracle(this);
    std::vector<Diagnostic> out;
    for (const auto &c : m_checkers) {
        if (skipped(*c) || !c->appliesTo(artifact))
            continue;
        append(&out, c->check(artifact, proposal));
    }
    dropRepeats(&out);
    sortByPosition(&out);
    return out;
}

void sortDiagnostics(std::vector<Diagnostic> *diagnostics)
{
    std::stable_sort(diagnostics->begin(), diagnostics->end(),
                     [](const Diagnostic &a, const Diagnostic &b) {
                         if (a.file != b.file)
                             return a.file < b.file;
                         if (a.line != b.line)
                             return a.line < b.line;
                         if (a.column != b.column)
                             return a.column < b.column;
                         return a.rule < b.rule;
                     });
}

} // namespace verdict
