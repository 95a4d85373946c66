// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The detector's hand-rolled text matching, kept apart from the evidence it gathers
// (languagescoring.cpp): the detector runs on every artifact of an import, so these are
// inline, never convert or allocate, and rule lines out early.

#include <QChar>
#include <QLatin1String>
#include <QStringView>

#include <initializer_list>
#include <vector>

namespace verdict::LanguageScan {

inline bool isIdentStart(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_');
}

inline bool isIdentChar(QChar c)
{
    return isIdentStart(c) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

// Length of the identifier starting at `from`, 0 if none.
inline int identAt(QStringView s, int from)
{
    if (from >= s.size() || !isIdentStart(s.at(from)))
        return 0;
    int i = from + 1;
    while (i < s.size() && isIdentChar(s.at(i)))
        ++i;
    return i - from;
}

// Hand-rolled comparisons against ASCII literals: called a few hundred times per line,
// they must not convert, allocate or call out of line.
inline bool starts(QStringView t, const char *prefix)
{
    const qsizetype size = t.size();
    const QChar *p = t.data();
    for (qsizetype i = 0; prefix[i]; ++i) {
        if (i >= size || p[i].unicode() != static_cast<unsigned char>(prefix[i]))
            return false;
    }
    return true;
}

inline bool has(QStringView t, const char *needle)
{
    const qsizetype size = t.size();
    const QChar *p = t.data();
    const char16_t first = static_cast<unsigned char>(needle[0]);
    for (qsizetype i = 0; i < size; ++i) {
        if (p[i].unicode() == first && starts(t.mid(i), needle))
            return true;
    }
    return false;
}

// A keyword prefix (given in lower case) in either case but not Capitalized, so prose
// ("Select the ...", "Update the docs") does not read as SQL.
inline bool keyword(QStringView t, const char *kw)
{
    const qsizetype size = t.size();
    const QChar *p = t.data();
    bool upper = true;
    bool lower = true;
    qsizetype n = 0;
    for (; kw[n]; ++n) {
        if (n >= size)
            return false;
        const char16_t c = p[n].unicode();
        const char16_t k = static_cast<unsigned char>(kw[n]);
        if (c == k) {
            if (k >= u'a' && k <= u'z')
                upper = false;
        } else if (k >= u'a' && k <= u'z' && c == k - 32) {
            lower = false;
        } else {
            return false;
        }
    }
    if (n < size && isIdentChar(p[n]) && isIdentChar(p[n - 1]))
        return false;
    return upper || lower;
}

// Any keyword() of a fixed list; it first rules out, with one bit test, lines whose first
// letter starts none of the keywords (keyword() matches the first letter in either case):
// most lines of most artifacts, and these lists ran on every one of them.
class KeywordSet
{
public:
    KeywordSet(std::initializer_list<const char *> words) : m_words(words)
    {
        for (const char *w : m_words) {
            const char c = w[0];
            if (c >= 'a' && c <= 'z')
                m_first |= 1u << (c - 'a');
            else
                m_other = true;
        }
    }
    bool matches(QStringView t) const
    {
        if (t.isEmpty())
            return false;
        if (!m_other) {
            const char16_t c = t.front().unicode() | 0x20;
            if (c < u'a' || c > u'z' || !(m_first & (1u << (c - u'a'))))
                return false;
        }
        for (const char *kw : m_words) {
            if (keyword(t, kw))
                return true;
        }
        return false;
    }

private:
    std::vector<const char *> m_words;
    quint32 m_first = 0;
    bool m_other = false; // a keyword not starting with a lower-case letter: no shortcut
};

// Substrings anywhere in a line, found in one pass: checking each needle with its own
// scan cost more than all the rest of the detector together.
enum Feature : quint32 {
    FTriple = 1u << 0,   // triple quotes
    FSelf = 1u << 1,     // self. (self
    FDollar = 1u << 2,   // $( ${
    FPipe = 1u << 3,     // | grep, 2>&1, >/dev/null ...
    FJs = 1u << 4,       // require( process.env === !==
    FArrow = 1u << 5,    // =>
    FTsType = 1u << 6,   // : string, ): void, <string>, as const ...
    FGoErr = 1u << 7,    // != nil
    FGo = 1u << 8,       // := fmt.
    FRust = 1u << 9,     // println!( vec![ format!( &mut &self unwrap()
    FJavaMain = 1u << 10,
    FJava = 1u << 11,    // System.out. throws
    FCpp = 1u << 12,     // std:: cout << nullptr
    FC = 1u << 13,       // printf( malloc( free( sizeof(
    FParen = 1u << 14,   // (
    FEq = 1u << 15,      // =
    FBold = 1u << 16,    // two "**"
};

// The Feature bits of a line.
quint32 features(QStringView t);

} // namespace verdict::LanguageScan
