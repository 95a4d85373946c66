// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace verdict {

// Language ids, extensions and fence tags come from the one table, languages.h; this reads
// a language from a name, a tag or the content.
namespace LanguageDetector {

// From a file name: extension or well-known name (Dockerfile). "plaintext" when unknown.
QString fromPath(const QString &path);

// From a fence tag (```py, ```sh, ```postgresql ...). "plaintext" when unknown.
QString fromFenceTag(const QString &tag);

// Content-based guess. "plaintext" when nothing is clear.
QString fromContent(const QString &content);

// How sure fromContent is, 0..100, for the guess it returns; language-mismatch only
// fires when this is high.
int confidence(const QString &content, const QString &language);

// The language a parser records for content declared as `declared`: the declared one when
// the content agrees with it or says nothing clear, else the content-based guess.
QString resolve(const QString &content, const QString &declared);

// The conservative language-mismatch test: the language the content clearly is when that
// contradicts `declared` (e.g. "python" for sample 003's .sql file), else an empty string.
// Close relatives never contradict each other (javascript/typescript, c/cpp, json/yaml...),
// and nothing contradicts plaintext or markdown.
QString mismatch(const QString &content, const QString &declared);

// mismatch() reads a sample (the first 48 scored lines of the first 4 KB, often fewer): what
// a file is shows early, and the import runs it on every artifact. A file that opens with a
// licence or a long docstring shows nothing there. This is the same test over every line;
// for content its declared language's parser rejected, where the sample said nothing
// (LanguageMismatchChecker). Linear in the text, so callers bound its size.
QString mismatchInWholeText(const QString &content, const QString &declared);

} // namespace LanguageDetector
} // namespace verdict
