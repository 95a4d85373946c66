// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the checker tests: fixtures are raw artifact files in tests/data/diagnostics/<dir>,
// with `expected.tsv` listing, per file, the exact diagnostics as "rule@line:column" (lines
// relative to the artifact), "clean" (the checker ran and found nothing) or "not-applicable"
// (the checker does not run on that file: its appliesTo() said no). The two are told apart,
// so a fixture expecting "clean" fails when the checker never looked at it. Each file is wrapped in an Artifact starting at
// report line kFirstLine, so the mapping to report lines is tested too.

#include "diagnostics/checker.h"
#include "report/languagedetector.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <vector>

namespace checkerfixtures {

constexpr int kFirstLine = 101;

inline QString dataDir(const QString &dir)
{
    return QStringLiteral(VERDICT_TEST_DATA "/diagnostics/") + dir;
}

inline verdict::Artifact artifactFromText(const QString &fileName, const QString &text,
                                          int firstLine = kFirstLine)
{
    verdict::Artifact a;
    a.path = fileName;
    a.declaredLanguage = verdict::LanguageDetector::fromPath(fileName);
    a.content = text.endsWith(QLatin1Char('\n')) ? text.chopped(1) : text;
    a.language = verdict::LanguageDetector::fromContent(a.content);
    a.firstLine = firstLine;
    a.lastLine = firstLine + int(a.content.count(QLatin1Char('\n')));
    a.sha256 = QString::fromLatin1(
        QCryptographicHash::hash(a.content.toUtf8(), QCryptographicHash::Sha256).toHex());
    return a;
}

inline verdict::Artifact artifactFromFile(const QString &path, int firstLine = kFirstLine)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(path));
    return artifactFromText(QFileInfo(path).fileName(), QString::fromUtf8(f.readAll()),
                            firstLine);
}

inline verdict::Proposal proposalFor(const verdict::Artifact &a)
{
    verdict::Proposal p;
    p.sourceFile = QStringLiteral("fixture.txt");
    p.id = QStringLiteral("fsar_fixture");
    p.artifacts.push_back(a);
    return p;
}

// "rule@line:column ..." with artifact-relative lines, or "clean".
inline QString describe(const std::vector<verdict::Diagnostic> &diagnostics,
                        int firstLine = kFirstLine)
{
    QStringList parts;
    for (const verdict::Diagnostic &d : diagnostics)
        parts << QStringLiteral("%1@%2:%3").arg(d.rule).arg(d.line - firstLine + 1).arg(d.column);
    return parts.isEmpty() ? QStringLiteral("clean") : parts.join(QLatin1Char(' '));
}

// What a checker says of a fixture file: "not-applicable" when it does not run on it,
// else describe() of its diagnostics ("clean" when it ran and found nothing).
inline QString notApplicable()
{
    return QStringLiteral("not-applicable");
}

inline QString run(verdict::Checker &checker, const QString &path)
{
    const verdict::Artifact a = artifactFromFile(path);
    if (!checker.appliesTo(a))
        return notApplicable();
    return describe(checker.check(a, proposalFor(a)));
}

// Rows "path", "expected" from <dir>/expected.tsv, named after the fixture file.
inline void addRows(const QString &dir)
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QFile f(dataDir(dir) + QStringLiteral("/expected.tsv"));
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        qFatal("missing %s", qPrintable(f.fileName()));
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList cols = line.split(QLatin1Char('\t'));
        if (cols.size() != 2)
            qFatal("bad expected.tsv line: %s", qPrintable(line));
        QTest::newRow(qPrintable(cols.at(0)))
            << dataDir(dir) + QLatin1Char('/') + cols.at(0) << cols.at(1).trimmed();
    }
}

} // namespace checkerfixtures
