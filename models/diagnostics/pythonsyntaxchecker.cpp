// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/pythonsyntaxchecker.h"

#include "diagnostics/childprocess.h"
#include "diagnostics/languagemismatchchecker.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>

namespace verdict {

namespace {

// Reads base64 snippets, one per line; answers one JSON line each. Nothing is ever
// executed. The check is Python's own up to its symbol table: the parser's syntax errors and
// the ones the symbol table raises (a duplicate argument, `global` after an assignment, a
// `nonlocal` without a binding), which `python3 -m py_compile` reports too; it builds no
// Python AST objects and no bytecode (25% less CPU than compile() to an AST). Memory is
// capped so a hostile snippet cannot take the machine down with it. The cycle collector is
// off: nothing the parse makes has cycles, and reference counting frees it.
const char kWorkerScript[] = R"PY(
import sys, symtable, base64, json, gc
try:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
except Exception:
    pass
gc.disable()
for raw in sys.stdin.buffer:
    try:
        src = base64.b64decode(raw.strip()).decode('utf-8', 'replace')
        symtable.symtable(src, '<artifact>', 'exec')
        r = {'ok': True}
    except SyntaxError as e:
        r = {'ok': False, 'line': e.lineno or 0, 'col': e.offset or 0, 'msg': str(e.msg),
             'kind': type(e).__name__}
    except BaseException as e:
        r = {'ok': False, 'line': 0, 'col': 0, 'msg': str(e), 'kind': type(e).__name__}
    sys.stdout.write(json.dumps(r) + '\n')
    sys.stdout.flush()
)PY";

} // namespace

LineWorker::Batch *PythonSyntaxChecker::batchFor(const std::vector<QString> &texts)
{
    return m_batch.collect(m_worker.get(), m_timeoutMs, texts, m_recent,
                           [](const QString &text) -> std::optional<QByteArray> {
                               if (text.contains(QChar(0)))
                                   return std::nullopt; // check() says why, unasked
                               return text.toUtf8().toBase64();
                           });
}

void PythonSyntaxChecker::batchAnswered()
{
    m_batch.answered([this](LineWorker::Status status, const QByteArray &response) {
        return workerReply(status, response, QStringLiteral("python3"), m_timeoutMs);
    });
}

WorkerReply PythonSyntaxChecker::ask(const QString &content)
{
    if (const WorkerReply *known = m_recent.find(content))
        return *known;
    if (const WorkerReply *batched = m_batch.find(content))
        return *batched;
    WorkerReply r = askWorker(*m_worker, QStringLiteral("python3"), content, m_timeoutMs);
    // A failure (a timeout, a dead worker) is asked again next time, not remembered.
    if (r.failure.isEmpty())
        m_recent.insert(content, r);
    return r;
}

std::optional<bool> PythonSyntaxChecker::parses(const QString &content)
{
    if (!m_worker || content.size() > kMaxCheckedArtifactChars)
        return std::nullopt;
    if (content.contains(QChar(0)))
        return false;
    const WorkerReply r = ask(content);
    if (!r.failure.isEmpty())
        return std::nullopt;
    if (r.answer.value(QLatin1String("ok")).toBool())
        return true;
    if (r.answer.value(QLatin1String("kind")).toString() == QLatin1String("SyntaxError")
        || r.answer.value(QLatin1String("line")).toInt() > 0)
        return false;
    return std::nullopt;
}

PythonSyntaxChecker::PythonSyntaxChecker(const QString &interpreter)
    : m_interpreter(interpreter.isEmpty()
                        ? QStandardPaths::findExecutable(QStringLiteral("python3"))
                        : interpreter)
{
    if (!m_interpreter.isEmpty() && !QFileInfo(m_interpreter).isExecutable())
        m_interpreter.clear();
    if (!m_interpreter.isEmpty())
        m_worker = std::make_unique<LineWorker>(
            m_interpreter,
            QStringList{QStringLiteral("-I"), QStringLiteral("-S"), QStringLiteral("-c"),
                        QString::fromUtf8(kWorkerScript)},
            checkerEnvironment());
}

PythonSyntaxChecker::~PythonSyntaxChecker() = default;

int PythonSyntaxChecker::workerStarts() const
{
    return m_worker ? m_worker->starts() : 0;
}

qint64 PythonSyntaxChecker::workerPid() const
{
    return m_worker && m_worker->isRunning() ? qint64(m_worker->pid()) : -1;
}

bool PythonSyntaxChecker::appliesTo(const Artifact &artifact) const
{
    return LanguageMismatchChecker::checkedParser(artifact) == LanguageParser::Python;
}

std::vector<Diagnostic> PythonSyntaxChecker::check(const Artifact &artifact,
                                                   const Proposal &proposal)
{
    auto info = [&](const QString &why) {
        return std::vector<Diagnostic>{artifactDiagnostic(
            artifact, proposal, QStringLiteral("not-checked"), DiagnosticSeverity::Info,
            QStringLiteral("Python not checked: %1").arg(why), 1, 1)};
    };
    if (!m_worker)
        return info(QStringLiteral("python3 is not installed"));
    if (artifact.content.size() > kMaxCheckedArtifactChars)
        return info(QStringLiteral("the file is too large"));
    const int nul = int(artifact.content.indexOf(QChar(0)));
    if (nul >= 0) {
        const TextMap map(artifact.content);
        return {artifactDiagnostic(artifact, proposal, QStringLiteral("syntax-error"),
                                   DiagnosticSeverity::Error,
                                   QStringLiteral("Python source cannot contain a NUL "
                                                  "character%1")
                                       .arg(LanguageMismatchChecker::checkedAsNote(artifact)),
                                   map.lineOf(nul), map.columnOf(nul))};
    }
    const WorkerReply reply = ask(artifact.content);
    if (!reply.failure.isEmpty())
        return info(reply.failure);
    const QJsonObject &r = reply.answer;
    if (r.value(QLatin1String("ok")).toBool())
        return {};
    const QString note = LanguageMismatchChecker::checkedAsNote(artifact);
    const TextMap map(artifact.content);
    const int line = r.value(QLatin1String("line")).toInt();
    const QString kind = r.value(QLatin1String("kind")).toString();
    if (line <= 0 && kind != QLatin1String("SyntaxError"))
        return info(QStringLiteral("the parser failed (%1)").arg(kind));
    // Python reports 1-based character offsets; past-the-end (EOF errors) clamps to the line.
    const int lines = map.lineCount();
    const int l = std::clamp(line, 1, lines);
    const int col = std::clamp(r.value(QLatin1String("col")).toInt(), 1, map.lineLength(l) + 1);
    const QString message = QStringLiteral("Python %1: %2%3")
                                .arg(kind == QLatin1String("SyntaxError")
                                         ? QStringLiteral("syntax error")
                                         : kind,
                                     r.value(QLatin1String("msg")).toString(), note);
    return {artifactDiagnostic(artifact, proposal, QStringLiteral("syntax-error"),
                               DiagnosticSeverity::Error, message, l, col)};
}

} // namespace verdict
