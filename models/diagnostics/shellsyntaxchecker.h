// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"
#include "diagnostics/childprocess.h"
#include "diagnostics/workerbatch.h"

#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace verdict {

// `syntax-error` for shell scripts, from bash's own parser with execution off, as `bash -n`
// (reads and parses, never executes), with a clean environment (no BASH_ENV, no rc files).
//
// Not a bash process per script (its start was the largest single cost of diagnosing): one
// long-lived `bash --norc --noprofile` worker per checker forks a subshell per script, which
// sources the script written to a private folder with `set -n` put before its first line;
// from that line on, nothing is executed (not `set +n`, not a command substitution), exactly
// as with `bash -n`. Line numbers are taken back by the line added. The worker leads its
// own process group: a timeout kills the subshell with it.
class ShellSyntaxChecker final : public Checker
{
public:
    // `bash`: path of bash; empty = bash found on PATH.
    explicit ShellSyntaxChecker(const QString &bash = {});
    ~ShellSyntaxChecker() override;

    QString id() const override { return QStringLiteral("shell-syntax"); }
    QString version() const override { return QStringLiteral("2"); }
    bool appliesTo(const Artifact &artifact) const override;
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal) override;

    // Whether `content` parses as a bash script; std::nullopt when that cannot be known.
    // Kept for a check() of the same text (bash -n runs once).
    std::optional<bool> parses(const QString &content);

    // CheckerSet::checkAll: as PythonSyntaxChecker::batchFor and batchAnswered (each
    // script of the batch written to its own file first).
    LineWorker::Batch *batchFor(const std::vector<QString> &texts);
    void batchAnswered();

    bool available() const { return !m_bash.isEmpty(); }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int workerStarts() const;

private:
    ProcessOutput run(const QString &content);
    bool writeScript(const QString &path, const QString &content) const;
    QString batchFile(size_t index) const; // the file of a batch's index-th script

    QString m_bash;
    int m_timeoutMs = 5000;
    RecentAnswers<ProcessOutput> m_recent;
    WorkerBatch<ProcessOutput> m_batch;
    std::unique_ptr<QTemporaryDir> m_dir; // where the scripts being parsed are written
    std::unique_ptr<LineWorker> m_worker;
};

} // namespace verdict
