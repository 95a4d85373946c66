// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/javascriptsyntaxchecker.h"

#include "diagnostics/childprocess.h"
#include "diagnostics/languagemismatchchecker.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>

namespace verdict {

namespace {

// Compiles only (vm.compileFunction / new vm.SourceTextModule never evaluate). V8 gives no
// position for module errors, so the position then comes from compiling a same-length
// rewrite of the module as an async script (import/export blanked).
const char kWorkerScript[] = R"JS(
const vm = require('vm');
const W = ['exports', 'require', 'module', '__filename', '__dirname'];
function where(e) {
  const lines = String((e && e.stack) || '').split('\n');
  const m = /^artifact\.js:(\d+)$/.exec(lines[0] || '');
  if (!m) return null;
  const caret = (lines[2] || '').indexOf('^');
  return {line: +m[1], col: caret >= 0 ? caret + 1 : 1};
}
function blank(s) { return s.replace(/[^\n]/g, ' '); }
function asScript(src) {
  return src
    .replace(/^([ \t]*)import\s*(?:[\w$*{}\s,]+?\s*from\s*)?(['"])[^'"\n]*\2\s*;?/gm, blank)
    .replace(/^([ \t]*)export\s*\*(?:\s*as\s+[\w$]+)?\s*from\s*(['"])[^'"\n]*\2\s*;?/gm, blank)
    .replace(/^([ \t]*)export\s*\{[^}]*\}(?:\s*from\s*(['"])[^'"\n]*\2)?\s*;?/gm, blank)
    .replace(/\bexport\s+default\b/g, (s) => 'void' + ' '.repeat(s.length - 4))
    .replace(/\bexport\b/g, '      ')
    .replace(/\bimport\.meta\b/g, '({}).meta  ');
}
function check(src) {
  try { vm.compileFunction(src, W, {filename: 'artifact.js'}); return {ok: true}; }
  catch (e) {
    if (!vm.SourceTextModule) return fail(e);
    try { new vm.SourceTextModule(src, {identifier: 'artifact.js'}); return {ok: true}; }
    catch (m) {
      try {
        new vm.Script('(async function () {\n' + asScript(src) + '\n})',
                      {filename: 'artifact.js', lineOffset: -1});
      } catch (s) { if (where(s)) return fail(s, m.message); }
      return fail(e);
    }
  }
}
function fail(e, msg) {
  const w = where(e) || {line: 0, col: 0};
  return {ok: false, line: w.line, col: w.col, msg: msg || String(e && e.message)};
}
let buf = '';
process.stdin.setEncoding('latin1');
process.stdin.on('data', (chunk) => {
  buf += chunk;
  let nl;
  while ((nl = buf.indexOf('\n')) >= 0) {
    const line = buf.slice(0, nl);
    buf = buf.slice(nl + 1);
    let r;
    try { r = check(Buffer.from(line, 'base64').toString('utf8')); }
    catch (e) { r = {ok: false, line: 0, col: 0, msg: String(e && e.message), internal: true}; }
    process.stdout.write(JSON.stringify(r) + '\n');
  }
});
process.stdin.on('end', () => process.exit(0));
)JS";

} // namespace

JavaScriptSyntaxChecker::JavaScriptSyntaxChecker(const QString &node)
    : m_node(node.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("node")) : node)
{
    if (!m_node.isEmpty() && !QFileInfo(m_node).isExecutable())
        m_node.clear();
    if (!m_node.isEmpty())
        m_worker = std::make_unique<LineWorker>(
            m_node,
            QStringList{QStringLiteral("--experimental-vm-modules"),
                        QStringLiteral("--no-warnings"),
                        QStringLiteral("--max-old-space-size=512"), QStringLiteral("-e"),
                        QString::fromUtf8(kWorkerScript)},
            checkerEnvironment());
}

JavaScriptSyntaxChecker::~JavaScriptSyntaxChecker() = default;

int JavaScriptSyntaxChecker::workerStarts() const
{
    return m_worker ? m_worker->starts() : 0;
}

LineWorker::Batch *JavaScriptSyntaxChecker::batchFor(const std::vector<QString> &texts)
{
    return m_batch.collect(m_worker.get(), m_timeoutMs, texts, m_recent,
                           [](const QString &text) -> std::optional<QByteArray> {
                               return text.toUtf8().toBase64();
                           });
}

void JavaScriptSyntaxChecker::batchAnswered()
{
    m_batch.answered([this](LineWorker::Status status, const QByteArray &response) {
        return workerReply(status, response, QStringLiteral("node"), m_timeoutMs);
    });
}

WorkerReply JavaScriptSyntaxChecker::ask(const QString &content)
{
    if (const WorkerReply *known = m_recent.find(content))
        return *known;
    if (const WorkerReply *batched = m_batch.find(content))
        return *batched;
    WorkerReply r = askWorker(*m_worker, QStringLiteral("node"), content, m_timeoutMs);
    if (r.failure.isEmpty())
        m_recent.insert(content, r);
    return r;
}

std::optional<bool> JavaScriptSyntaxChecker::parses(const QString &content)
{
    if (!m_worker || content.size() > kMaxCheckedArtifactChars)
        return std::nullopt;
    const WorkerReply reply = ask(content);
    if (!reply.failure.isEmpty() || reply.answer.value(QLatin1String("internal")).toBool())
        return std::nullopt;
    return reply.answer.value(QLatin1String("ok")).toBool();
}

bool JavaScriptSyntaxChecker::appliesTo(const Artifact &artifact) const
{
    return LanguageMismatchChecker::checkedParser(artifact) == LanguageParser::JavaScript;
}

std::vector<Diagnostic> JavaScriptSyntaxChecker::check(const Artifact &artifact,
                                                       const Proposal &proposal)
{
    auto info = [&](const QString &why) {
        return std::vector<Diagnostic>{artifactDiagnostic(
            artifact, proposal, QStringLiteral("not-checked"), DiagnosticSeverity::Info,
            QStringLiteral("JavaScript not checked: %1").arg(why), 1, 1)};
    };
    if (!m_worker)
        return info(QStringLiteral("node is not installed"));
    if (artifact.content.size() > kMaxCheckedArtifactChars)
        return info(QStringLiteral("the file is too large"));
    const WorkerReply reply = ask(artifact.content);
    if (!reply.failure.isEmpty())
        return info(reply.failure);
    const QJsonObject &r = reply.answer;
    if (r.value(QLatin1String("ok")).toBool())
        return {};
    if (r.value(QLatin1String("internal")).toBool())
        return info(QStringLiteral("the parser gave no answer"));
    const TextMap map(artifact.content);
    const int line = std::clamp(r.value(QLatin1String("line")).toInt(), 1, map.lineCount());
    const int col = std::clamp(r.value(QLatin1String("col")).toInt(), 1,
                               map.lineLength(line) + 1);
    QString msg = r.value(QLatin1String("msg")).toString();
    // JSX is not JavaScript, but flagging every React file as broken would be crying wolf.
    static const QRegularExpression jsx(QStringLiteral("<[A-Za-z][\\w.]*[\\s/>]|</[A-Za-z]|<>"));
    if (jsx.match(artifact.content).hasMatch() && map.lineText(line).contains(QLatin1Char('<')))
        return info(QStringLiteral("it looks like JSX, which needs a JSX parser"));
    const QString message = QStringLiteral("JavaScript syntax error: %1%2")
                                .arg(msg, LanguageMismatchChecker::checkedAsNote(artifact));
    return {artifactDiagnostic(artifact, proposal, QStringLiteral("syntax-error"),
                               DiagnosticSeverity::Error, message, line, col)};
}

} // namespace verdict
