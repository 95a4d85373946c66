// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"
#include "report/languages.h"

#include <optional>

namespace verdict {

// Asks a language's own parser whether a text parses (CheckerSet answers with its syntax
// checkers' parsers). std::nullopt: no parser to ask (not installed, timed out).
class ParseOracle
{
public:
    virtual ~ParseOracle() = default;
    virtual std::optional<bool> parses(const QString &content, const QString &language) = 0;
};

// `language-mismatch`: the content is clearly another language than the file name (or
// fence tag) declares. Also decides which language the syntax checkers parse: the detected
// one when this rule fires, so the reviewer gets the errors that matter for what the file
// really holds.
class LanguageMismatchChecker final : public Checker
{
public:
    // For content declared as plain text (a .txt file, an untagged fence): how sure the
    // detector must be before the syntax checks parse it as the detected language. The
    // rule itself uses LanguageDetector::mismatch (sure of the content AND that it is not
    // the declared language).
    static constexpr int kMinConfidence = 80;

    QString id() const override { return QStringLiteral("language-mismatch"); }
    QString version() const override { return QStringLiteral("2"); }
    bool appliesTo(const Artifact &artifact) const override;
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal) override;

    // The declared language (from the artifact, else from its path).
    static QString declaredLanguage(const Artifact &artifact);
    // The detected language when it clearly differs from the declared one, else empty.
    static QString mismatch(const Artifact &artifact);
    // The language the syntax checks use: the detected one on a mismatch, the declared one
    // otherwise, or a confidently detected one when nothing is declared.
    static QString checkedLanguage(const Artifact &artifact);
    // The parser of checkedLanguage() (languages.h): the syntax checkers apply to the
    // artifacts whose checked language their parser reads.
    static LanguageParser checkedParser(const Artifact &artifact);
    // The parser detection or a syntax checker will ask first about the artifact when it is
    // one that runs outside this process (Python, JavaScript, shell), so a batch can ask
    // them all at once before it is checked; None when no such parser will be asked, or
    // only after a parse in this process fails (then it is asked on its own).
    static LanguageParser parserAskedFirst(const Artifact &artifact);
    // "SQL", "Python", ... for messages.
    static QString displayName(const QString &languageId);
    // When the checked language is not the declared one, a note to append to messages.
    static QString checkedAsNote(const Artifact &artifact);

    // While an OracleScope lives, detection on this thread may ask `oracle` whether a text
    // parses as its declared language (Python, shell, JavaScript: their parsers are other
    // processes). Without one, only SQL and JSON (parsed in process) are asked.
    class OracleScope
    {
    public:
        explicit OracleScope(ParseOracle *oracle);
        ~OracleScope();
        OracleScope(const OracleScope &) = delete;
        OracleScope &operator=(const OracleScope &) = delete;

    private:
        ParseOracle *m_previous;
    };
};

} // namespace verdict
