// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/diagnostic.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace verdict {

// What a rule id means, for machine-readable output (SARIF's rule metadata) and help.
struct RuleInfo
{
    QString id;          // "syntax-error", "pyflakes/undefined-name", "shellcheck/SC2086"
    QString name;        // "SyntaxError", "UndefinedName", "SC2086"
    QString description; // one sentence
    DiagnosticSeverity level = DiagnosticSeverity::Warning; // the level it is reported at
};

namespace Rules {

// Every rule whose id is known before anything is checked: Verdict's own and pyflakes'.
// ShellCheck's codes are not listed (hundreds, and they come with each ShellCheck
// release); describe() makes their entry from the id.
const std::vector<RuleInfo> &known();

// The entry for any rule id: a known one, a "shellcheck/SCnnnn" one, or a generic entry.
RuleInfo describe(const QString &id);

} // namespace Rules

// The rules a team turned off (setting `disabled_rules`, `verdict-cli check --disable`):
// a comma- (or space-) separated list of entries, each a rule id ("shellcheck/SC2086"),
// a family ("pyflakes", "shellcheck/" or "pyflakes/*": every rule under it) or a prefix
// ending in '*' ("shellcheck/SC20*"). Case-sensitive, like the ids.
class DisabledRules final
{
public:
    static const QString kSettingKey; // "disabled_rules"

    DisabledRules() = default;
    explicit DisabledRules(const QString &list) { add(list); }

    void add(const QString &list);
    bool isEmpty() const { return m_exact.isEmpty() && m_prefixes.isEmpty(); }
    bool disables(const QString &rule) const;
    // True when every rule of `family` ("pyflakes", "shellcheck") is off: its checker need
    // not run at all, not even to say that its tool is missing.
    bool disablesFamily(const QString &family) const;
    // Drops the diagnostics of disabled rules.
    void filter(std::vector<Diagnostic> *diagnostics) const;
    // Normalised entries, sorted (for cache keys and messages).
    QStringList entries() const;

private:
    QStringList m_exact;
    QStringList m_prefixes; // "pyflakes/", "shellcheck/SC20"
};

} // namespace verdict
