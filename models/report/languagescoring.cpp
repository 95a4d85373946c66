// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/languagescoring.h"

#include "report/languagescan.h"

#include <QLatin1String>

#include <algorithm>

namespace verdict::LanguageScoring {

using namespace LanguageScan;
using namespace Lang;

namespace {

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

} // namespace

void scoreLine(QStringView line, Analysis &a)
{
    auto &s = a.score;
    int &yamlShaped = a.yamlShaped;
    int &yamlKeys = a.yamlKeys;
    int &tomlSections = a.tomlSections;
    int &tomlPairs = a.tomlPairs;
    int &dockerInstr = a.dockerInstr;
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

void finish(Analysis &a)
{
    auto &s = a.score;
    // Shapes only count when they dominate: YAML and TOML are mostly what other
    // languages' lines also look like.
    const int lines = std::max(a.lines, 1);
    if (a.yamlKeys >= 2 && a.yamlShaped * 10 >= lines * 7)
        s[Yaml] += 1.5 * a.yamlShaped;
    if (a.tomlSections >= 1 && (a.tomlSections + a.tomlPairs) * 10 >= lines * 7)
        s[Toml] += 2.0 * (a.tomlSections + a.tomlPairs);
    if (a.dockerInstr < 2)
        s[Dockerfile] = 0;
    // TypeScript is JavaScript plus types: only TS-only evidence makes it TS.
    if (s[TypeScript] > 0)
        s[TypeScript] += s[JavaScript];
    if (a.jsonParses)
        s[Json] += 1000;
}

} // namespace verdict::LanguageScoring
