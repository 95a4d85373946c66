// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"
#include "diagnostics/workerbatch.h"
#include "diagnostics/rules.h"

#include <memory>

namespace verdict {

class LineWorker;

// `pyflakes/<message>` for Python: names used but never defined (how a hallucinated helper
// shows itself), imports never used, redefinitions, `return` outside a function... from
// pyflakes, which reads the syntax tree and never runs the code. One long-lived worker
// process per checker instance is fed every snippet (as the syntax checker does).
//
// A file with a syntax error is still linted where it parses: the worker replaces each line
// Python's parser stops at (with `pass`, or `if 1:` when the next line is indented deeper)
// and tries again, a bounded number of times; findings on replaced lines, and those that name
// anything written on them, are dropped (the replacement may have removed a definition).
class PyflakesChecker final : public Checker
{
public:
    // `python`: an interpreter to use (it must be able to import pyflakes). Empty = the
    // first of /usr/bin/python3 (Debian's, where python3-pyflakes installs) and the python3
    // on PATH that can import pyflakes.
    explicit PyflakesChecker(const QString &python = {});
    ~PyflakesChecker() override;

    QString id() const override { return QStringLiteral("pyflakes"); }
    QString version() const override;
    bool appliesTo(const Artifact &artifact) const override;
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal) override;

    // CheckerSet::checkAll: the worker's lines for a window's Python artifacts, asked at
    // once (LineWorker::exchange); nullptr when there is nothing to ask. After the exchange,
    // batchAnswered() keeps the answers for the checks that follow.
    LineWorker::Batch *batchFor(const std::vector<const Artifact *> &artifacts);
    void batchAnswered();

    bool available() const { return !m_python.isEmpty(); }
    QString python() const { return m_python; }
    // pyflakes' version ("2.5.0"); empty when unavailable.
    QString toolVersion() const { return m_toolVersion; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int workerStarts() const;
    qint64 workerPid() const;

    // Every rule this checker reports, with its severity: a fixed mapping from pyflakes'
    // message classes (docs/USER-GUIDE.md lists it). A class this table does not know
    // (a newer pyflakes) is reported as `pyflakes/<class-in-kebab-case>`, a warning.
    static const std::vector<RuleInfo> &rules();
    // "UndefinedName" -> "pyflakes/undefined-name".
    static QString ruleFor(const QString &messageClass);

private:
    QString m_python;
    QString m_toolVersion;
    std::unique_ptr<LineWorker> m_worker;
    int m_timeoutMs = 5000;
    WorkerBatch<WorkerReply> m_batch;
};

} // namespace verdict
