// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/diagnosticsmodel.h"

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
    QCOMPARE(model.columnCount(), 4);
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
    QTest::newRow("line") << 1 << int(DiagnosticsModel::LineColumn) << QStringLiteral("12");
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
    model.setDiagnostics(sample());
    QCOMPARE(model.index(row, column).data().toString(), expected);
}

QTEST_GUILESS_MAIN(DiagnosticsModelTest)
#include "diagnosticsmodel_test.moc"
