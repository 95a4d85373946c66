// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1String>
#include <QString>
#include <QStringList>

#include <array>

namespace verdict {

// The one table of the languages Verdict knows (languages.cpp). The detector, the
// language-mismatch rule, the syntax checkers, the filter language and the highlighter
// adapter all read it; adding a language is one row there (and the detector's evidence for
// it in languagescoring.cpp, if the content should be recognised).
namespace Lang {
// Positions in the table. The content detector keeps one score per detectable language,
// indexed by these; plain text is last and is never detected, only fallen back to.
enum Index : int {
    Sql, Python, Bash, Json, JavaScript, TypeScript, Yaml, Toml, Html, Css, Markdown,
    Dockerfile, C, Cpp, Go, Rust, Java,
    PlainText,
    DetectableCount = PlainText, // languages the content detector scores
    Count
};
} // namespace Lang

// Which of Verdict's own parsers reads a language: the syntax checkers apply to the
// languages of their parser, and the language-mismatch rule asks that parser whether a
// text is what its name says before calling it something else.
enum class LanguageParser { None, Sql, Json, Python, JavaScript, Shell };

struct LanguageInfo
{
    Lang::Index index;
    QLatin1String id;          // stable id: stored in the database, used in filters
    QLatin1String displayName; // for messages: "SQL", "shell", "plain text"
    // The KSyntaxHighlighting definition that colours it (empty: none).
    QLatin1String highlighterDefinition;
    LanguageParser parser;
    // Space-separated, lower case. Extensions without the dot; file names matched whole;
    // name prefixes ("dockerfile." for Dockerfile.prod); fence tags (```py) besides the id.
    const char *extensions;
    const char *fileNames;
    const char *namePrefixes;
    const char *fenceTags;
    // Languages so close to this one that neither is ever "wrong" for the other (ids,
    // listed on both sides): javascript/typescript, c/cpp, json/yaml...
    const char *relatives;
};

namespace Languages {

// Every language, in Lang::Index order, plain text last.
const std::array<LanguageInfo, Lang::Count> &all();

// The row of an id; nullptr for an id not in the table.
const LanguageInfo *find(QStringView id);
// Lang::Index of an id, -1 when unknown.
int indexOf(QStringView id);
QString plainTextId();
// Every id, in table order (plain text included).
QStringList ids();

// "SQL", "shell", ... for messages; the id itself when not in the table.
QString displayName(const QString &id);
// The parser of a language id (LanguageParser::None when unknown).
LanguageParser parserOf(QStringView id);

// Lookups the detector's fromPath/fromFenceTag use: the language of a lower-case
// extension, whole file name, or fence tag word; nullptr when none claims it.
const LanguageInfo *byExtension(QStringView lowerExtension);
const LanguageInfo *byFileName(QStringView lowerFileName);
const LanguageInfo *byNamePrefix(QStringView lowerFileName);
const LanguageInfo *byFenceTag(QStringView lowerTag);

// Whether two Lang::Index values are the same or close relatives (a lookup, fast enough
// for the detector's inner loops).
bool related(int a, int b);

// The space-separated lists of a row, split.
QStringList split(const char *list);

} // namespace Languages
} // namespace verdict
