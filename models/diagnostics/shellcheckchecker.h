// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"

#include <QHash>

namespace verdict {

// `shellcheck/SCnnnn` for shell scripts, from ShellCheck (reads, never executes). Its level
// maps to the severity: error -> error, warning -> warning, info and style -> info.
//
// Batched: prepare() writes the scripts to a private temporary folder and runs one
// `shellcheck -f json1` over all of them (a process per script would cost more than the
// checks); check() answers from that run, or runs ShellCheck on its artifact alone. A batch
// that fails (timeout, crash, output cap) is redone one script at a time, so one hostile
// script costs only itself a "not checked".
//
// Left out on purpose: ShellCheck's own parse errors (SC1xxx at level error): whether a
// script parses is `syntax-error`'s answer, from bash itself. SC1090/SC1091 (a sourced file
// ShellCheck cannot follow): the report carries one file, not the project it sources from.
// Scripts without a #! line are checked as bash (what `syntax-error` parses them as); a
// script for a shell ShellCheck does not know (zsh, a #! naming another interpreter) gets
// one info instead of findings.
class ShellCheckChecker final : public Checker
{
public:
    // `shellcheck`: path of shellcheck; empty = the one on PATH.
    explicit ShellCheckChecker(const QString &shellcheck = {});

    QString id() const override { return QStringLiteral("shellcheck"); }
    QString version() const override;
    bool appliesTo(const Artifact &artifact) const override;
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal) override;
    void prepare(const std::vector<const Artifact *> &artifacts) override;
    bool batches() const override { return available(); }

    bool available() const { return !m_shellcheck.isEmpty(); }
    QString toolVersion() const { return m_toolVersion; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // ShellCheck processes started so far (tests: batching).
    int runs() const { return m_runs; }

    struct Finding
    {
        int line = 0;
        int column = 0; // code points, 1-based, as ShellCheck counts them
        int code = 0;
        QString level;
        QString message;
    };
    // One script's outcome: its findings, or why there are none ("failure"), or that
    // ShellCheck does not check this dialect.
    struct Outcome
    {
        std::vector<Finding> findings;
        QString failure;
        bool unsupported = false;
        bool parseFailed = false; // ShellCheck's parser stopped (its errors are not shown)
    };

private:
    std::vector<Outcome> run(const std::vector<const Artifact *> &scripts);
    std::vector<Outcome> runOnce(const std::vector<const Artifact *> &scripts, bool *ok);
    static QString key(const Artifact &artifact);

    QString m_shellcheck;
    QString m_toolVersion;
    int m_timeoutMs = 5000;
    int m_runs = 0;
    QHash<QString, Outcome> m_prepared;
};

} // namespace verdict
