// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"

#include <memory>

namespace verdict {

class LineWorker;

// `syntax-error` for Python, from Python's own parser: compile(..., PyCF_ONLY_AST), never
// exec. One long-lived `python3 -I -S` worker per checker instance is fed every snippet; it
// is restarted when it dies, and killed (then restarted) when a snippet takes too long.
class PythonSyntaxChecker final : public Checker
{
public:
    // `interpreter`: path of python3; empty = python3 found on PATH.
    explicit PythonSyntaxChecker(const QString &interpreter = {});
    ~PythonSyntaxChecker() override;

    QString id() const override { return QStringLiteral("python-syntax"); }
    QString version() const override { return QStringLiteral("1"); }
    bool appliesTo(const Artifact &artifact) const override;
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal) override;

    bool available() const { return !m_interpreter.isEmpty(); }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // Worker processes started so far, and the current one's pid (tests and diagnostics).
    int workerStarts() const;
    qint64 workerPid() const;

private:
    QString m_interpreter;
    std::unique_ptr<LineWorker> m_worker;
    int m_timeoutMs = 5000;
};

} // namespace verdict
