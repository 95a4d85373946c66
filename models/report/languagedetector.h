// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace verdict {

// Language ids (DESIGN.md): sql python bash json javascript typescript yaml toml html css
// markdown dockerfile c cpp go rust java plaintext.
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

} // namespace LanguageDetector
} // namespace verdict
