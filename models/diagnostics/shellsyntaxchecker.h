// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"
#include "diagnostics/childprocess.h"

#include <optional>

namespace verdict {

// `syntax-error` for shell scripts, from `bash -n` (reads and parses, never executes), with
// a clean environment (no BASH_ENV, no rc files).
class ShellSyntaxChecker final : public Checker
{
public:
    // `bash`: path of bash; empty = bash found on PATH.
    explicit ShellSyntaxChecker(const QString &bash = {});

    QString id() const override { return QStringLiteral("shell-syntax"); }
    QString version() const override { return QStringLiteral("1"); }
    bool appliesTo(const Artifact &artifact) const override;
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal) override;

    // Whether `content` parses as a bash script; std::nullopt when that cannot be known.
    // Kept for a check() of the same text (bash -n runs once).
    std::optional<bool> parses(const QString &content);

    bool available() const { return !m_bash.isEmpty(); }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

private:
    ProcessOutput run(const QString &content);

    QString m_bash;
    int m_timeoutMs = 5000;
    RecentAnswers<ProcessOutput> m_recent;
};

} // namespace verdict
