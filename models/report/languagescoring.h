// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/languages.h"

#include <QStringView>

#include <array>

namespace verdict::LanguageScoring {

// Content heuristics: every non-blank line adds evidence (points) to the languages whose
// typical line shapes it has. Cheap prefix checks dispatched on the first character keep
// this linear and fast; a report can carry megabytes of content. Scores are indexed by
// Lang::Index (languages.h).
struct Analysis
{
    std::array<double, Lang::DetectableCount> score{};
    bool jsonParses = false;
    int lines = 0; // non-blank, non-comment
    // Shapes that only count at the end, when they dominate (finish()).
    int yamlShaped = 0;
    int yamlKeys = 0;
    int tomlSections = 0;
    int tomlPairs = 0;
    int dockerInstr = 0;
};

// Adds one line's evidence to `a`.
void scoreLine(QStringView line, Analysis &a);

// Once the lines are read: turns the shape counts into scores (YAML, TOML and Dockerfile
// only count when they dominate; TypeScript is JavaScript plus types).
void finish(Analysis &a);

} // namespace verdict::LanguageScoring
