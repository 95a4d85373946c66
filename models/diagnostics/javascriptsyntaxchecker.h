// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"
#include "diagnostics/childprocess.h"
#include "diagnostics/workerbatch.h"

#include <memory>
#include <optional>

namespace verdict {

class LineWorker;

// `syntax-error` for JavaScript, from node's own parser (V8) in one long-lived node worker:
// the source is compiled as a CommonJS function body or, when it uses import/export, as
// an ES module, and never run. Without node: one info saying JavaScript was not checked.
class JavaScriptSyntaxChecker final : public Checker
{
public:
    // `node`: path of node; empty = node found on PATH.
    explicit JavaScriptSyntaxChecker(const QString &node = {});
    ~JavaScriptSyntaxChecker() override;

    QString id() const override { return QStringLiteral("javascript-syntax"); }
    QString version() const override { return QStringLiteral("1"); }
    bool appliesTo(const Artifact &artifact) const override;
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal) override;

    // Whether `content` parses as JavaScript; std::nullopt when that cannot be known. Kept
    // for a check() of the same text.
    std::optional<bool> parses(const QString &content);

    // CheckerSet::checkAll: as PythonSyntaxChecker::batchFor and batchAnswered.
    LineWorker::Batch *batchFor(const std::vector<QString> &texts);
    void batchAnswered();

    bool available() const { return !m_node.isEmpty(); }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int workerStarts() const;

private:
    WorkerReply ask(const QString &content);

    QString m_node;
    std::unique_ptr<LineWorker> m_worker;
    int m_timeoutMs = 5000;
    RecentAnswers<WorkerReply> m_recent;
    WorkerBatch<WorkerReply> m_batch;
};

} // namespace verdict
