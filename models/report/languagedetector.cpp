// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/languagedetector.h"

#include "report/jsonvalidator.h"
#include "report/languages.h"
#include "report/languagesample.h"
#include "report/languagescoring.h"

#include <QFileInfo>
#include <QLatin1String>
#include <QRegularExpression>
#include <QStringView>

#include <algorithm>
#include <cmath>
#include <limits>

namespace verdict::LanguageDetector {

namespace {

using LanguageScoring::Analysis;
using Languages::related;

constexpr int kDetectable = Lang::DetectableCount;

QString plaintext()
{
    return Languages::plainTextId();
}

QString idOf(int index)
{
    return Languages::all()[size_t(index)].id;
}

// Index of a detectable language, -1 for plain text or an unknown id.
int detectableIndex(const QString &id)
{
    const int i = Languages::indexOf(id);
    return i < kDetectable ? i : -1;
}

// `declared`, when the caller only needs the guess against a declared language (resolve,
// mismatch), lets the sample stop sooner where that cannot change the answer. `whole`
// scores every line instead of a sample (LanguageSample), without stopping early.
Analysis analyze(const QString &content, int declared = -1, bool whole = false)
{
    Analysis a;
    const QStringView all(content);
    const QStringView body = all.trimmed();
    if (!body.isEmpty()
        && ((body.front() == QLatin1Char('{') && body.back() == QLatin1Char('}'))
            || (body.front() == QLatin1Char('[') && body.back() == QLatin1Char(']')))) {
        a.jsonParses = isJsonDocument(all);
    }
    // Declared JSON that parses as JSON is JSON: nothing the lines score can outweigh that.
    if (declared == Lang::Json && a.jsonParses) {
        a.score[Lang::Json] += 1000;
        return a;
    }
    const bool declaredJs = declared == Lang::JavaScript || declared == Lang::TypeScript;
    qsizetype start = 0;
    const qsizetype stop = whole ? all.size() : std::min(all.size(), LanguageSample::kChars);
    const int maxLines = whole ? std::numeric_limits<int>::max() : LanguageSample::kLines;
    while (start <= stop && a.lines < maxLines) {
        qsizetype end = all.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = all.size();
        const int before = a.lines;
        LanguageScoring::scoreLine(all.mid(start, end - start), a);
        start = end + 1;
        if (before == a.lines || whole)
            continue;
        if (LanguageSample::decisive(a, declaredJs))
            break;
    }
    LanguageScoring::finish(a);
    return a;
}

int confidenceOf(const Analysis &a, int lang)
{
    if (lang < 0)
        return 0;
    if (lang == Lang::Json && a.jsonParses)
        return 100;
    const double own = a.score[size_t(lang)];
    if (own <= 0)
        return 0;
    double rival = 0;
    for (int i = 0; i < kDetectable; ++i) {
        if (!related(i, lang))
            rival = std::max(rival, a.score[size_t(i)]);
    }
    const double saturation = own / (own + 4.0);
    const double share = own / (own + rival);
    return int(std::lround(100.0 * saturation * share));
}

// Index of the guessed language, -1 for plaintext.
int guessOf(const Analysis &a)
{
    int best = -1;
    for (int i = 0; i < kDetectable; ++i) {
        if (a.score[size_t(i)] > 0 && (best < 0 || a.score[size_t(i)] > a.score[size_t(best)]))
            best = i;
    }
    if (best < 0 || a.score[size_t(best)] < 4)
        return -1;
    double rival = 0;
    for (int i = 0; i < kDetectable; ++i) {
        if (!related(i, best))
            rival = std::max(rival, a.score[size_t(i)]);
    }
    return a.score[size_t(best)] >= 2 * rival ? best : -1;
}

QString mismatchOf(const Analysis &a, int declared)
{
    if (declared < 0 || declared == Lang::Markdown)
        return {};
    const int guess = guessOf(a);
    if (guess < 0 || related(guess, declared))
        return {};
    if (confidenceOf(a, guess) >= 60 && confidenceOf(a, declared) <= 15)
        return idOf(guess);
    return {};
}

} // namespace

QString fromPath(const QString &path)
{
    const QString lower = QFileInfo(path).fileName().toLower();
    if (const LanguageInfo *byName = Languages::byFileName(lower))
        return byName->id;
    if (const LanguageInfo *byPrefix = Languages::byNamePrefix(lower))
        return byPrefix->id;
    const int dot = lower.lastIndexOf(QLatin1Char('.'));
    if (dot < 0)
        return plaintext();
    const LanguageInfo *byExt = Languages::byExtension(QStringView(lower).mid(dot + 1));
    return byExt ? QString(byExt->id) : plaintext();
}

QString fromFenceTag(const QString &tag)
{
    // "```python title=x", "```{.python}", "```py:app.py": the first word names it.
    QString word = tag.trimmed().toLower();
    while (word.startsWith(QLatin1Char('{')) || word.startsWith(QLatin1Char('.')))
        word.remove(0, 1);
    static const QRegularExpression stopAt(QStringLiteral("[\\s:,}]"));
    const int stop = word.indexOf(stopAt);
    if (stop >= 0) {
        const QString rest = word.mid(stop + 1);
        word.truncate(stop);
        if (word.isEmpty() && !rest.isEmpty())
            word = rest;
    }
    if (word.isEmpty())
        return plaintext();
    if (const LanguageInfo *info = Languages::byFenceTag(word))
        return info->id;
    // A tag that is a file name ("```app.py").
    if (word.contains(QLatin1Char('.')))
        return fromPath(word);
    return plaintext();
}

QString fromContent(const QString &content)
{
    const int guess = guessOf(analyze(content));
    return guess < 0 ? plaintext() : idOf(guess);
}

int confidence(const QString &content, const QString &language)
{
    const Analysis a = analyze(content);
    if (language == plaintext()) {
        const int guess = guessOf(a);
        if (guess >= 0)
            return 100 - confidenceOf(a, guess);
        int best = 0;
        for (int i = 0; i < kDetectable; ++i)
            best = std::max(best, confidenceOf(a, i));
        return 100 - best;
    }
    return confidenceOf(a, detectableIndex(language));
}

QString resolve(const QString &content, const QString &declared)
{
    const int declaredIndex = detectableIndex(declared);
    const Analysis a = analyze(content, declaredIndex);
    if (declaredIndex < 0) {
        const int guess = guessOf(a);
        return guess < 0 ? plaintext() : idOf(guess);
    }
    const QString other = mismatchOf(a, declaredIndex);
    return other.isEmpty() ? declared : other;
}

QString mismatch(const QString &content, const QString &declared)
{
    const int declaredIndex = detectableIndex(declared);
    return mismatchOf(analyze(content, declaredIndex), declaredIndex);
}

QString mismatchInWholeText(const QString &content, const QString &declared)
{
    const int declaredIndex = detectableIndex(declared);
    return mismatchOf(analyze(content, declaredIndex, true), declaredIndex);
}

} // namespace verdict::LanguageDetector
