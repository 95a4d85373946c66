// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/toolprobe.h"

#include "diagnostics/childprocess.h"

#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStringList>

namespace verdict {

namespace {

constexpr int kProbeTimeoutMs = 10000;

bool executable(const QString &path)
{
    const QFileInfo info(path);
    return !path.isEmpty() && info.isFile() && info.isExecutable();
}

ToolProbe probePython(const QString &python)
{
    if (!executable(python))
        return {};
    // -I: the same isolation the worker runs with (no PYTHONPATH, no user site), so what
    // imports here imports there.
    const ProcessOutput out = runProcess(
        python,
        {QStringLiteral("-I"), QStringLiteral("-c"),
         QStringLiteral("import pyflakes; print(pyflakes.__version__)")},
        {}, kProbeTimeoutMs, checkerEnvironment());
    if (!out.started || out.timedOut || out.exitCode != 0)
        return {};
    const QString version = QString::fromUtf8(out.output).trimmed().section(QLatin1Char('\n'), -1);
    return {QFileInfo(python).absoluteFilePath(), version.left(40)};
}

ToolProbe probeShellcheck(const QString &shellcheck)
{
    if (!executable(shellcheck))
        return {};
    const ProcessOutput out = runProcess(shellcheck, {QStringLiteral("--version")}, {},
                                         kProbeTimeoutMs, checkerEnvironment());
    if (!out.started || out.timedOut || out.exitCode != 0)
        return {};
    static const QRegularExpression versionRe(QStringLiteral("version: *([^\\s]+)"));
    const QRegularExpressionMatch m = versionRe.match(QString::fromUtf8(out.output));
    if (!m.hasMatch())
        return {};
    return {QFileInfo(shellcheck).absoluteFilePath(), m.captured(1).left(40)};
}

template <typename Probe>
ToolProbe cached(const QString &key, Probe probe)
{
    static QMutex mutex;
    static QHash<QString, ToolProbe> known;
    QMutexLocker lock(&mutex);
    const auto it = known.constFind(key);
    if (it != known.constEnd())
        return *it;
    // Probed under the lock: the first checker sets of a run start together, and one probe
    // is what they all need.
    const ToolProbe found = probe();
    known.insert(key, found);
    return found;
}

} // namespace

ToolProbe ToolProbe::pyflakes(const QString &python)
{
    return cached(QStringLiteral("pyflakes:") + python, [&python] {
        if (!python.isEmpty())
            return probePython(python);
        QStringList candidates{QStringLiteral("/usr/bin/python3")};
        const QString onPath = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (!onPath.isEmpty())
            candidates << onPath;
        for (const QString &candidate : candidates) {
            const ToolProbe found = probePython(candidate);
            if (!found.program.isEmpty())
                return found;
        }
        return ToolProbe{};
    });
}

ToolProbe ToolProbe::shellcheck(const QString &shellcheck)
{
    return cached(QStringLiteral("shellcheck:") + shellcheck, [&shellcheck] {
        return probeShellcheck(shellcheck.isEmpty()
                                   ? QStandardPaths::findExecutable(QStringLiteral("shellcheck"))
                                   : shellcheck);
    });
}

} // namespace verdict
