// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/languagesample.h"

namespace verdict::LanguageSample {

namespace {

bool aheadOfRivals(const LanguageScoring::Analysis &a, bool declaredJs, double ratio,
                   double perLine)
{
    if (a.yamlShaped > 0 || a.tomlSections > 0 || a.dockerInstr > 0)
        return false;
    int best = 0;
    for (int i = 1; i < Lang::DetectableCount; ++i) {
        if (a.score[i] > a.score[best])
            best = i;
    }
    if (((best == Lang::JavaScript || best == Lang::TypeScript) && !declaredJs)
        || a.score[best] < perLine * a.lines)
        return false;
    for (int i = 0; i < Lang::DetectableCount; ++i) {
        if (!Languages::related(i, best) && ratio * a.score[i] > a.score[best])
            return false;
    }
    return true;
}

} // namespace

bool decisive(const LanguageScoring::Analysis &a, bool declaredJs)
{
    return (a.lines == 12 && aheadOfRivals(a, declaredJs, 8, 0.5))
        || (a.lines == 24 && aheadOfRivals(a, declaredJs, 4, 1));
}

} // namespace verdict::LanguageSample
