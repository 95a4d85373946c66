// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/shellcheckchecker.h"

#include "diagnostics/checkerset.h"
#include "diagnostics/childprocess.h"
#include "diagnostics/languagemismatchchecker.h"
#include "diagnostics/toolprobe.h"
#include "report/sha256.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>

#include <algorithm>

namespace verdict {

namespace {

const QString kPackage = QStringLiteral("shellcheck");

// A batch's deadline grows by this share of one script's per script: ShellCheck's own time
// for a few hundred lines is a few ms; the rest is slack for a loaded machine.
constexpr int kBatchShareOfTimeout = 20; // 5 s per script alone -> +250 ms per script
// A script's findings in gcc format are ~100 bytes each; 100 are kept per script.
constexpr int kOutputCapPerScript = 256 * 1024;
constexpr int kMaxBatchOutput = 32 * 1024 * 1024;
// ShellCheck reads ~5,000 lines a second (0.9 on the reference machine): a script is
// checked up to 4,000 lines (and 256 KB), so it finishes well within the timeout even on a
// busy machine. A timeout is not remembered (it is tried again at each check), "too large"
// is.
constexpr int kMaxShellCheckChars = 256 * 1024;
constexpr int kMaxShellCheckLines = 4000;

bool tooLarge(const Artifact &a)
{
    return a.content.size() > kMaxShellCheckChars
           || a.content.count(QLatin1Char('\n')) >= kMaxShellCheckLines;
}

bool startsWithShebang(const QString &content)
{
    return content.startsWith(QLatin1String("#!"));
}

// The file name extension ShellCheck infers the dialect from when there is no #! line: the
// declared one where ShellCheck knows it, else bash (what `bash -n` parses the script as).
QString dialectExtension(const Artifact &artifact)
{
    const QString ext = QFileInfo(artifact.path).suffix().toLower();
    if (ext == QLatin1String("ksh") || ext == QLatin1String("dash"))
        return ext;
    if (ext == QLatin1String("zsh") && !startsWithShebang(artifact.content))
        return ext; // not a dialect ShellCheck checks: answered without running it
    return QStringLiteral("bash");
}

// "DIR/12.bash:3:7: warning: message [SC2086]" -> index 12 and the finding. `prefix` is
// "DIR/": the message may hold slashes and colons of its own.
bool parseLine(const QByteArray &line, const QByteArray &prefix, int *index,
               ShellCheckChecker::Finding *f)
{
    const int codeAt = line.lastIndexOf(" [SC");
    if (codeAt < 0 || !line.endsWith(']') || !line.startsWith(prefix))
        return false;
    const int dot = line.indexOf('.', prefix.size());
    if (dot < 0)
        return false;
    bool ok = false;
    *index = line.mid(prefix.size(), dot - prefix.size()).toInt(&ok);
    if (!ok)
        return false;
    const int c1 = line.indexOf(':', dot);
    const int c2 = c1 < 0 ? -1 : line.indexOf(':', c1 + 1);
    const int c3 = c2 < 0 ? -1 : line.indexOf(':', c2 + 1);
    const int c4 = c3 < 0 ? -1 : line.indexOf(": ", c3 + 2);
    if (c4 < 0 || c4 > codeAt)
        return false;
    f->line = line.mid(c1 + 1, c2 - c1 - 1).toInt();
    f->column = line.mid(c2 + 1, c3 - c2 - 1).toInt();
    f->level = QString::fromUtf8(line.mid(c3 + 1, c4 - c3 - 1).trimmed());
    f->message = QString::fromUtf8(line.mid(c4 + 2, codeAt - c4 - 2));
    f->code = line.mid(codeAt + 4, line.size() - codeAt - 5).toInt(&ok);
    return ok && f->line > 0;
}

DiagnosticSeverity severityOf(const QString &level)
{
    if (level == QLatin1String("error"))
        return DiagnosticSeverity::Error;
    if (level == QLatin1String("warning"))
        return DiagnosticSeverity::Warning;
    return DiagnosticSeverity::Info; // "note": ShellCheck's info and style
}

} // namespace

ShellCheckChecker::ShellCheckChecker(const QString &shellcheck)
{
    const ToolProbe found = ToolProbe::shellcheck(shellcheck);
    m_shellcheck = found.program;
    m_toolVersion = found.version;
}

QString ShellCheckChecker::version() const
{
    return QStringLiteral("3/") + (m_toolVersion.isEmpty() ? QStringLiteral("none")
                                                           : m_toolVersion);
}

bool ShellCheckChecker::appliesTo(const Artifact &artifact) const
{
    return LanguageMismatchChecker::checkedParser(artifact) == LanguageParser::Shell;
}

QString ShellCheckChecker::key(const Artifact &artifact)
{
    return dialectExtension(artifact) + QLatin1Char(':')
           + (artifact.sha256.isEmpty() ? sha256Hex(artifact.content.toUtf8())
                                        : artifact.sha256);
}

void ShellCheckChecker::prepare(const std::vector<const Artifact *> &artifacts)
{
    m_prepared.clear(); // what an earlier batch left unasked (cancelled work)
    if (m_shellcheck.isEmpty())
        return;
    std::vector<const Artifact *> scripts;
    QSet<QString> seen;
    for (const Artifact *a : artifacts) {
        if (tooLarge(*a))
            continue;
        const QString k = key(*a);
        if (!seen.contains(k)) {
            seen.insert(k);
            scripts.push_back(a);
        }
    }
    if (scripts.size() < 2)
        return; // check() runs it alone just as well
    const std::vector<Outcome> outcomes = run(scripts);
    for (size_t i = 0; i < scripts.size(); ++i)
        m_prepared.insert(key(*scripts[i]), outcomes[i]);
}

std::vector<ShellCheckChecker::Outcome>
ShellCheckChecker::run(const std::vector<const Artifact *> &scripts)
{
    bool ok = false;
    std::vector<Outcome> out = runOnce(scripts, &ok);
    if (ok || scripts.size() == 1)
        return out;
    // One script may be what failed the batch: each alone, so the others still get checked.
    for (size_t i = 0; i < scripts.size(); ++i) {
        bool alone = false;
        out[i] = runOnce({scripts[i]}, &alone).front();
    }
    return out;
}

std::vector<ShellCheckChecker::Outcome>
ShellCheckChecker::runOnce(const std::vector<const Artifact *> &scripts, bool *ok)
{
    *ok = false;
    std::vector<Outcome> out(scripts.size());
    auto failAll = [&](const QString &why) {
        for (Outcome &o : out)
            o.failure = why;
        return out;
    };
    // Private (0700) and new each run: nothing else can plant or read a script in it, and
    // ShellCheck is told not to look for a .shellcheckrc anywhere (--norc).
    QTemporaryDir dir;
    if (!dir.isValid())
        return failAll(QStringLiteral("no temporary folder for ShellCheck"));
    QStringList args{QStringLiteral("--norc"), QStringLiteral("--format=gcc"),
                     QStringLiteral("--exclude=SC1090,SC1091"), QStringLiteral("--")};
    int files = 0;
    for (size_t i = 0; i < scripts.size(); ++i) {
        const Artifact &a = *scripts[i];
        const QString ext = dialectExtension(a);
        if (ext == QLatin1String("zsh")) {
            out[i].unsupported = true;
            continue;
        }
        const QString path = dir.filePath(QString::number(i) + QLatin1Char('.') + ext);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(a.content.toUtf8() + '\n') < 0) {
            out[i].failure = QStringLiteral("the script could not be written for ShellCheck");
            continue;
        }
        args << path;
        ++files;
    }
    if (files == 0) {
        *ok = true;
        return out;
    }
    ++m_runs;
    const int n = int(scripts.size());
    const int timeoutMs = m_timeoutMs + (n > 1 ? m_timeoutMs / kBatchShareOfTimeout * n : 0);
    const ProcessOutput result =
        runProcess(m_shellcheck, args, {}, timeoutMs, checkerEnvironment(),
                   std::min(kMaxBatchOutput, kOutputCapPerScript * n));
    if (!result.started)
        return failAll(QStringLiteral("shellcheck could not be started"));
    if (result.timedOut)
        return failAll(QStringLiteral("ShellCheck took longer than %1 ms").arg(timeoutMs));
    // 0: nothing found, 1: findings; anything else (bad options, a crash) is no answer.
    if (result.exitCode != 0 && result.exitCode != 1)
        return failAll(QStringLiteral("ShellCheck failed (exit status %1)").arg(result.exitCode));
    const QByteArray prefix = QFile::encodeName(dir.path()) + '/';
    const QList<QByteArray> lines = result.output.split('\n');
    for (int k = 0; k < lines.size(); ++k) {
        // The last line of a capped output may be cut: only whole lines count.
        if (result.truncated && k == lines.size() - 1)
            break;
        int index = -1;
        Finding f;
        if (!parseLine(lines[k], prefix, &index, &f) || index < 0 || index >= n)
            continue;
        Outcome &o = out[size_t(index)];
        if (f.code == 1071) { // "ShellCheck only supports sh/bash/dash/ksh scripts"
            o.unsupported = true;
            continue;
        }
        // Its own parse errors: `syntax-error` (bash -n) says whether the script parses.
        if (f.code < 2000 && f.level == QLatin1String("error")) {
            o.parseFailed = true;
            continue;
        }
        o.findings.push_back(std::move(f));
    }
    for (Outcome &o : out) {
        // Around a parse error ShellCheck adds notes of its parser ("SC1009: The mentioned
        // syntax error was in this ..."): they go with the error.
        if (o.parseFailed) {
            o.findings.erase(std::remove_if(o.findings.begin(), o.findings.end(),
                                            [](const Finding &f) { return f.code < 2000; }),
                             o.findings.end());
        }
        if (o.findings.size() > kMaxDiagnosticsPerChecker)
            o.findings.resize(kMaxDiagnosticsPerChecker);
    }
    // A cut batch may have lost a script's findings: the caller redoes them one by one. A
    // script alone keeps its first findings, which is all a reviewer is shown anyway.
    *ok = !result.truncated || n == 1;
    return out;
}

std::vector<Diagnostic> ShellCheckChecker::check(const Artifact &artifact,
                                                 const Proposal &proposal)
{
    auto info = [&](const QString &why) {
        return std::vector<Diagnostic>{artifactDiagnostic(
            artifact, proposal, QStringLiteral("not-checked"), DiagnosticSeverity::Info,
            QStringLiteral("shell script not linted: %1").arg(why), 1, 1)};
    };
    if (m_shellcheck.isEmpty())
        return info(QStringLiteral("ShellCheck is not installed (Debian package %1)")
                        .arg(kPackage));
    if (tooLarge(artifact))
        return info(QStringLiteral("the file is too large for ShellCheck (over %1 lines or "
                                   "%2 KB)")
                        .arg(kMaxShellCheckLines)
                        .arg(kMaxShellCheckChars / 1024));
    Outcome outcome;
    const auto it = m_prepared.find(key(artifact));
    if (it != m_prepared.end()) {
        outcome = std::move(*it);
        m_prepared.erase(it);
    } else {
        outcome = run({&artifact}).front();
    }
    if (!outcome.failure.isEmpty())
        return info(outcome.failure);
    if (outcome.unsupported)
        return info(QStringLiteral("ShellCheck checks sh, bash, dash and ksh scripts; its #! "
                                   "line or name says this one is for another shell"));
    const QString note = LanguageMismatchChecker::checkedAsNote(artifact);
    const TextMap map(artifact.content);
    std::vector<Diagnostic> out;
    out.reserve(outcome.findings.size());
    for (const Finding &f : outcome.findings) {
        const int line = std::clamp(f.line, 1, map.lineCount());
        // ShellCheck counts code points (a tab is one); the report counts UTF-16 units.
        const int column =
            TextMap(map.lineText(line)).offsetFromCodePoint(std::max(0, f.column - 1)) + 1;
        out.push_back(artifactDiagnostic(
            artifact, proposal, QStringLiteral("shellcheck/SC%1").arg(f.code),
            severityOf(f.level), f.message + note, line, column));
    }
    return out;
}

} // namespace verdict
