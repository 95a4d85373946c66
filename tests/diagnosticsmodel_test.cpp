// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/diagnosticsmodel.h"
#include "queue/displaytext.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace verdict;

class DiagnosticsModelTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tester();
    void sortedByLineThenSeverity();
    void display_data();
    void display();
    void linesCountInTheirFile_data();
    void linesCountInTheirFile();
    void fileColumnForSeveralFiles();
    void reportLineInTheToolTip();
    void hostilePathsAreBounded();
};

namespace {

Diagnostic make(int line, DiagnosticSeverity severity, const QString &rule)
{
    Diagnostic d;
    d.line = line;
    d.column = 3;
    d.severity = severity;
    d.rule = rule;
    d.message = rule + QStringLiteral(" at ") + QString::number(line);
    d.artifact = QStringLiteral("generated_1.sql");
    return d;
}

// The artifact of sample(): report lines 10 to 31 (sample 000's generated_1.sql).
Artifact sampleArtifact()
{
    Artifact a;
    a.path = QStringLiteral("generated_1.sql");
    a.firstLine = 10;
    a.lastLine = 31;
    return a;
}

std::vector<Diagnostic> sample()
{
    return {make(22, DiagnosticSeverity::Warning, QStringLiteral("sql-lint")),
            make(12, DiagnosticSeverity::Info, QStringLiteral("style")),
            make(12, DiagnosticSeverity::Error, QStringLiteral("syntax-error")),
            make(0, DiagnosticSeverity::Warning, QStringLiteral("missing-field"))};
}

} // namespace

void DiagnosticsModelTest::tester()
{
    DiagnosticsModel model;
    const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
    QAbstractItemModelTester tester(&model, mode);
    model.setDiagnostics(sample());
    model.setDiagnostics({});
    model.setDiagnostics(sample());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), 5);
    model.setFiles(QStringLiteral("r.txt"), {sampleArtifact()});
    model.setFiles({}, {});
}

void DiagnosticsModelTest::sortedByLineThenSeverity()
{
    DiagnosticsModel model;
    model.setDiagnostics(sample());
    QStringList rules;
    for (int row = 0; row < model.rowCount(); ++row)
        rules << model.index(row, 0).data(DiagnosticsModel::RuleRole).toString();
    QCOMPARE(rules, (QStringList{QStringLiteral("missing-field"), QStringLiteral("syntax-error"),
                                 QStringLiteral("style"), QStringLiteral("sql-lint")}));
    QCOMPARE(model.count(DiagnosticSeverity::Warning), 2);
    QCOMPARE(model.count(DiagnosticSeverity::Error), 1);
}

void DiagnosticsModelTest::display_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");
    QTest::newRow("severity") << 1 << int(DiagnosticsModel::SeverityColumn)
                              << QStringLiteral("Error");
    // Report line 12 is the artifact's third line (it starts on report line 10).
    QTest::newRow("line of the file") << 1 << int(DiagnosticsModel::LineColumn)
                                      << QStringLiteral("3");
    QTest::newRow("file") << 1 << int(DiagnosticsModel::FileColumn)
                          << QStringLiteral("generated_1.sql");
    QTest::newRow("no line for proposal-level") << 0 << int(DiagnosticsModel::LineColumn)
                                                << QString();
    QTest::newRow("rule") << 3 << int(DiagnosticsModel::RuleColumn) << QStringLiteral("sql-lint");
    QTest::newRow("message") << 3 << int(DiagnosticsModel::MessageColumn)
                             << QStringLiteral("sql-lint at 22");
}

void DiagnosticsModelTest::display()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, expected);
    DiagnosticsModel model;
    model.setFiles(QStringLiteral("reports/000.txt"), {sampleArtifact()});
    model.setDiagnostics(sample());
    QCOMPARE(model.index(row, column).data().toString(), expected);
}

// What the list says is what the gutter says: line N of the file, for every finding on an
// artifact's line; a proposal-level finding counts in the report (the File column says so);
// one on the line that names the file is on none of its lines.
void DiagnosticsModelTest::linesCountInTheirFile_data()
{
    QTest::addColumn<QString>("artifact");
    QTest::addColumn<int>("reportLine");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("line");
    QTest::addColumn<int>("artifactLine");
    QTest::newRow("first line of a.sql") << QStringLiteral("a.sql") << 10 << QStringLiteral("a.sql")
                                         << QStringLiteral("1") << 1;
    QTest::newRow("last line of a.sql") << QStringLiteral("a.sql") << 20 << QStringLiteral("a.sql")
                                        << QStringLiteral("11") << 11;
    QTest::newRow("third line of b.py") << QStringLiteral("lib/b.py") << 27
                                        << QStringLiteral("b.py") << QStringLiteral("3") << 3;
    QTest::newRow("b.py's header line") << QStringLiteral("lib/b.py") << 23
                                        << QStringLiteral("b.py") << QString() << 0;
    QTest::newRow("proposal-level") << QString() << 4 << QStringLiteral("003.txt")
                                    << QStringLiteral("4") << 0;
    QTest::newRow("unknown artifact keeps its line") << QStringLiteral("z.sh") << 40
                                                     << QStringLiteral("z.sh")
                                                     << QStringLiteral("40") << 0;
}

void DiagnosticsModelTest::linesCountInTheirFile()
{
    QFETCH(QString, artifact);
    QFETCH(int, reportLine);
    QFETCH(QString, file);
    QFETCH(QString, line);
    QFETCH(int, artifactLine);
    Artifact a;
    a.path = QStringLiteral("a.sql");
    a.firstLine = 10;
    a.lastLine = 20;
    Artifact b;
    b.path = QStringLiteral("lib/b.py");
    b.firstLine = 25;
    b.lastLine = 30;
    DiagnosticsModel model;
    model.setFiles(QStringLiteral("reports/003.txt"), {a, b});
    Diagnostic d = make(reportLine, DiagnosticSeverity::Error, QStringLiteral("syntax-error"));
    d.artifact = artifact;
    model.setDiagnostics({d});
    QCOMPARE(model.index(0, DiagnosticsModel::FileColumn).data().toString(), file);
    QCOMPARE(model.index(0, DiagnosticsModel::LineColumn).data().toString(), line);
    QCOMPARE(model.index(0, 0).data(DiagnosticsModel::ArtifactLineRole).toInt(), artifactLine);
    QCOMPARE(model.artifactLineAt(0), artifactLine);
    // What is stored (and exported) is unchanged: the report's line.
    QCOMPARE(model.index(0, 0).data(DiagnosticsModel::LineRole).toInt(), reportLine);
    QCOMPARE(model.diagnosticAt(0)->line, reportLine);
}

void DiagnosticsModelTest::fileColumnForSeveralFiles()
{
    Artifact a = sampleArtifact();
    Artifact b;
    b.path = QStringLiteral("b.py");
    b.firstLine = 35;
    b.lastLine = 40;
    DiagnosticsModel model;
    const auto onArtifact = [](const QString &path, int line) {
        Diagnostic d = make(line, DiagnosticSeverity::Warning, QStringLiteral("sql-lint"));
        d.artifact = path;
        return d;
    };
    // One file, findings on it only: no File column needed.
    model.setFiles(QStringLiteral("r.txt"), {a});
    model.setDiagnostics({onArtifact(a.path, 12), onArtifact(a.path, 20)});
    QVERIFY(!model.spansSeveralFiles());
    // One file and a finding on the report: two files.
    std::vector<Diagnostic> both = {onArtifact(a.path, 12)};
    both.push_back(make(0, DiagnosticSeverity::Warning, QStringLiteral("missing-field")));
    both.back().artifact.clear();
    model.setDiagnostics(both);
    QVERIFY(model.spansSeveralFiles());
    // Two files: the column is there even for findings on one of them.
    model.setFiles(QStringLiteral("r.txt"), {a, b});
    model.setDiagnostics({onArtifact(b.path, 37), onArtifact(a.path, 12)});
    QVERIFY(model.spansSeveralFiles());
    QCOMPARE(model.headerData(DiagnosticsModel::FileColumn, Qt::Horizontal).toString(),
             QStringLiteral("File"));
    // Rows read like the report: a.sql's line first; each row maps to its file and line.
    QCOMPARE(model.index(0, DiagnosticsModel::FileColumn).data().toString(), a.path);
    QCOMPARE(model.index(0, 0).data(DiagnosticsModel::ArtifactRole).toString(), a.path);
    QCOMPARE(model.index(0, DiagnosticsModel::LineColumn).data().toString(), QStringLiteral("3"));
    QCOMPARE(model.index(1, DiagnosticsModel::FileColumn).data().toString(), b.path);
    QCOMPARE(model.index(1, 0).data(DiagnosticsModel::FileRole).toString(), b.path);
    QCOMPARE(model.index(1, DiagnosticsModel::LineColumn).data().toString(), QStringLiteral("3"));
    QVERIFY(model.index(0, DiagnosticsModel::FileColumn).data(DiagnosticsModel::SortRole).toInt()
            < model.index(1, DiagnosticsModel::FileColumn).data(DiagnosticsModel::SortRole).toInt());

    // Two files of one name in different folders are told apart by their paths.
    Artifact c = b;
    c.path = QStringLiteral("x/b.py");
    c.firstLine = 45;
    c.lastLine = 50;
    b.path = QStringLiteral("y/b.py");
    model.setFiles(QStringLiteral("r.txt"), {b, c});
    model.setDiagnostics({onArtifact(c.path, 46)});
    QCOMPARE(model.index(0, DiagnosticsModel::FileColumn).data().toString(), c.path);
}

void DiagnosticsModelTest::reportLineInTheToolTip()
{
    DiagnosticsModel model;
    model.setFiles(QStringLiteral("reports/000.txt"), {sampleArtifact()});
    model.setDiagnostics(sample());
    const QString tip = model.index(1, DiagnosticsModel::LineColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("Line 3 of generated_1.sql")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("line 12 of the report")), qPrintable(tip));
    QCOMPARE(model.index(1, DiagnosticsModel::FileColumn).data(Qt::ToolTipRole).toString(), tip);
}

void DiagnosticsModelTest::hostilePathsAreBounded()
{
    Artifact a = sampleArtifact();
    a.path = QString(300000, QLatin1Char('p')) + QStringLiteral(".sql");
    DiagnosticsModel model;
    model.setFiles(QString(300000, QLatin1Char('r')), {a});
    Diagnostic d = make(12, DiagnosticSeverity::Error, QStringLiteral("syntax-error"));
    d.artifact = a.path;
    Diagnostic onReport = make(2, DiagnosticSeverity::Warning, QString(300000, QLatin1Char('x')));
    onReport.artifact.clear();
    model.setDiagnostics({d, onReport});
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int column = 0; column < model.columnCount(); ++column) {
            const QModelIndex index = model.index(row, column);
            QVERIFY(index.data().toString().size() <= DisplayText::kWrappedChars + 1);
            QVERIFY(index.data(Qt::ToolTipRole).toString().size()
                    <= DisplayText::kToolTipChars + 2);
        }
    }
    // The whole path stays reachable for the view that shows it.
    QCOMPARE(model.index(1, 0).data(DiagnosticsModel::ArtifactRole).toString(), a.path);
}

QTEST_GUILESS_MAIN(DiagnosticsModelTest)
#include "diagnosticsmodel_test.moc"
