// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/secretchecker.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace verdict {

namespace {

struct Patterns
{
    QRegularExpression awsKey{QStringLiteral("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")};
    QRegularExpression privateKey{
        QStringLiteral("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")};
    QRegularExpression token{QStringLiteral(
        "\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}"
        "|xox[baprs]-[A-Za-z0-9-]{10,}|sk_live_[0-9A-Za-z]{20,}|AIza[0-9A-Za-z_\\-]{35}"
        "|glpat-[0-9A-Za-z_\\-]{20,})")};
    // A secret-looking name, then = : := or =>, then a quoted literal of 6+ characters.
    QRegularExpression assignment{
        QStringLiteral("(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key"
                       "|private[_-]?key|credentials?)[A-Za-z0-9_]{0,40}[\"']?[ \\t]*"
                       "(?::=|=>|=|:)[ \\t]*[rbuRB]?([\"'`])([^\"'`\\r\\n]{6,})\\1"),
        QRegularExpression::CaseInsensitiveOption};
    QRegularExpression urlPassword{QStringLiteral(
        "\\b[A-Za-z][A-Za-z0-9+.\\-]{1,20}://[^\\s:/@'\"`]+:([^\\s@'\"`/]+)@[^\\s'\"`/]+")};
};

// The patterns, by the literals they need: a pattern runs only on a text that holds one of
// its literals (most artifacts hold none).
enum Need : unsigned {
    kAws = 1,
    kPrivateKey = 2,
    kToken = 4,
    kUrl = 8, // and an '@'
    kAssignment = 16,
    kAll = 31,
};

struct Literal
{
    const char *text;
    unsigned need;
    bool caseless; // lower case here, matched as the case-insensitive pattern matches it
};

constexpr Literal kLiterals[] = {
    {"AKIA", kAws, false}, {"ASIA", kAws, false},
    {"PRIVATE KEY", kPrivateKey, false},
    {"ghp_", kToken, false}, {"gho_", kToken, false}, {"ghu_", kToken, false},
    {"ghs_", kToken, false}, {"ghr_", kToken, false}, {"github_pat_", kToken, false},
    {"xox", kToken, false}, {"sk_live_", kToken, false}, {"AIza", kToken, false},
    {"glpat-", kToken, false},
    {"://", kUrl, false},
    // password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?
    {"passw", kAssignment, true}, {"pwd", kAssignment, true}, {"secret", kAssignment, true},
    {"token", kAssignment, true}, {"apikey", kAssignment, true}, {"api_key", kAssignment, true},
    {"api-key", kAssignment, true}, {"accesskey", kAssignment, true},
    {"access_key", kAssignment, true}, {"access-key", kAssignment, true},
    {"privatekey", kAssignment, true}, {"private_key", kAssignment, true},
    {"private-key", kAssignment, true}, {"credential", kAssignment, true},
};

// A character as PCRE2 matches an ASCII letter without case in UTF mode: A-Z as a-z, and
// the two non-ASCII characters whose case folds to an ASCII letter, U+017F LONG S (s) and
// U+212A KELVIN SIGN (k). Other ASCII as is; anything else 0, which no literal holds.
char fold(char16_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : char(c);
    if (c == 0x017F)
        return 's';
    if (c == 0x212A)
        return 'k';
    return 0;
}

bool literalAt(const QChar *s, qsizetype at, qsizetype n, const Literal &lit)
{
    for (const char *l = lit.text; *l; ++l, ++at) {
        if (at >= n)
            return false;
        const char16_t c = s[at].unicode();
        if (lit.caseless ? fold(c) != *l : c != char16_t(*l))
            return false;
    }
    return true;
}

// Which patterns `text` holds a literal of, in one pass: a position is looked at only when
// its first two characters, folded, start some literal.
unsigned neededPatterns(const QString &text)
{
    struct Index
    {
        std::array<bool, 128 * 128> pairs{}; // folded first two characters of a literal
        std::array<std::vector<const Literal *>, 128> byFirst;
    };
    static const Index index = [] {
        Index x;
        for (const Literal &lit : kLiterals) {
            const auto a = size_t(fold(char16_t(lit.text[0])));
            const auto b = size_t(fold(char16_t(lit.text[1])));
            x.pairs[a * 128 + b] = true;
            x.byFirst[a].push_back(&lit);
        }
        return x;
    }();
    const QChar *s = text.constData();
    const qsizetype n = text.size();
    unsigned found = 0;
    // Each character folded once: the second of one pair is the first of the next.
    char b = n > 0 ? fold(s[0].unicode()) : 0;
    for (qsizetype i = 0; i + 1 < n; ++i) {
        const char a = b;
        b = fold(s[i + 1].unicode());
        if (!index.pairs[size_t(a) * 128 + size_t(b)])
            continue;
        for (const Literal *lit : index.byFirst[size_t(a)]) {
            if (!(found & lit->need) && literalAt(s, i, n, *lit))
                found |= lit->need;
        }
        if (found == kAll)
            break;
    }
    if ((found & kUrl) && !text.contains(QLatin1Char('@')))
        found &= ~unsigned(kUrl);
    return found;
}

const Patterns &patterns()
{
    // One set per thread: matching never shares a compiled pattern across threads.
    thread_local const Patterns p;
    return p;
}

bool isIdentChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.')
           || c == QLatin1Char('-');
}

} // namespace

bool SecretChecker::isPlaceholder(const QString &value)
{
    const QString v = value.trimmed();
    const QString lower = v.toLower();
    static const QStringList exact{
        QStringLiteral("changeme"), QStringLiteral("change_me"), QStringLiteral("change-me"),
        QStringLiteral("password"), QStringLiteral("secret"), QStringLiteral("example"),
        QStringLiteral("placeholder"), QStringLiteral("dummy"), QStringLiteral("testing"),
        QStringLiteral("redacted"), QStringLiteral("undefined"), QStringLiteral("string"),
        QStringLiteral("replace_me"), QStringLiteral("token"), QStringLiteral("hunter2")};
    static const QStringList parts{
        QStringLiteral("${"), QStringLiteral("{{"), QStringLiteral("%s"), QStringLiteral("%("),
        QStringLiteral("<"), QStringLiteral("your"), QStringLiteral("example"),
        QStringLiteral("placeholder"), QStringLiteral("changeme"), QStringLiteral("change_me"),
        QStringLiteral("process.env"), QStringLiteral("os.environ"), QStringLiteral("getenv"),
        QStringLiteral("xxxx"), QStringLiteral("****"), QStringLiteral("...")};
    if (exact.contains(lower))
        return true;
    for (const QString &p : parts) {
        if (lower.contains(p))
            return true;
    }
    if (v.startsWith(QLatin1Char('$')) || v.contains(QLatin1Char('{')))
        return true; // $VAR, f-string or template
    // An environment variable's name (DB_PASSWORD), not its value.
    static const QRegularExpression envName(QStringLiteral("^[A-Z][A-Z0-9_]*$"));
    if (envName.match(v).hasMatch() && v.contains(QLatin1Char('_')))
        return true;
    // A single repeated character ("aaaaaa", "------").
    return std::all_of(v.cbegin(), v.cend(), [&](QChar c) { return c == v.at(0); });
}

bool SecretChecker::appliesTo(const Artifact &artifact) const
{
    return !artifact.content.isEmpty();
}

std::vector<Diagnostic> SecretChecker::check(const Artifact &artifact, const Proposal &proposal)
{
    const QString &text = artifact.content;
    if (text.size() > kMaxCheckedArtifactChars)
        return {};
    const Patterns &p = patterns();
    // Built at the first match: most artifacts have none.
    std::optional<TextMap> map;
    std::vector<bool> flagged; // per line: already reported
    const auto lines = [&]() -> const TextMap & {
        if (!map) {
            map.emplace(text);
            flagged.assign(size_t(map->lineCount()) + 1, false);
        }
        return *map;
    };
    std::vector<Diagnostic> out;
    const QString why = QStringLiteral(
        ": anyone who can read the repository can use it; load it from the environment or "
        "a secret store instead");
    std::vector<int> priority; // per diagnostic: lower = more specific finding
    int current = 0;
    // Patterns run most specific first; a line already reported is skipped, so one secret
    // is reported once and a hostile line with thousands of matches costs one diagnostic.
    auto done = [&](int offset) { return bool(flagged[size_t(lines().lineOf(offset))]); };
    auto add = [&](int offset, const QString &what) {
        const int line = lines().lineOf(offset);
        if (flagged[size_t(line)])
            return;
        flagged[size_t(line)] = true;
        priority.push_back(current);
        out.push_back(artifactDiagnostic(artifact, proposal, QStringLiteral("secret"),
                                         DiagnosticSeverity::Error, what + why,
                                         map->lineOf(offset), map->columnOf(offset)));
    };
    // Runs `re` only when the text holds one of the literals it needs.
    auto each = [&](const QRegularExpression &re, unsigned run, auto fn) {
        if (!run)
            return;
        auto it = re.globalMatch(text);
        while (it.hasNext())
            fn(it.next());
    };
    current = 0;
    const unsigned needed = neededPatterns(text);
    each(p.awsKey, needed & kAws,
         [&](const QRegularExpressionMatch &m) {
             add(int(m.capturedStart()), QStringLiteral("hard-coded AWS access key id"));
         });
    current = 1;
    each(p.privateKey, needed & kPrivateKey,
         [&](const QRegularExpressionMatch &m) {
             add(int(m.capturedStart()), QStringLiteral("private key embedded in the file"));
         });
    current = 2;
    each(p.token,
         needed & kToken,
         [&](const QRegularExpressionMatch &m) {
             add(int(m.capturedStart()), QStringLiteral("hard-coded access token"));
         });
    current = 3;
    each(p.urlPassword, needed & kUrl,
         [&](const QRegularExpressionMatch &m) {
             if (done(int(m.capturedStart())) || isPlaceholder(m.captured(1)))
                 return;
             add(int(m.capturedStart()),
                 QStringLiteral("connection string with a hard-coded password"));
         });
    current = 4;
    each(p.assignment, needed & kAssignment,
         [&](const QRegularExpressionMatch &m) {
             if (done(int(m.capturedStart())) || isPlaceholder(m.captured(2)))
                 return;
             int start = int(m.capturedStart());
             while (start > 0 && m.capturedStart() - start < 80
                    && isIdentChar(text.at(start - 1)))
                 --start;
             const int nameEnd = int(m.capturedStart()) + [&] {
                 const QString s = m.captured(0);
                 int i = 0;
                 while (i < s.size()
                        && (s.at(i).isLetterOrNumber() || s.at(i) == QLatin1Char('_')))
                     ++i;
                 return i;
             }();
             add(start, QStringLiteral("hard-coded credential in '%1'")
                            .arg(text.mid(start, nameEnd - start)));
         });
    // One finding per line, the most specific ("AWS access key" over "credential in
    // AWS_ACCESS_KEY_ID"), so one secret is not reported twice.
    std::vector<size_t> order(out.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (out[a].line != out[b].line)
            return out[a].line < out[b].line;
        if (priority[a] != priority[b])
            return priority[a] < priority[b];
        return out[a].column < out[b].column;
    });
    std::vector<Diagnostic> unique;
    for (size_t i : order) {
        if (unique.empty() || unique.back().line != out[i].line)
            unique.push_back(out[i]);
    }
    return unique;
}

} // namespace verdict
