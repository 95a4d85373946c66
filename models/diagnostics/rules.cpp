// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/rules.h"

#include "diagnostics/pyflakeschecker.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace verdict {

namespace {

RuleInfo rule(const char *id, const char *name, const char *description,
              DiagnosticSeverity level)
{
    return {QString::fromLatin1(id), QString::fromLatin1(name), QString::fromUtf8(description),
            level};
}

std::vector<RuleInfo> buildKnown()
{
    using S = DiagnosticSeverity;
    // Verdict's own rules, as in docs/USER-GUIDE.md's rule table.
    std::vector<RuleInfo> out{
        rule("syntax-error", "SyntaxError",
             "The content does not parse as its language (the language it really is when "
             "language-mismatch fired).",
             S::Error),
        rule("language-mismatch", "LanguageMismatch",
             "The content is clearly another language than the file name or fence tag says.",
             S::Error),
        rule("duplicate-id", "DuplicateId",
             "An earlier report in the same file has the same id.", S::Error),
        rule("missing-field", "MissingField",
             "id, timestamp, severity or block_execution missing or malformed in the report.",
             S::Error),
        rule("dangerous-target", "DangerousTarget",
             "The proposal writes outside the project or a file that runs or grants access "
             "by itself.",
             S::Error),
        rule("destructive-sql", "DestructiveSql",
             "DROP TABLE / SCHEMA / DATABASE / COLUMN, TRUNCATE, or DELETE / UPDATE without "
             "WHERE.",
             S::Error),
        rule("secret", "Secret", "A hard-coded credential.", S::Error),
        rule("target-conflict", "TargetConflict",
             "Other proposals write the same file path.", S::Warning),
        rule("fk-without-index", "ForeignKeyWithoutIndex",
             "A foreign key column that no index starts with.", S::Warning),
        rule("table-without-primary-key", "TableWithoutPrimaryKey",
             "A created table has no primary key.", S::Warning),
        rule("id-array", "IdArray", "An array of ids stands in for a relation.", S::Warning),
        rule("not-checked", "NotChecked",
             "The checker or linter for this language is not installed, or the file is too "
             "large to parse.",
             S::Info),
    };
    const auto &pyflakes = PyflakesChecker::rules();
    out.insert(out.end(), pyflakes.begin(), pyflakes.end());
    return out;
}

} // namespace

const std::vector<RuleInfo> &Rules::known()
{
    static const std::vector<RuleInfo> rules = buildKnown();
    return rules;
}

RuleInfo Rules::describe(const QString &id)
{
    static const QHash<QString, int> index = [] {
        QHash<QString, int> h;
        const auto &all = known();
        for (int i = 0; i < int(all.size()); ++i)
            h.insert(all[size_t(i)].id, i);
        return h;
    }();
    const auto it = index.constFind(id);
    if (it != index.constEnd())
        return known()[size_t(*it)];
    static const QString shellcheck = QStringLiteral("shellcheck/");
    if (id.startsWith(shellcheck)) {
        const QString code = id.mid(shellcheck.size());
        return {id, code,
                QStringLiteral("ShellCheck %1 (see ShellCheck's documentation of %1).")
                    .arg(code),
                DiagnosticSeverity::Warning};
    }
    // An id this build does not know (a newer pyflakes message, a cached result): name it
    // after its last part, in words.
    QString name;
    bool upper = true;
    for (const QChar c : id.mid(id.lastIndexOf(QLatin1Char('/')) + 1)) {
        if (c == QLatin1Char('-') || c == QLatin1Char('_')) {
            upper = true;
            continue;
        }
        name += upper ? c.toUpper() : c;
        upper = false;
    }
    return {id, name.isEmpty() ? id : name, QStringLiteral("Rule %1.").arg(id),
            DiagnosticSeverity::Warning};
}

const QString DisabledRules::kSettingKey = QStringLiteral("disabled_rules");

void DisabledRules::add(const QString &list)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    for (QString entry : list.split(separators, Qt::SkipEmptyParts)) {
        if (entry.endsWith(QLatin1String("/*")))
            entry.chop(1); // "pyflakes/*" -> "pyflakes/"
        if (entry.endsWith(QLatin1Char('*'))) {
            entry.chop(1);
            if (!entry.isEmpty() && !m_prefixes.contains(entry))
                m_prefixes << entry;
        } else if (entry.endsWith(QLatin1Char('/'))) {
            if (!m_prefixes.contains(entry))
                m_prefixes << entry;
        } else {
            // A bare family name ("pyflakes") also turns off everything under it.
            if (!m_exact.contains(entry))
                m_exact << entry;
            const QString family = entry + QLatin1Char('/');
            if (!entry.contains(QLatin1Char('/')) && !m_prefixes.contains(family))
                m_prefixes << family;
        }
    }
}

bool DisabledRules::disables(const QString &rule) const
{
    if (m_exact.contains(rule))
        return true;
    for (const QString &p : m_prefixes) {
        if (rule.startsWith(p))
            return true;
    }
    return false;
}

bool DisabledRules::disablesFamily(const QString &family) const
{
    const QString all = family + QLatin1Char('/');
    for (const QString &p : m_prefixes) {
        if (all.startsWith(p))
            return true;
    }
    return false;
}

void DisabledRules::filter(std::vector<Diagnostic> *diagnostics) const
{
    if (isEmpty())
        return;
    diagnostics->erase(std::remove_if(diagnostics->begin(), diagnostics->end(),
                                      [this](const Diagnostic &d) { return disables(d.rule); }),
                       diagnostics->end());
}

QStringList DisabledRules::entries() const
{
    QStringList out = m_exact;
    for (const QString &p : m_prefixes) {
        if (!m_exact.contains(p.chopped(1)))
            out << p + QLatin1Char('*');
    }
    out.sort();
    return out;
}

} // namespace verdict
