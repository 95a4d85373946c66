// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/shellsyntaxchecker.h"

#include "diagnostics/childprocess.h"
#include "diagnostics/languagemismatchchecker.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>

namespace verdict {

namespace {

// Reads a script's path per line; answers "STATUS<TAB>STDERR" with the subshell's exit
// status and what it wrote to stderr (newlines as \x1f, at most 4 KB). The subshell's
// stdin and stdout are /dev/null: nothing the script says could reach the protocol.
const char kWorkerScript[] = R"SH(
while IFS= read -r f; do
  ( . "$f" ) </dev/null >/dev/null 2>"$f.err"
  st=$?
  err=
  IFS= read -r -d '' err <"$f.err"
  err=${err:0:4096}
  printf '%s\t%s\n' "$st" "${err//$'\n'/$'\x1f'}"
done
)SH";

// "line 12:" -> "line 11:" (and "at line 12"): the line put before the script.
QByteArray shiftLines(const QByteArray &text)
{
    static const QRegularExpression lineRe(QStringLiteral("\\bline (\\d+)"));
    QString s = QString::fromUtf8(text);
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = lineRe.globalMatch(s);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(s).mid(last, m.capturedStart(1) - last);
        out += QString::number(std::max(1, m.captured(1).toInt() - 1));
        last = m.capturedEnd(1);
    }
    out += QStringView(s).mid(last);
    return out.toUtf8();
}

} // namespace

ShellSyntaxChecker::ShellSyntaxChecker(const QString &bash)
    : m_bash(bash.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("bash")) : bash)
{
    if (!m_bash.isEmpty() && !QFileInfo(m_bash).isExecutable())
        m_bash.clear();
    if (m_bash.isEmpty())
        return;
    // 0700, removed with the checker.
    m_dir = std::make_unique<QTemporaryDir>(scratchFolder()
                                            + QStringLiteral("/verdict-bash-XXXXXX"));
    if (!m_dir->isValid())
        m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        m_bash.clear();
        return;
    }
    m_worker = std::make_unique<LineWorker>(
        m_bash,
        QStringList{QStringLiteral("--norc"), QStringLiteral("--noprofile"), QStringLiteral("-c"),
                    QString::fromUtf8(kWorkerScript)},
        QStringList{QStringLiteral("LC_ALL=C")});
}

ShellSyntaxChecker::~ShellSyntaxChecker() = default;

int ShellSyntaxChecker::workerStarts() const
{
    return m_worker ? m_worker->starts() : 0;
}

namespace {

// The worker's answer for one script ("STATUS<TAB>STDERR") as a process's output.
ProcessOutput outputOf(LineWorker::Status status, const QByteArray &response)
{
    ProcessOutput out;
    switch (status) {
    case LineWorker::Status::Ok:
        break;
    case LineWorker::Status::NotStarted:
        return out;
    case LineWorker::Status::TimedOut:
        out.started = true;
        out.timedOut = true;
        return out;
    case LineWorker::Status::Died:
        out.started = true;
        out.output = "the parser stopped on this input";
        return out;
    }
    out.started = true;
    const int tab = response.indexOf('\t');
    bool ok = false;
    out.exitCode = response.left(tab).toInt(&ok);
    if (!ok || tab < 0)
        out.exitCode = -1;
    out.output = shiftLines(response.mid(tab + 1).replace('\x1f', '\n'));
    return out;
}

} // namespace

bool ShellSyntaxChecker::writeScript(const QString &path, const QString &content) const
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && f.write("set -n\n" + content.toUtf8() + '\n') >= 0;
}

QString ShellSyntaxChecker::batchFile(size_t index) const
{
    return m_dir->filePath(QStringLiteral("batch-%1.sh").arg(index));
}

LineWorker::Batch *ShellSyntaxChecker::batchFor(const std::vector<QString> &texts)
{
    // A file per script: the worker reads them while later ones are still being sent.
    return m_batch.collect(
        m_worker.get(), m_timeoutMs, texts, m_recent,
        [this](const QString &text) -> std::optional<QByteArray> {
            const QString file = batchFile(m_batch.size());
            if (!writeScript(file, text))
                return std::nullopt; // run() asks on its own, and says why it could not
            return QFile::encodeName(file);
        });
}

void ShellSyntaxChecker::batchAnswered()
{
    m_batch.answered(outputOf);
    // The scripts go (they are in memory, and may be large); the answers stay. (One more:
    // a script that could not be written whole.)
    for (size_t i = 0; i <= m_batch.size(); ++i) {
        const QString file = batchFile(i);
        QFile::remove(file);
        QFile::remove(file + QStringLiteral(".err"));
    }
}

ProcessOutput ShellSyntaxChecker::run(const QString &content)
{
    if (const ProcessOutput *known = m_recent.find(content))
        return *known;
    if (const ProcessOutput *batched = m_batch.find(content))
        return *batched;
    const QString path = m_dir->filePath(QStringLiteral("script.sh"));
    if (!writeScript(path, content)) {
        ProcessOutput out;
        out.output = "the script could not be written for bash";
        return out; // not started: "bash could not be started"
    }
    QByteArray response;
    const LineWorker::Status status = m_worker->request(QFile::encodeName(path), &response,
                                                        m_timeoutMs);
    ProcessOutput out = outputOf(status, response);
    if (status == LineWorker::Status::Ok)
        m_recent.insert(content, out);
    return out;
}

std::optional<bool> ShellSyntaxChecker::parses(const QString &content)
{
    if (m_bash.isEmpty() || content.size() > kMaxCheckedArtifactChars)
        return std::nullopt;
    const ProcessOutput out = run(content);
    if (!out.started || out.timedOut)
        return std::nullopt;
    return out.exitCode == 0;
}

bool ShellSyntaxChecker::appliesTo(const Artifact &artifact) const
{
    return LanguageMismatchChecker::checkedParser(artifact) == LanguageParser::Shell;
}

std::vector<Diagnostic> ShellSyntaxChecker::check(const Artifact &artifact,
                                                  const Proposal &proposal)
{
    auto info = [&](const QString &why) {
        return std::vector<Diagnostic>{artifactDiagnostic(
            artifact, proposal, QStringLiteral("not-checked"), DiagnosticSeverity::Info,
            QStringLiteral("shell script not checked: %1").arg(why), 1, 1)};
    };
    if (m_bash.isEmpty())
        return info(QStringLiteral("bash is not installed"));
    if (artifact.content.size() > kMaxCheckedArtifactChars)
        return info(QStringLiteral("the file is too large"));
    const ProcessOutput out = run(artifact.content);
    if (!out.started)
        return info(QStringLiteral("bash could not be started"));
    if (out.timedOut)
        return info(QStringLiteral("bash took longer than %1 ms").arg(m_timeoutMs));
    if (out.exitCode == 0)
        return {};
    // "bash: line 3: syntax error near unexpected token `fi'"
    static const QRegularExpression lineRe(QStringLiteral("line (\\d+): (.*)"));
    const QString text = QString::fromUtf8(out.output);
    const QRegularExpressionMatch m = lineRe.match(text);
    if (!m.hasMatch())
        return info(QStringLiteral("bash gave no location (%1)").arg(text.left(200).trimmed()));
    const TextMap map(artifact.content);
    const int line = std::clamp(m.captured(1).toInt(), 1, map.lineCount());
    const QString msg = m.captured(2).trimmed();
    int col = 1;
    static const QRegularExpression tokenRe(QStringLiteral("unexpected token `(.+)'$"));
    const QRegularExpressionMatch t = tokenRe.match(msg);
    if (t.hasMatch()) {
        const int at = int(map.lineText(line).indexOf(t.captured(1)));
        if (at >= 0)
            col = at + 1;
    }
    const QString message = QStringLiteral("shell %1%2").arg(
        msg, LanguageMismatchChecker::checkedAsNote(artifact));
    return {artifactDiagnostic(artifact, proposal, QStringLiteral("syntax-error"),
                               DiagnosticSeverity::Error, message, line, col)};
}

} // namespace verdict
