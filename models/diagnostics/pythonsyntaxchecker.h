// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"
#include "diagnostics/childprocess.h"
#include "diagnostics/workerbatch.h"

#include <memory>
#include <optional>

namespace verdict {

class LineWorker;

// `syntax-error` for Python, from Python's own parser and symbol table (symtable: what
// py_compile reports short of code generation), never exec. One long-lived `python3 -I -S` worker per checker instance is fed every snippet; it
// is restarted when it dies, and killed (then restarted) when a snippet takes too long.
class PythonSyntaxChecker final : public Checker
{
public:
    // `interpreter`: path of python3; empty = python3 found on PATH.
    explicit PythonSyntaxChecker(const QString &interpreter = {});
    ~PythonSyntaxChecker() override;

    QString id() const override { return QStringLiteral("python-syntax"); }
    // 2: the symbol table's errors too (a duplicate argument, ...).
    QString version() const override { return QStringLiteral("2"); }
    bool appliesTo(const Artifact &artifact) const override;
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal) override;

    // Whether `content` parses as Python; std::nullopt when that cannot be known. The
    // answer is kept for a check() of the same text that follows (the parse runs once).
    std::optional<bool> parses(const QString &content);

    // CheckerSet::checkAll: the worker's lines for a batch's texts, asked together with the
    // other workers' (LineWorker::exchange); nullptr when there is nothing to ask. After the
    // exchange, batchAnswered() keeps the answers for the checks that follow.
    LineWorker::Batch *batchFor(const std::vector<QString> &texts);
    void batchAnswered();

    bool available() const { return !m_interpreter.isEmpty(); }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // Worker processes started so far, and the current one's pid (tests and diagnostics).
    int workerStarts() const;
    qint64 workerPid() const;

private:
    WorkerReply ask(const QString &content);

    QString m_interpreter;
    std::unique_ptr<LineWorker> m_worker;
    int m_timeoutMs = 5000;
    RecentAnswers<WorkerReply> m_recent;
    WorkerBatch<WorkerReply> m_batch;
};

} // namespace verdict
