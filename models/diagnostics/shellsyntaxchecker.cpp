// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/shellsyntaxchecker.h"

#include "diagnostics/childprocess.h"
#include "diagnostics/languagemismatchchecker.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>

namespace verdict {

ShellSyntaxChecker::ShellSyntaxChecker(const QString &bash)
    : m_bash(bash.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("bash")) : bash)
{
    if (!m_bash.isEmpty() && !QFileInfo(m_bash).isExecutable())
        m_bash.clear();
}

ProcessOutput ShellSyntaxChecker::run(const QString &content)
{
    if (const ProcessOutput *known = m_recent.find(content))
        return *known;
    ProcessOutput out = runProcess(
        m_bash, {QStringLiteral("--norc"), QStringLiteral("--noprofile"), QStringLiteral("-n")},
        content.toUtf8() + '\n', m_timeoutMs, {QStringLiteral("LC_ALL=C")});
    if (out.started && !out.timedOut)
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
    return LanguageMismatchChecker::checkedLanguage(artifact) == QLatin1String("bash");
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
