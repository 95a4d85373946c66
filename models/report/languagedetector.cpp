// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/languagedetector.h"

#include <QFileInfo>
#include <QLatin1String>
#include <QRegularExpression>
#include <QStringView>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>
#include <vector>

namespace verdict::LanguageDetector {

namespace {

// Content heuristics: every non-blank line adds evidence (points) to the languages whose
// typical line shapes it has. Cheap prefix checks dispatched on the first character keep
// this linear and fast; a report can carry megabytes of content.
enum Lang : int {
    Sql, Python, Bash, Json, JavaScript, TypeScript, Yaml, Toml, Html, Css, Markdown,
    Dockerfile, C, Cpp, Go, Rust, Java, LangCount
};

const char *const kIds[LangCount] = {
    "sql", "python", "bash", "json", "javascript", "typescript", "yaml", "toml", "html",
    "css", "markdown", "dockerfile", "c", "cpp", "go", "rust", "java"};

int langIndex(const QString &id)
{
    for (int i = 0; i < LangCount; ++i) {
        if (id == QLatin1String(kIds[i]))
            return i;
    }
    return -1;
}

QString plaintext()
{
    return QStringLiteral("plaintext");
}

// Languages so close that one is never "wrong" for the other.
bool related(int a, int b)
{
    if (a == b)
        return true;
    auto pair = [a, b](int x, int y) { return (a == x && b == y) || (a == y && b == x); };
    return pair(JavaScript, TypeScript) || pair(C, Cpp) || pair(Json, Yaml)
        || pair(Json, JavaScript) || pair(Json, TypeScript) || pair(Html, JavaScript)
        || pair(Html, Css) || pair(Dockerfile, Bash) || pair(Toml, Yaml);
}

bool isIdentStart(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_');
}

bool isIdentChar(QChar c)
{
    return isIdentStart(c) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

// Length of the identifier starting at `from`, 0 if none.
int identAt(QStringView s, int from)
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

quint32 features(QStringView t)
{
    quint32 f = 0;
    int bold = 0;
    const qsizetype size = t.size();
    const QChar *p = t.data();
    for (qsizetype i = 0; i < size; ++i) {
        const QStringView r = t.mid(i);
        switch (p[i].unicode()) {
        case u'"':
            if (starts(r, "\"\"\"")) f |= FTriple;
            break;
        case u'\'':
            if (starts(r, "'''")) f |= FTriple;
            break;
        case u's':
            if (starts(r, "self.")) f |= FSelf;
            else if (starts(r, "std::")) f |= FCpp;
            else if (starts(r, "sizeof(")) f |= FC;
            break;
        case u'(':
            f |= FParen;
            if (starts(r, "(self")) f |= FSelf;
            break;
        case u'$':
            if (starts(r, "$(") || starts(r, "${")) f |= FDollar;
            break;
        case u'|':
            if (starts(r, "| grep") || starts(r, "| xargs") || starts(r, "| awk")) f |= FPipe;
            break;
        case u'2':
            if (starts(r, "2>&1")) f |= FPipe;
            break;
        case u'>':
            if (starts(r, ">/dev/null") || starts(r, "> /dev/null")) f |= FPipe;
            break;
        case u'r':
            if (starts(r, "require(")) f |= FJs;
            break;
        case u'p':
            if (starts(r, "process.env")) f |= FJs;
            else if (starts(r, "println!(")) f |= FRust;
            else if (starts(r, "printf(")) f |= FC;
            else if (starts(r, "public static void main")) f |= FJavaMain;
            break;
        case u'=':
            f |= FEq;
            if (starts(r, "=== ")) f |= FJs;
            else if (starts(r, "=> ") || r == QLatin1String("=>")) f |= FArrow;
            break;
        case u'!':
            if (starts(r, "!== ")) f |= FJs;
            else if (starts(r, "!= nil")) f |= FGoErr;
            break;
        case u':':
            if (starts(r, ": string") || starts(r, ": number") || starts(r, ": boolean")
                || starts(r, ": any"))
                f |= FTsType;
            else if (starts(r, ":= ")) f |= FGo;
            break;
        case u')':
            if (starts(r, "): void")) f |= FTsType;
            break;
        case u'<':
            if (starts(r, "<string>")) f |= FTsType;
            break;
        case u'a':
            if (starts(r, "as const")) f |= FTsType;
            break;
        case u'f':
            if (starts(r, "fmt.")) f |= FGo;
            else if (starts(r, "format!(")) f |= FRust;
            else if (starts(r, "free(")) f |= FC;
            break;
        case u'v':
            if (starts(r, "vec![")) f |= FRust;
            break;
        case u'&':
            if (starts(r, "&mut ") || starts(r, "&self")) f |= FRust;
            break;
        case u'u':
            if (starts(r, "unwrap()")) f |= FRust;
            break;
        case u'S':
            if (starts(r, "System.out.")) f |= FJava;
            break;
        case u't':
            if (starts(r, "throws ")) f |= FJava;
            break;
        case u'c':
            if (starts(r, "cout <<")) f |= FCpp;
            break;
        case u'n':
            if (starts(r, "nullptr")) f |= FCpp;
            break;
        case u'm':
            if (starts(r, "malloc(")) f |= FC;
            break;
        case u'*':
            if (starts(r, "**") && ++bold == 2) f |= FBold;
            break;
        default:
            break;
        }
    }
    return f;
}

// "name TYPE ..." as in a CREATE TABLE column list.
bool sqlColumn(QStringView t)
{
    int n = identAt(t, 0);
    if (n == 0 && t.startsWith(QLatin1Char('"'))) {
        n = int(t.indexOf(QLatin1Char('"'), 1)) + 1;
        if (n <= 0)
            return false;
    }
    if (n == 0 || n >= t.size() || t.at(n) != QLatin1Char(' '))
        return false;
    const QStringView rest = t.mid(n).trimmed();
    static const KeywordSet kTypes{"serial", "bigserial", "smallserial", "int", "integer",
                             "bigint", "smallint", "varchar", "char", "character varying",
                             "text", "boolean", "bool", "timestamp", "timestamptz", "date",
                             "time", "uuid", "jsonb", "json", "numeric", "decimal", "real",
                             "double precision", "float", "bytea", "inet", "interval",
                             "money", "citext", "tinyint", "datetime", "blob"};
    return kTypes.matches(rest);
}

// Whether `t` is one JSON object or array, as QJsonDocument::fromJson would accept it
// (RFC 8259 with Qt's leniencies in strings; nesting up to 1024 levels; white space
// ' ' \t \n \r), without building
// a document: validating is what the detector needs, and building the DOM of every JSON
// artifact cost a fifth of an import's parse time.
class JsonValidator
{
public:
    explicit JsonValidator(QStringView t) : m_p(t.data()), m_end(t.data() + t.size()) {}

    bool valid()
    {
        space();
        if (m_p == m_end || (m_p->unicode() != u'{' && m_p->unicode() != u'['))
            return false;
        if (!value(0))
            return false;
        space();
        return m_p == m_end;
    }

private:
    void space()
    {
        while (m_p < m_end) {
            const char16_t c = m_p->unicode();
            if (c != u' ' && c != u'\t' && c != u'\n' && c != u'\r')
                return;
            ++m_p;
        }
    }
    bool eat(char16_t c)
    {
        space();
        if (m_p < m_end && m_p->unicode() == c) {
            ++m_p;
            return true;
        }
        return false;
    }
    bool literal(const char *word)
    {
        for (; *word; ++word, ++m_p) {
            if (m_p == m_end || m_p->unicode() != static_cast<unsigned char>(*word))
                return false;
        }
        return true;
    }
    static bool digit(char16_t c) { return c >= u'0' && c <= u'9'; }
    void digits()
    {
        while (m_p < m_end && digit(m_p->unicode()))
            ++m_p;
    }
    // Scanned and converted as Qt's parser does: lenient about the shape ("1.", ".5"),
    // strict about the value (the text must convert; 1e-999 does not).
    bool number()
    {
        const QChar *start = m_p;
        if (m_p < m_end && m_p->unicode() == u'-')
            ++m_p;
        if (m_p < m_end && m_p->unicode() == u'0')
            ++m_p;
        else
            digits();
        const QChar *intEnd = m_p;
        if (m_p < m_end && m_p->unicode() == u'.') {
            ++m_p;
            digits();
        }
        if (m_p < m_end && (m_p->unicode() == u'e' || m_p->unicode() == u'E')) {
            ++m_p;
            if (m_p < m_end && (m_p->unicode() == u'+' || m_p->unicode() == u'-'))
                ++m_p;
            digits();
        }
        const qsizetype size = m_p - start;
        const qsizetype sign = start < m_end && start->unicode() == u'-' ? 1 : 0;
        // The common case, a plain integer that fits: no conversion needed.
        if (intEnd == m_p && size > sign && size - sign <= 18)
            return true;
        if (size == 0)
            return false;
        const QByteArray text = QStringView(start, size).toLatin1();
        bool ok = false;
        if (intEnd == m_p) {
            text.toLongLong(&ok);
            if (ok)
                return true;
        }
        text.toDouble(&ok);
        return ok;
    }
    bool string() // after the opening quote
    {
        while (m_p < m_end) {
            const char16_t c = (m_p++)->unicode();
            if (c == u'"')
                return true;
            if (c != u'\\')
                continue;
            if (m_p == m_end)
                return false;
            const char16_t e = (m_p++)->unicode();
            if (e == u'u') {
                for (int i = 0; i < 4; ++i, ++m_p) {
                    if (m_p == m_end || !isxdigit(m_p->unicode() < 128 ? m_p->unicode() : 0))
                        return false;
                }
            }
            // Like Qt's parser, any other escaped character is taken as itself ("\x",
            // "\0"), and raw control characters inside strings are accepted.
        }
        return false;
    }
    bool value(int depth)
    {
        space();
        if (m_p == m_end)
            return false;
        const char16_t c = m_p->unicode();
        if (c == u'{' || c == u'[') {
            if (depth >= 1024)
                return false;
            ++m_p;
            const char16_t close = c == u'{' ? u'}' : u']';
            if (eat(close))
                return true;
            do {
                if (c == u'{') {
                    if (!eat(u'"') || !string() || !eat(u':'))
                        return false;
                }
                if (!value(depth + 1))
                    return false;
            } while (eat(u','));
            return eat(close);
        }
        if (c == u'"') {
            ++m_p;
            return string();
        }
        if (c == u't')
            return literal("true");
        if (c == u'f')
            return literal("false");
        if (c == u'n')
            return literal("null");
        return number();
    }

    const QChar *m_p;
    const QChar *m_end;
};

struct Analysis
{
    std::array<double, LangCount> score{};
    bool jsonParses = false;
    int lines = 0; // non-blank, non-comment
};

void scoreLine(QStringView line, Analysis &a, int &yamlShaped, int &yamlKeys, int &tomlSections,
               int &tomlPairs, int &dockerInstr)
{
    auto &s = a.score;
    const QStringView t = line.trimmed();
    if (t.isEmpty())
        return;
    const QChar c0 = t.at(0);

    // Comment lines: shared by many languages, so mostly neutral.
    if (c0 == QLatin1Char('#')) {
        if (starts(t, "#!")) {
            if (has(t, "python"))
                s[Python] += 6;
            else if (has(t, "node"))
                s[JavaScript] += 6;
            else if (has(t, "sh"))
                s[Bash] += 6;
            return;
        }
        if (starts(t, "#include")) {
            s[C] += 2;
            s[Cpp] += 2;
            if (has(t, "<iostream>") || has(t, "<vector>") || has(t, "<string>")
                || has(t, "<memory>") || has(t, "<map>") || has(t, "<algorithm>"))
                s[Cpp] += 3;
            ++a.lines;
            return;
        }
        if (starts(t, "#define ") || starts(t, "#ifndef ") || starts(t, "#pragma ")
            || starts(t, "#endif") || starts(t, "#ifdef ")) {
            s[C] += 1;
            s[Cpp] += 1;
            ++a.lines;
            return;
        }
        if (starts(t, "#[derive") || starts(t, "#[cfg") || starts(t, "#[test]")) {
            s[Rust] += 3;
            ++a.lines;
            return;
        }
        if (starts(t, "## ") || starts(t, "### "))
            s[Markdown] += 1;
        return;
    }
    if (starts(t, "--")) {
        if (t.size() == 2 || t.at(2) == QLatin1Char(' '))
            s[Sql] += 0.5;
        return;
    }
    if (starts(t, "//") || starts(t, "/*") || starts(t, "* ") || t == QLatin1String("*/"))
        return;

    ++a.lines;
    const quint32 f = features(t);

    // SQL.
    static const KeywordSet kSqlStatements{
        "create table", "create index", "create unique index", "create view",
        "create or replace", "create extension", "create schema", "create function",
        "create trigger", "create type", "create sequence", "create materialized view",
        "create database", "create role", "alter table", "drop table", "drop index",
        "drop view", "drop schema", "drop database", "insert into", "delete from",
        "truncate table", "grant ", "revoke "};
    static const KeywordSet kSqlQueries{"select ", "select", "values", "on conflict",
                                        "begin;", "commit;", "rollback;"};
    static const KeywordSet kSqlClauses{"where ", "join ", "left join", "inner join",
                                        "group by", "order by", "limit ", "returning ",
                                        "primary key", "foreign key", "references ",
                                        "constraint ", "unique (", "check (", "having "};
    if (kSqlStatements.matches(t)) {
        s[Sql] += 3;
    } else if (kSqlQueries.matches(t)
               || (keyword(t, "update ") && has(t, " SET ")) || (keyword(t, "update ")
                   && has(t, " set "))
               || (keyword(t, "with ") && (has(t, " AS (") || has(t, " as (")))) {
        s[Sql] += 2;
    } else if (kSqlClauses.matches(t) || (keyword(t, "from ") && !has(t, " import "))) {
        s[Sql] += 1;
    } else if (sqlColumn(t)) {
        s[Sql] += 1;
    } else if (t == QLatin1String(");") || t == QLatin1String(")")) {
        s[Sql] += 0.5;
    }

    // Python.
    if (starts(t, "def ") || starts(t, "async def ")) {
        const int at = starts(t, "def ") ? 4 : 10;
        const int n = identAt(t, at);
        if (n > 0 && at + n < t.size() && t.at(at + n) == QLatin1Char('('))
            s[Python] += t.endsWith(QLatin1Char(':')) ? 3 : 2;
    } else if (starts(t, "class ")) {
        const int n = identAt(t, 6);
        if (n > 0 && t.endsWith(QLatin1Char(':')))
            s[Python] += 3;
        else if (n > 0 && has(t, "):"))
            s[Python] += 2;
    } else if (starts(t, "from ") && has(t, " import ")) {
        s[Python] += 3;
    } else if (starts(t, "import ") && identAt(t, 7) > 0 && !t.endsWith(QLatin1Char(';'))
               && !has(t, "'") && !has(t, "\"") && !has(t, "{") && !has(t, " from ")) {
        s[Python] += 2;
    } else if ((starts(t, "elif ") || starts(t, "except") || t == QLatin1String("try:")
                || t == QLatin1String("finally:") || starts(t, "raise ")
                || t == QLatin1String("pass") || starts(t, "if __name__"))) {
        s[Python] += 2;
    } else if (t.endsWith(QLatin1Char(':'))
               && (starts(t, "if ") || starts(t, "for ") || starts(t, "while ")
                   || starts(t, "with ") || t == QLatin1String("else:"))) {
        s[Python] += 1.5;
    } else if (c0 == QLatin1Char('@') && identAt(t, 1) > 0 && !has(t, " ")) {
        s[Python] += 1;
        s[Java] += 0.5;
        s[TypeScript] += 0.5;
    }
    if (f & FTriple)
        s[Python] += 1.5;
    if (f & FSelf)
        s[Python] += 1;

    // Bash.
    if (starts(t, "set -e") || starts(t, "set -u") || starts(t, "set -o")
        || starts(t, "set -x")) {
        s[Bash] += 3;
    } else if (starts(t, "export ") && identAt(t, 7) > 0
               && t.indexOf(QLatin1Char('=')) == 7 + identAt(t, 7)) {
        s[Bash] += 2;
    } else if (t == QLatin1String("fi") || t == QLatin1String("done")
               || t == QLatin1String("esac") || t == QLatin1String("then")
               || t == QLatin1String("do") || t == QLatin1String(";;")) {
        s[Bash] += 2;
    } else if (starts(t, "if [") || starts(t, "elif [") || starts(t, "while [")
               || ((starts(t, "for ") || starts(t, "while ")) && has(t, "; do"))) {
        s[Bash] += 3;
    } else if (starts(t, "echo ") || starts(t, "printf \"") || starts(t, "local ")
               || starts(t, "source ") || starts(t, "readonly ") || starts(t, "sudo ")
               || starts(t, "apt-get ") || starts(t, "apt ") || starts(t, "cd ")
               || starts(t, "mkdir ") || starts(t, "rm -") || starts(t, "chmod ")
               || starts(t, "chown ") || starts(t, "curl ") || starts(t, "wget ")
               || starts(t, "systemctl ") || starts(t, "exit ") || starts(t, "cp ")
               || starts(t, "mv ") || starts(t, "pip install") || starts(t, "npm ")) {
        s[Bash] += 1.5;
    } else {
        const int n = identAt(t, 0);
        if (n > 0 && n < t.size() && t.at(n) == QLatin1Char('=')
            && (n + 1 == t.size() || t.at(n + 1) != QLatin1Char('='))
            && !t.endsWith(QLatin1Char(';')) && !t.endsWith(QLatin1Char(',')))
            s[Bash] += 1.5;
    }
    if (f & FDollar)
        s[Bash] += 0.5;
    if (f & FPipe)
        s[Bash] += 1;

    // JSON lines ("key": value,), also part of JS objects.
    if (c0 == QLatin1Char('"') && has(t, "\":"))
        s[Json] += 1;

    // JavaScript and TypeScript.
    if ((starts(t, "const ") || starts(t, "let ") || starts(t, "var ")) && has(t, " =")) {
        s[JavaScript] += 2;
    } else if (starts(t, "function ") || starts(t, "async function")) {
        if (has(t, "(")) {
            s[JavaScript] += 2;
            s[Bash] += 0.5;
        }
    } else if (starts(t, "import ") && (has(t, " from '") || has(t, " from \"")
                                        || starts(t, "import '") || starts(t, "import \""))) {
        s[JavaScript] += 2;
    } else if (starts(t, "export default") || starts(t, "export const ")
               || starts(t, "export function ") || starts(t, "export class ")
               || starts(t, "export async ") || starts(t, "export {")) {
        s[JavaScript] += 2;
    } else if (starts(t, "module.exports") || starts(t, "exports.")) {
        s[JavaScript] += 3;
    } else if (starts(t, "console.") || starts(t, "document.") || starts(t, "window.")) {
        s[JavaScript] += 2;
    } else if (starts(t, "});") || starts(t, "})")) {
        s[JavaScript] += 1;
    }
    if (f & FJs)
        s[JavaScript] += 1.5;
    if (f & FArrow)
        s[JavaScript] += 1;
    if (starts(t, "interface ") || starts(t, "export interface ") || starts(t, "export type ")
        || (starts(t, "type ") && identAt(t, 5) > 0 && has(t, " = "))) {
        s[TypeScript] += 3;
    } else if (f & FTsType) {
        s[TypeScript] += 2;
    }

    // YAML shape: "key: value", "key:", "- item", "---".
    {
        QStringView u = t;
        bool item = false;
        if (starts(u, "- ") || u == QLatin1String("-")) {
            item = true;
            u = u.mid(1).trimmed();
        }
        int n = identAt(u, 0);
        while (n > 0 && n < u.size()
               && (u.at(n) == QLatin1Char('-') || u.at(n) == QLatin1Char('.')
                   || u.at(n) == QLatin1Char('/'))) {
            const int more = identAt(u, n + 1);
            n = more > 0 ? n + 1 + more : n;
            if (more == 0)
                break;
        }
        const bool key = n > 0 && n < u.size() && u.at(n) == QLatin1Char(':')
            && (n + 1 == u.size() || u.at(n + 1) == QLatin1Char(' '))
            && !u.endsWith(QLatin1Char(';')) && !u.endsWith(QLatin1Char('{'))
            && !u.endsWith(QLatin1Char(',')) && !u.endsWith(QLatin1Char('('))
            && u != QLatin1String("else:") && u != QLatin1String("try:")
            && u != QLatin1String("finally:") && !starts(u, "except");
        if (key)
            ++yamlKeys;
        if (key || item || t == QLatin1String("---"))
            ++yamlShaped;
    }

    // TOML shape: "[section]", "key = value".
    if (c0 == QLatin1Char('[') && t.endsWith(QLatin1Char(']')) && t.size() > 2
        && (identAt(t, 1) > 0 || identAt(t, 2) > 0) && !has(t, ",") && !has(t, "\"")) {
        ++tomlSections;
    } else {
        int n = identAt(t, 0);
        while (n > 0 && n < t.size()
               && (t.at(n) == QLatin1Char('.') || t.at(n) == QLatin1Char('-'))) {
            const int more = identAt(t, n + 1);
            if (more == 0)
                break;
            n += 1 + more;
        }
        if (n > 0 && t.mid(n).startsWith(QLatin1String(" = ")) && !t.endsWith(QLatin1Char(';')))
            ++tomlPairs;
    }

    // HTML.
    if (c0 == QLatin1Char('<')) {
        if (t.startsWith(QLatin1String("<!doctype html"), Qt::CaseInsensitive))
            s[Html] += 8;
        else if (t.startsWith(QLatin1String("<html"), Qt::CaseInsensitive))
            s[Html] += 5;
        else if ((identAt(t, 1) > 0 || starts(t, "</")) && has(t, ">"))
            s[Html] += 1;
    }

    // CSS.
    if (c0 == QLatin1Char('@')
        && (starts(t, "@media ") || starts(t, "@import ") || starts(t, "@font-face")
            || starts(t, "@keyframes "))) {
        s[Css] += 2;
    } else if (t.endsWith(QLatin1Char('{')) && !(f & (FParen | FEq))
               && (c0 == QLatin1Char('.') || c0 == QLatin1Char('#') || c0 == QLatin1Char(':')
                   || c0 == QLatin1Char('*'))) {
        s[Css] += 1.5;
    } else if (t.endsWith(QLatin1Char(';')) && c0.isLower()) {
        int n = 0;
        while (n < t.size() && (t.at(n).isLower() || t.at(n) == QLatin1Char('-')))
            ++n;
        if (n > 0 && n + 1 < t.size() && t.at(n) == QLatin1Char(':')
            && t.at(n + 1) == QLatin1Char(' ') && !(f & FParen))
            s[Css] += 1;
    }

    // Markdown.
    if (starts(t, "```") || (starts(t, "[") && has(t, "](")))
        s[Markdown] += 1.5;
    else if (f & FBold)
        s[Markdown] += 0.5;

    // Dockerfile: upper-case instructions.
    if (starts(t, "FROM ")) {
        const QStringView image = t.mid(5).trimmed();
        if (image.indexOf(QLatin1Char(' ')) < 0
            ? (has(image, ":") || has(image, "/") || image == QLatin1String("scratch"))
            : has(image, " AS ")) {
            s[Dockerfile] += 3;
            ++dockerInstr;
        }
    } else if (starts(t, "RUN ") || starts(t, "COPY ") || starts(t, "WORKDIR ")
               || starts(t, "EXPOSE ") || starts(t, "ENTRYPOINT ") || starts(t, "CMD ")
               || starts(t, "ENV ") || starts(t, "ARG ") || starts(t, "USER ")
               || starts(t, "HEALTHCHECK ") || starts(t, "VOLUME ") || starts(t, "LABEL ")
               || starts(t, "ADD ")) {
        s[Dockerfile] += 2;
        ++dockerInstr;
    }

    // Go.
    if (starts(t, "package ") && identAt(t, 8) > 0 && !t.endsWith(QLatin1Char(';'))) {
        s[Go] += 3;
    } else if (starts(t, "func ") || (f & FGoErr) || starts(t, "import (")
               || starts(t, "defer ") || starts(t, "go func")) {
        s[Go] += 3;
    } else if (starts(t, "type ") && has(t, " struct {")) {
        s[Go] += 3;
    }
    if (f & FGo)
        s[Go] += 1;

    // Rust.
    if (starts(t, "fn ") || starts(t, "pub fn ") || starts(t, "pub struct ")
        || starts(t, "pub enum ") || starts(t, "impl ") || starts(t, "let mut ")
        || starts(t, "pub(crate)") || (starts(t, "use ") && has(t, "::"))) {
        s[Rust] += 3;
    }
    if (f & FRust)
        s[Rust] += 2;

    // Java.
    if (starts(t, "public class ") || starts(t, "public final class ")
        || starts(t, "public interface ") || starts(t, "public abstract class ")) {
        s[Java] += 3;
    } else if (f & FJavaMain) {
        s[Java] += 4;
    } else if ((starts(t, "import java") || starts(t, "import org.") || starts(t, "import com.")
                || starts(t, "package "))
               && t.endsWith(QLatin1Char(';'))) {
        s[Java] += 3;
    } else if (starts(t, "@Override")) {
        s[Java] += 2;
    } else if ((starts(t, "private ") || starts(t, "public ") || starts(t, "protected "))
               && (t.endsWith(QLatin1Char(';')) || t.endsWith(QLatin1Char('{')))
               && !has(t, ": ")) {
        s[Java] += 1.5;
        s[Cpp] += 0.5;
    }
    if (f & FJava)
        s[Java] += 2;

    // C and C++.
    if (starts(t, "int main(")) {
        s[C] += 2;
        s[Cpp] += 2;
    } else if (starts(t, "namespace ") || starts(t, "template <") || starts(t, "template<")
               || starts(t, "using namespace ") || starts(t, "std::")) {
        s[Cpp] += 3;
    } else if (starts(t, "typedef ") || (starts(t, "struct ") && t.endsWith(QLatin1Char('{')))) {
        s[C] += 1.5;
        s[Cpp] += 1;
    }
    if (f & FCpp)
        s[Cpp] += 2;
    if (f & FC)
        s[C] += 1.5;
}

constexpr int kSampleLines = 48;
constexpr qsizetype kSampleChars = 4096;

// `declared`, when the caller only needs the guess against a declared language (resolve,
// mismatch), lets the sample stop sooner where that cannot change the answer. `whole`
// scores every line instead of a sample, without stopping early.
Analysis analyze(const QString &content, int declared = -1, bool whole = false)
{
    Analysis a;
    const QStringView all(content);
    const QStringView body = all.trimmed();
    if (!body.isEmpty()
        && ((body.front() == QLatin1Char('{') && body.back() == QLatin1Char('}'))
            || (body.front() == QLatin1Char('[') && body.back() == QLatin1Char(']')))) {
        a.jsonParses = JsonValidator(all).valid();
    }
    // Declared JSON that parses as JSON is JSON: nothing the lines score can outweigh that.
    if (declared == Json && a.jsonParses) {
        a.score[Json] += 1000;
        return a;
    }
    const bool declaredJs = declared == JavaScript || declared == TypeScript;
    int yamlShaped = 0;
    int yamlKeys = 0;
    int tomlSections = 0;
    int tomlPairs = 0;
    int dockerInstr = 0;
    // The guess reads a sample: the first kSampleLines scored lines within the first
    // kSampleChars. What a file is shows in its first lines, the scores are relative (shares
    // and ratios), and the import runs this on every artifact: bounded work per artifact.
    // JSON validity above still looks at the whole text.
    // A sample that is already decisive stops early (a fifth of the import's parse time
    // went to this guess): after 12 scored lines, one language at least 8 times ahead of
    // every unrelated one with half a point a line; after 24, 4 times ahead with a point a
    // line. Never with evidence that only counts at the end (YAML shapes, TOML sections,
    // Dockerfile instructions) or JavaScript/TypeScript (TypeScript-only evidence may come
    // late and turns the guess to TypeScript), unless one of those two is declared (the
    // answer is then the declared one either way).
    const auto decisive = [&](double ratio, double perLine) {
        if (yamlShaped > 0 || tomlSections > 0 || dockerInstr > 0)
            return false;
        int best = 0;
        for (int i = 1; i < LangCount; ++i) {
            if (a.score[i] > a.score[best])
                best = i;
        }
        if (((best == JavaScript || best == TypeScript) && !declaredJs)
            || a.score[best] < perLine * a.lines)
            return false;
        for (int i = 0; i < LangCount; ++i) {
            if (!related(i, best) && ratio * a.score[i] > a.score[best])
                return false;
        }
        return true;
    };
    qsizetype start = 0;
    const qsizetype stop = whole ? all.size() : std::min(all.size(), kSampleChars);
    const int maxLines = whole ? std::numeric_limits<int>::max() : kSampleLines;
    while (start <= stop && a.lines < maxLines) {
        qsizetype end = all.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = all.size();
        const int before = a.lines;
        scoreLine(all.mid(start, end - start), a, yamlShaped, yamlKeys, tomlSections,
                  tomlPairs, dockerInstr);
        start = end + 1;
        if (before == a.lines || whole)
            continue;
        if ((a.lines == 12 && decisive(8, 0.5)) || (a.lines == 24 && decisive(4, 1)))
            break;
    }
    auto &s = a.score;
    // Shapes only count when they dominate: YAML and TOML are mostly what other
    // languages' lines also look like.
    const int lines = std::max(a.lines, 1);
    if (yamlKeys >= 2 && yamlShaped * 10 >= lines * 7)
        s[Yaml] += 1.5 * yamlShaped;
    if (tomlSections >= 1 && (tomlSections + tomlPairs) * 10 >= lines * 7)
        s[Toml] += 2.0 * (tomlSections + tomlPairs);
    if (dockerInstr < 2)
        s[Dockerfile] = 0;
    // TypeScript is JavaScript plus types: only TS-only evidence makes it TS.
    if (s[TypeScript] > 0)
        s[TypeScript] += s[JavaScript];
    if (a.jsonParses)
        s[Json] += 1000;
    return a;
}

int confidenceOf(const Analysis &a, int lang)
{
    if (lang < 0)
        return 0;
    if (lang == Json && a.jsonParses)
        return 100;
    const double own = a.score[lang];
    if (own <= 0)
        return 0;
    double rival = 0;
    for (int i = 0; i < LangCount; ++i) {
        if (!related(i, lang))
            rival = std::max(rival, a.score[i]);
    }
    const double saturation = own / (own + 4.0);
    const double share = own / (own + rival);
    return int(std::lround(100.0 * saturation * share));
}

// Index of the guessed language, -1 for plaintext.
int guessOf(const Analysis &a)
{
    int best = -1;
    for (int i = 0; i < LangCount; ++i) {
        if (a.score[i] > 0 && (best < 0 || a.score[i] > a.score[best]))
            best = i;
    }
    if (best < 0 || a.score[best] < 4)
        return -1;
    double rival = 0;
    for (int i = 0; i < LangCount; ++i) {
        if (!related(i, best))
            rival = std::max(rival, a.score[i]);
    }
    return a.score[best] >= 2 * rival ? best : -1;
}

QString mismatchOf(const Analysis &a, int declared)
{
    if (declared < 0 || declared == Markdown)
        return {};
    const int guess = guessOf(a);
    if (guess < 0 || related(guess, declared))
        return {};
    if (confidenceOf(a, guess) >= 60 && confidenceOf(a, declared) <= 15)
        return QLatin1String(kIds[guess]);
    return {};
}

} // namespace

QString fromPath(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    const QString lower = name.toLower();
    if (lower == QLatin1String("dockerfile") || lower.startsWith(QLatin1String("dockerfile."))
        || lower.endsWith(QLatin1String(".dockerfile")) || lower == QLatin1String("containerfile"))
        return QStringLiteral("dockerfile");
    if (lower == QLatin1String(".bashrc") || lower == QLatin1String(".profile")
        || lower == QLatin1String(".zshrc") || lower == QLatin1String(".bash_profile"))
        return QStringLiteral("bash");
    const int dot = lower.lastIndexOf(QLatin1Char('.'));
    if (dot < 0)
        return plaintext();
    const QString ext = lower.mid(dot + 1);
    struct Ext
    {
        const char *ext;
        const char *lang;
    };
    static const Ext kExts[] = {
        {"sql", "sql"}, {"psql", "sql"}, {"pgsql", "sql"}, {"ddl", "sql"},
        {"py", "python"}, {"pyw", "python"}, {"pyi", "python"},
        {"sh", "bash"}, {"bash", "bash"}, {"zsh", "bash"}, {"ksh", "bash"},
        {"json", "json"}, {"jsonc", "json"}, {"geojson", "json"},
        {"js", "javascript"}, {"mjs", "javascript"}, {"cjs", "javascript"},
        {"jsx", "javascript"}, {"ts", "typescript"}, {"tsx", "typescript"},
        {"mts", "typescript"}, {"cts", "typescript"}, {"yml", "yaml"}, {"yaml", "yaml"},
        {"toml", "toml"}, {"html", "html"}, {"htm", "html"}, {"xhtml", "html"},
        {"css", "css"}, {"md", "markdown"}, {"markdown", "markdown"},
        {"c", "c"}, {"h", "c"}, {"cc", "cpp"}, {"cpp", "cpp"}, {"cxx", "cpp"},
        {"c++", "cpp"}, {"hpp", "cpp"}, {"hh", "cpp"}, {"hxx", "cpp"},
        {"go", "go"}, {"rs", "rust"}, {"java", "java"},
    };
    for (const Ext &e : kExts) {
        if (ext == QLatin1String(e.ext))
            return QLatin1String(e.lang);
    }
    return plaintext();
}

QString fromFenceTag(const QString &tag)
{
    // "```python title=x", "```{.python}", "```py:app.py": the first word names it.
    QString word = tag.trimmed().toLower();
    while (word.startsWith(QLatin1Char('{')) || word.startsWith(QLatin1Char('.')))
        word.remove(0, 1);
    const int stop = word.indexOf(QRegularExpression(QStringLiteral("[\\s:,}]")));
    if (stop >= 0) {
        const QString rest = word.mid(stop + 1);
        word.truncate(stop);
        if (word.isEmpty() && !rest.isEmpty())
            word = rest;
    }
    if (word.isEmpty())
        return plaintext();
    struct Alias
    {
        const char *tag;
        const char *lang;
    };
    static const Alias kAliases[] = {
        {"sql", "sql"}, {"postgresql", "sql"}, {"postgres", "sql"}, {"psql", "sql"},
        {"pgsql", "sql"}, {"plpgsql", "sql"}, {"mysql", "sql"}, {"sqlite", "sql"},
        {"tsql", "sql"}, {"plsql", "sql"},
        {"python", "python"}, {"py", "python"}, {"python3", "python"}, {"py3", "python"},
        {"bash", "bash"}, {"sh", "bash"}, {"shell", "bash"}, {"zsh", "bash"},
        {"shellscript", "bash"}, {"console", "bash"}, {"ksh", "bash"},
        {"json", "json"}, {"jsonc", "json"}, {"json5", "json"},
        {"javascript", "javascript"}, {"js", "javascript"}, {"node", "javascript"},
        {"nodejs", "javascript"}, {"jsx", "javascript"}, {"mjs", "javascript"},
        {"typescript", "typescript"}, {"ts", "typescript"}, {"tsx", "typescript"},
        {"yaml", "yaml"}, {"yml", "yaml"}, {"toml", "toml"},
        {"html", "html"}, {"htm", "html"}, {"xhtml", "html"}, {"css", "css"},
        {"markdown", "markdown"}, {"md", "markdown"},
        {"dockerfile", "dockerfile"}, {"docker", "dockerfile"},
        {"c", "c"}, {"h", "c"}, {"cpp", "cpp"}, {"c++", "cpp"}, {"cxx", "cpp"},
        {"cc", "cpp"}, {"hpp", "cpp"}, {"go", "go"}, {"golang", "go"},
        {"rust", "rust"}, {"rs", "rust"}, {"java", "java"},
        {"text", "plaintext"}, {"txt", "plaintext"}, {"plaintext", "plaintext"},
        {"plain", "plaintext"},
    };
    for (const Alias &a : kAliases) {
        if (word == QLatin1String(a.tag))
            return QLatin1String(a.lang);
    }
    // A tag that is a file name ("```app.py").
    if (word.contains(QLatin1Char('.')))
        return fromPath(word);
    return plaintext();
}

QString fromContent(const QString &content)
{
    const int guess = guessOf(analyze(content));
    return guess < 0 ? plaintext() : QString(QLatin1String(kIds[guess]));
}

int confidence(const QString &content, const QString &language)
{
    const Analysis a = analyze(content);
    if (language == QLatin1String("plaintext")) {
        const int guess = guessOf(a);
        if (guess >= 0)
            return 100 - confidenceOf(a, guess);
        int best = 0;
        for (int i = 0; i < LangCount; ++i)
            best = std::max(best, confidenceOf(a, i));
        return 100 - best;
    }
    return confidenceOf(a, langIndex(language));
}

QString resolve(const QString &content, const QString &declared)
{
    const int declaredIndex = langIndex(declared);
    const Analysis a = analyze(content, declaredIndex);
    if (declaredIndex < 0) {
        const int guess = guessOf(a);
        return guess < 0 ? plaintext() : QString(QLatin1String(kIds[guess]));
    }
    const QString other = mismatchOf(a, declaredIndex);
    return other.isEmpty() ? declared : other;
}

QString mismatch(const QString &content, const QString &declared)
{
    const int declaredIndex = langIndex(declared);
    return mismatchOf(analyze(content, declaredIndex), declaredIndex);
}

QString mismatchInWholeText(const QString &content, const QString &declared)
{
    const int declaredIndex = langIndex(declared);
    return mismatchOf(analyze(content, declaredIndex, true), declaredIndex);
}

} // namespace verdict::LanguageDetector
