// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/languagemismatchchecker.h"

#include "diagnostics/jsonsyntaxchecker.h"
#include "diagnostics/sqlanalysis.h"
#include "report/languagedetector.h"
#include "report/languages.h"

#include <algorithm>
#include <vector>

namespace verdict {

namespace {

struct Detection
{
    QString mismatch; // LanguageDetector::mismatch for the declared language
    QString guess;    // fromContent, for content declared as plain text
    int confidence = 0;
};

// The languages whose parser runs in this process: for them parsesAs() says whether the
// content is what it is named.
bool hasParser(const QString &declared)
{
    const LanguageParser parser = Languages::parserOf(declared);
    return parser == LanguageParser::Sql || parser == LanguageParser::Json;
}

thread_local ParseOracle *t_oracle = nullptr;

// Content the declared language's own parser accepts is that language, whatever it looks
// like; checking that first is also cheaper than detection for SQL and JSON.
bool parsesAs(const QString &content, const QString &declared)
{
    const LanguageParser parser = Languages::parserOf(declared);
    if (parser == LanguageParser::Sql) {
        const auto sql = SqlAnalysis::analyze(content);
        return sql->errors().empty() && !sql->statements().empty();
    }
    if (parser == LanguageParser::Json)
        return JsonSyntaxChecker::parse(content).error == QJsonParseError::NoError;
    return false;
}

// LanguageDetector::mismatch() (the sampled guess) of the latest texts on this thread:
// parserAskedFirst() asks it for a whole window of artifacts, then compute() for each.
QString sampledMismatch(const QString &content, const QString &declared)
{
    struct Sampled
    {
        QString declared;
        QString mismatch;
    };
    // A window of CheckerSet::checkAll at most. (A text named two ways is sampled each time.)
    thread_local RecentAnswers<Sampled, 256> recent;
    if (const Sampled *known = recent.find(content); known && known->declared == declared)
        return known->mismatch;
    Sampled s{declared, LanguageDetector::mismatch(content, declared)};
    recent.insert(content, s);
    return s.mismatch;
}

Detection compute(const QString &content, const QString &declared)
{
    Detection d;
    if (content.size() <= kMaxCheckedArtifactChars) {
        if (declared == Languages::plainTextId()) {
            d.guess = LanguageDetector::fromContent(content);
            d.confidence = d.guess == Languages::plainTextId()
                               ? 0
                               : LanguageDetector::confidence(content, d.guess);
        } else if (!parsesAs(content, declared)) {
            d.mismatch = sampledMismatch(content, declared);
            // The sample (the first lines) may be a licence or a docstring that says
            // nothing: a file its own parser rejected gets the whole text read before it
            // is called what it is named (argparse.py as .sql was three SQL errors). SQL and
            // JSON were parsed just above. The others' parsers are asked through the oracle
            // (their syntax checkers, which keep the answer, so nothing parses twice); a
            // text one accepts keeps its name, whatever it holds (a Python file with a
            // long SQL string is Python), as does one no parser can be asked about.
            if (d.mismatch.isEmpty()) {
                bool failed = hasParser(declared);
                if (!failed && t_oracle)
                    failed = t_oracle->parses(content, declared) == std::optional<bool>(false);
                if (failed)
                    d.mismatch = LanguageDetector::mismatchInWholeText(content, declared);
            }
        }
    }
    return d;
}

// Detection is asked for by several checkers per artifact, and for a batch of artifacts
// before they are checked one by one (CheckerSet::prepare): remember the latest answers per
// thread. The texts are kept (shared, not copied), so a hit is usually the same string.
Detection detect(const QString &content, const QString &declared)
{
    struct Entry
    {
        QString content;
        QString declared;
        bool oracle = false; // answered with a parser to ask: may differ from without
        Detection detection;
    };
    // More than a batch's artifacts (CheckerSet::prepare asks about all of them first).
    constexpr size_t kEntries = 256;
    thread_local std::vector<Entry> recent;
    thread_local size_t next = 0;
    for (const Entry &e : recent) {
        if (e.content.size() == content.size() && e.declared == declared
            && e.oracle == (t_oracle != nullptr)
            && (e.content.constData() == content.constData() || e.content == content))
            return e.detection;
    }
    Detection d = compute(content, declared);
    if (recent.size() < kEntries) {
        recent.push_back({content, declared, t_oracle != nullptr, d});
    } else {
        recent[next] = {content, declared, t_oracle != nullptr, d};
        next = (next + 1) % kEntries;
    }
    return d;
}

} // namespace

LanguageMismatchChecker::OracleScope::OracleScope(ParseOracle *oracle) : m_previous(t_oracle)
{
    t_oracle = oracle;
}

LanguageMismatchChecker::OracleScope::~OracleScope()
{
    t_oracle = m_previous;
}

QString LanguageMismatchChecker::declaredLanguage(const Artifact &artifact)
{
    if (!artifact.declaredLanguage.isEmpty())
        return artifact.declaredLanguage;
    return LanguageDetector::fromPath(artifact.path);
}

QString LanguageMismatchChecker::mismatch(const Artifact &artifact)
{
    const QString declared = declaredLanguage(artifact);
    if (declared == Languages::plainTextId() || artifact.content.trimmed().isEmpty())
        return {};
    return detect(artifact.content, declared).mismatch;
}

QString LanguageMismatchChecker::checkedLanguage(const Artifact &artifact)
{
    const QString declared = declaredLanguage(artifact);
    if (artifact.content.trimmed().isEmpty())
        return declared;
    const Detection d = detect(artifact.content, declared);
    if (declared == Languages::plainTextId())
        return d.confidence >= kMinConfidence ? d.guess : declared;
    return d.mismatch.isEmpty() ? declared : d.mismatch;
}

LanguageParser LanguageMismatchChecker::checkedParser(const Artifact &artifact)
{
    return Languages::parserOf(checkedLanguage(artifact));
}

LanguageParser LanguageMismatchChecker::parserAskedFirst(const Artifact &artifact)
{
    const QString declared = declaredLanguage(artifact);
    const LanguageParser own = Languages::parserOf(declared);
    const QString &content = artifact.content;
    if (own == LanguageParser::None || hasParser(declared) || content.size() > kMaxCheckedArtifactChars
        || std::all_of(content.cbegin(), content.cend(), [](QChar c) { return c.isSpace(); }))
        return LanguageParser::None;
    // As compute(): a sample that says otherwise names the language checked; else the
    // declared language's parser is asked whether the text is what it is named.
    const QString sampled = sampledMismatch(content, declared);
    const LanguageParser asked = sampled.isEmpty() ? own : Languages::parserOf(sampled);
    return asked == LanguageParser::Sql || asked == LanguageParser::Json ? LanguageParser::None
                                                                         : asked;
}

QString LanguageMismatchChecker::displayName(const QString &id)
{
    return Languages::displayName(id);
}

QString LanguageMismatchChecker::checkedAsNote(const Artifact &artifact)
{
    const QString declared = declaredLanguage(artifact);
    const QString checked = checkedLanguage(artifact);
    if (checked == declared)
        return {};
    return QStringLiteral(" (checked as %1, the language of the content; the file name says %2)")
        .arg(displayName(checked), displayName(declared));
}

bool LanguageMismatchChecker::appliesTo(const Artifact &artifact) const
{
    return declaredLanguage(artifact) != Languages::plainTextId();
}

std::vector<Diagnostic> LanguageMismatchChecker::check(const Artifact &artifact,
                                                       const Proposal &proposal)
{
    const QString other = mismatch(artifact);
    if (other.isEmpty())
        return {};
    const QString declared = declaredLanguage(artifact);
    const QString message =
        QStringLiteral("%1 is named as %2 but its content is %3: it will not work as %2, "
                       "and a reviewer reading it as %2 is misled")
            .arg(artifact.path, displayName(declared), displayName(other));
    return {artifactDiagnostic(artifact, proposal, QStringLiteral("language-mismatch"),
                               DiagnosticSeverity::Error, message, 1, 1)};
}

} // namespace verdict
