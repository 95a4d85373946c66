// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"

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

    bool available() const { return !m_bash.isEmpty(); }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

private:
    QString m_bash;
    int m_timeoutMs = 5000;
};

} // namespace verdict
