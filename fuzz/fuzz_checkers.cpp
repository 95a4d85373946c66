// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the in-process checkers (SQL through libpg_query with the destructive
// and lint walks, JSON, secrets, language detection, proposal rules) on arbitrary bytes,
// as artifacts of every declared language and as whole reports. The process-based checkers
// (python3, node, bash) are left out: their parsers are not ours to fuzz. Every diagnostic
// must point inside its artifact.
#include "diagnostics/dangeroustargetchecker.h"
#include "diagnostics/destructivesqlchecker.h"
#include "diagnostics/jsonsyntaxchecker.h"
#include "diagnostics/languagemismatchchecker.h"
#include "diagnostics/missingfieldchecker.h"
#include "diagnostics/secretchecker.h"
#include "diagnostics/sqllintchecker.h"
#include "diagnostics/sqlsyntaxchecker.h"
#include "diagnostics/targetconflictchecker.h"
#include "report/languagedetector.h"
#include "report/reportparser.h"

#include <QByteArray>

#include <cstdint>
#include <cstdlib>

using namespace verdict;

namespace {

void checkArtifact(const Artifact &a, const Proposal &p)
{
    LanguageMismatchChecker mismatch;
    SqlSyntaxChecker sql;
    DestructiveSqlChecker destructive;
    SqlLintChecker lint;
    JsonSyntaxChecker json;
    SecretChecker secret;
    Checker *checkers[] = {&mismatch, &sql, &destructive, &lint, &json, &secret};
    const int lines = int(a.content.count(QLatin1Char('\n'))) + 1;
    for (Checker *c : checkers) {
        if (!c->appliesTo(a))
            continue;
        for (const Diagnostic &d : c->check(a, p)) {
            if (d.line < a.firstLine || d.line >= a.firstLine + lines || d.column < 1)
                std::abort();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), int(size));
    // The first byte picks the declared language, the rest is the content.
    static const char *const kPaths[] = {"a.sql", "a.json", "a.py", "a.sh", "a.js", "a.txt"};
    if (size > 0) {
        Artifact a;
        a.path = QString::fromLatin1(kPaths[data[0] % 6]);
        a.declaredLanguage = LanguageDetector::fromPath(a.path);
        a.content = QString::fromUtf8(bytes.mid(1));
        a.language = LanguageDetector::fromContent(a.content);
        a.firstLine = 7;
        a.lastLine = a.firstLine + int(a.content.count(QLatin1Char('\n')));
        Proposal p;
        p.id = QStringLiteral("fsar_fuzz");
        p.artifacts.push_back(a);
        checkArtifact(a, p);
    }
    // And as a report: the artifacts the parser finds, plus the proposal-level rules.
    const ParsedFile parsed = ReportParser::parse(bytes, QStringLiteral("fuzz.txt"));
    for (const Proposal &p : parsed.proposals) {
        (void)MissingFieldChecker::check(p);
        (void)DangerousTargetChecker::check(p);
        for (const Artifact &a : p.artifacts)
            checkArtifact(a, p);
    }
    (void)TargetConflictChecker::checkAll(parsed.proposals);
    return 0;
}
