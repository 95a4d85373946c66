// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/languagescoring.h"

#include <QtGlobal>

namespace verdict::LanguageSample {

// The guess reads a sample: the first kLines scored lines within the first kChars. What a
// file is shows in its first lines, the scores are relative (shares and ratios), and the
// import runs this on every artifact: bounded work per artifact. JSON validity still looks
// at the whole text.
constexpr int kLines = 48;
constexpr qsizetype kChars = 4096;

// Early stop: whether the sample read so far (a.lines scored lines) already decides the
// guess, so the rest of it need not be read (a fifth of the import's parse time went to
// this guess). Asked after 12 scored lines (one language at least 8 times ahead of every
// unrelated one with half a point a line) and after 24 (4 times ahead, a point a line).
// Never with evidence that only counts at the end (YAML shapes, TOML sections, Dockerfile
// instructions) or JavaScript/TypeScript (TypeScript-only evidence may come late and turns
// the guess to TypeScript), unless one of those two is declared (`declaredJs`: the answer
// is then the declared one either way).
bool decisive(const LanguageScoring::Analysis &a, bool declaredJs);

} // namespace verdict::LanguageSample
