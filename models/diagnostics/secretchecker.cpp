// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/secretchecker.h"

#include <QRegularExpression>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>

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

// The literals the patterns need, searched for before a pattern runs: most artifacts hold
// none of a pattern's literals, and then it is not run at all. One pass makes two narrow
// copies of the text: `exact` (ASCII as is, anything else a NUL, which no literal holds)
// for the case-sensitive patterns, and `folded` for the case-insensitive one, folded as
// PCRE2 matches ASCII letters without case in UTF mode: A-Z as a-z, and the two non-ASCII
// characters whose case folds to an ASCII letter, U+017F LONG S (s) and U+212A KELVIN
// SIGN (k).
class Literals
{
public:
    explicit Literals(const QString &text)
    {
        const qsizetype n = text.size();
        m_exact.resize(size_t(n));
        m_folded.resize(size_t(n));
        const QChar *s = text.constData();
        for (qsizetype i = 0; i < n; ++i) {
            const char16_t c = s[i].unicode();
            char exact = c < 0x80 ? char(c) : '\0';
            char folded = exact >= 'A' && exact <= 'Z' ? char(exact - 'A' + 'a') : exact;
            if (c == 0x017F)
                folded = 's';
            else if (c == 0x212A)
                folded = 'k';
            m_exact[size_t(i)] = exact;
            m_folded[size_t(i)] = folded;
        }
    }

    // Whether the text holds one of `parts` (as written; lower case for anyCaseless).
    bool any(std::initializer_list<const char *> parts) const { return find(m_exact, parts); }
    bool anyCaseless(std::initializer_list<const char *> parts) const
    {
        return find(m_folded, parts);
    }

private:
    static bool find(const std::string &in, std::initializer_list<const char *> parts)
    {
        return std::any_of(parts.begin(), parts.end(), [&](const char *part) {
            return in.find(part) != std::string::npos;
        });
    }

    std::string m_exact;
    std::string m_folded;
};

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
    auto each = [&](const QRegularExpression &re, bool needed, auto fn) {
        if (!needed)
            return;
        auto it = re.globalMatch(text);
        while (it.hasNext())
            fn(it.next());
    };
    current = 0;
    const Literals literals(text);
    each(p.awsKey, literals.any({"AKIA", "ASIA"}),
         [&](const QRegularExpressionMatch &m) {
             add(int(m.capturedStart()), QStringLiteral("hard-coded AWS access key id"));
         });
    current = 1;
    each(p.privateKey, literals.any({"PRIVATE KEY"}),
         [&](const QRegularExpressionMatch &m) {
             add(int(m.capturedStart()), QStringLiteral("private key embedded in the file"));
         });
    current = 2;
    each(p.token,
         literals.any({"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "sk_live_",
                       "AIza", "glpat-"}),
         [&](const QRegularExpressionMatch &m) {
             add(int(m.capturedStart()), QStringLiteral("hard-coded access token"));
         });
    current = 3;
    each(p.urlPassword, literals.any({"://"}) && literals.any({"@"}),
         [&](const QRegularExpressionMatch &m) {
             if (done(int(m.capturedStart())) || isPlaceholder(m.captured(1)))
                 return;
             add(int(m.capturedStart()),
                 QStringLiteral("connection string with a hard-coded password"));
         });
    current = 4;
    // password, passwd, pwd, secret, token, api[_-]?key, access[_-]?key, private[_-]?key,
    // credential(s).
    each(p.assignment,
         literals.anyCaseless({"passw", "pwd", "secret", "token", "apikey", "api_key", "api-key",
                               "accesskey", "access_key", "access-key", "privatekey",
                               "private_key", "private-key", "credential"}),
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
