// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/queuemodel.h"
#include "domain/utc.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QColor>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace verdict;

class QueueModelTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tester();
    void display_data();
    void display();
    void roles();
    void sortsNumerically_data();
    void sortsNumerically();
    void statusChangeIsOneRow();
    void diagnosticCountsChangeOneRow();
    void unknownIdChangesNothing();
    void risksAreMarkedInWordsAndIcons();
    void formatAge_data();
    void formatAge();

private:
    static std::vector<QueueEntry> entries();
    static QDateTime now() { return utcDateTime(QDate(2026, 1, 3), QTime(19, 12, 26)); }
};

// Three entries shaped like the bundled samples, plus one with missing fields.
std::vector<QueueEntry> QueueModelTest::entries()
{
    QueueEntry a;
    a.id = QStringLiteral("fsar_51f8aa7f");
    a.severity = 6;
    a.blockExecution = false;
    a.kind = QStringLiteral("idea_implementation");
    a.opportunity = QStringLiteral("Make.com Scenario Generation");
    a.targets = QStringList{QStringLiteral("generated_1.sql")};
    a.timestamp = QStringLiteral("2026-01-02T19:12:25.611Z"); // a day (and a bit) before now()
    a.errors = 0;
    a.warnings = 2;
    a.infos = 0;

    QueueEntry b;
    b.id = QStringLiteral("fsar_331e3e0e");
    b.severity = 10;
    b.blockExecution = true;
    b.kind = QStringLiteral("idea_implementation");
    b.opportunity = QStringLiteral("LifeOS Overlay Game Development");
    b.targets = QStringList{QStringLiteral("generated_1.sql"), QStringLiteral("b.py")};
    b.timestamp = QStringLiteral("2026-01-03T17:12:25Z"); // 2 h before now()
    b.errors = 3;
    b.warnings = 0;
    b.infos = 1;
    b.status = Status::Rejected;

    QueueEntry c;
    c.id = QStringLiteral("fsar_dc131605");
    c.kind = QStringLiteral("self_improvement");
    c.importedAt = utcDateTime(QDate(2025, 12, 24), QTime(19, 12, 25)); // 10 days
    c.status = Status::Pending;
    return {a, b, c};
}

void QueueModelTest::tester()
{
    QueueModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(QueueModel::SortRole);
    const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
    QAbstractItemModelTester tester(&model, mode);
    QAbstractItemModelTester proxyTester(&proxy, mode);
    model.setEntries(entries());
    proxy.sort(QueueModel::SeverityColumn, Qt::DescendingOrder);
    model.setStatus(QStringLiteral("fsar_dc131605"), Status::Approved);
    model.setDiagnosticCounts(QStringLiteral("fsar_dc131605"), 1, 1, 1);
    model.setEntries({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(QueueModel::ColumnCount));
}

void QueueModelTest::display_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");

    QTest::newRow("status text") << 1 << int(QueueModel::StatusColumn)
                                 << QStringLiteral("Rejected");
    QTest::newRow("severity") << 0 << int(QueueModel::SeverityColumn) << QStringLiteral("6");
    QTest::newRow("missing severity") << 2 << int(QueueModel::SeverityColumn)
                                      << QStringLiteral("?");
    QTest::newRow("does not block") << 0 << int(QueueModel::BlockColumn) << QString();
    QTest::newRow("blocks") << 1 << int(QueueModel::BlockColumn) << QStringLiteral("blocks");
    QTest::newRow("missing block flag") << 2 << int(QueueModel::BlockColumn)
                                        << QStringLiteral("?");
    QTest::newRow("kind") << 2 << int(QueueModel::KindColumn)
                          << QStringLiteral("self_improvement");
    QTest::newRow("opportunity") << 0 << int(QueueModel::OpportunityColumn)
                                 << QStringLiteral("Make.com Scenario Generation");
    QTest::newRow("two targets") << 1 << int(QueueModel::TargetsColumn)
                                 << QStringLiteral("generated_1.sql, b.py");
    QTest::newRow("warnings only") << 0 << int(QueueModel::DiagnosticsColumn)
                                   << QStringLiteral("2 warn");
    QTest::newRow("errors") << 1 << int(QueueModel::DiagnosticsColumn) << QStringLiteral("3 err");
    QTest::newRow("not computed") << 2 << int(QueueModel::DiagnosticsColumn)
                                  << QStringLiteral("…");
    QTest::newRow("age in days") << 0 << int(QueueModel::AgeColumn) << QStringLiteral("1 d");
    QTest::newRow("age in hours") << 1 << int(QueueModel::AgeColumn) << QStringLiteral("2 h");
    QTest::newRow("age from import time") << 2 << int(QueueModel::AgeColumn)
                                          << QStringLiteral("10 d");
}

void QueueModelTest::display()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, expected);
    QueueModel model;
    model.setReferenceTime(now());
    model.setEntries(entries());
    QCOMPARE(model.data(model.index(row, column)).toString(), expected);
}

void QueueModelTest::roles()
{
    QueueModel model;
    model.setReferenceTime(now());
    model.setEntries(entries());
    const QModelIndex i = model.index(1, QueueModel::KindColumn);
    QCOMPARE(i.data(QueueModel::IdRole).toString(), QStringLiteral("fsar_331e3e0e"));
    QCOMPARE(i.data(QueueModel::StatusRole).toInt(), int(Status::Rejected));
    QCOMPARE(i.data(QueueModel::StatusIdRole).toString(), QStringLiteral("rejected"));
    QCOMPARE(i.data(QueueModel::SeverityRole).toInt(), 10);
    QCOMPARE(i.data(QueueModel::BlockRole).toBool(), true);
    QCOMPARE(i.data(QueueModel::ErrorsRole).toInt(), 3);
    QCOMPARE(i.data(QueueModel::InfosRole).toInt(), 1);
    QCOMPARE(i.data(QueueModel::AgeSecondsRole).toLongLong(), qint64(2 * 3600 + 1));
    QCOMPARE(i.data(QueueModel::TargetsRole).toStringList(),
             (QStringList{QStringLiteral("generated_1.sql"), QStringLiteral("b.py")}));
    QVERIFY2(!model.index(2, 0).data(QueueModel::SeverityRole).isValid(),
             "a missing severity is no value, not 0");
    QCOMPARE(model.rowForId(QStringLiteral("fsar_dc131605")), 2);
    QCOMPARE(model.rowForId(QStringLiteral("nope")), -1);
    QCOMPARE(model.pendingCount(), 2);
    QCOMPARE(model.headerData(QueueModel::TargetsColumn, Qt::Horizontal).toString(),
             QStringLiteral("Target files"));
}

void QueueModelTest::sortsNumerically_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    QTest::addColumn<QStringList>("expectedIds");

    const QString a = QStringLiteral("fsar_51f8aa7f");
    const QString b = QStringLiteral("fsar_331e3e0e");
    const QString c = QStringLiteral("fsar_dc131605");
    // 10 > 6 > missing: a string sort would put "6" above "10".
    QTest::newRow("severity descending")
        << int(QueueModel::SeverityColumn) << int(Qt::DescendingOrder) << QStringList{b, a, c};
    QTest::newRow("diagnostics: errors before warnings before not computed")
        << int(QueueModel::DiagnosticsColumn) << int(Qt::DescendingOrder) << QStringList{b, a, c};
    QTest::newRow("age ascending: newest first")
        << int(QueueModel::AgeColumn) << int(Qt::AscendingOrder) << QStringList{b, a, c};
    QTest::newRow("status: pending first")
        << int(QueueModel::StatusColumn) << int(Qt::AscendingOrder) << QStringList{a, c, b};
    QTest::newRow("block flag descending")
        << int(QueueModel::BlockColumn) << int(Qt::DescendingOrder) << QStringList{b, a, c};
}

void QueueModelTest::sortsNumerically()
{
    QFETCH(int, column);
    QFETCH(int, order);
    QFETCH(QStringList, expectedIds);
    QueueModel model;
    model.setReferenceTime(now());
    model.setEntries(entries());
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(QueueModel::SortRole);
    proxy.sort(column, Qt::SortOrder(order));
    QStringList ids;
    for (int row = 0; row < proxy.rowCount(); ++row)
        ids << proxy.index(row, 0).data(QueueModel::IdRole).toString();
    QCOMPARE(ids, expectedIds);
}

void QueueModelTest::statusChangeIsOneRow()
{
    QueueModel model;
    model.setEntries(entries());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(model.setStatus(QStringLiteral("fsar_51f8aa7f"), Status::Approved));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    const QModelIndex topLeft = changed.at(0).at(0).value<QModelIndex>();
    const QModelIndex bottomRight = changed.at(0).at(1).value<QModelIndex>();
    QCOMPARE(topLeft, model.index(0, QueueModel::StatusColumn));
    QCOMPARE(bottomRight, topLeft);
    const auto roles = changed.at(0).at(2).value<QVector<int>>();
    QVERIFY(roles.contains(QueueModel::StatusRole));
    QVERIFY(roles.contains(Qt::DisplayRole));
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Approved"));
    QCOMPARE(model.pendingCount(), 1);

    // The same status again is no change.
    QVERIFY(model.setStatus(QStringLiteral("fsar_51f8aa7f"), Status::Approved));
    QCOMPARE(changed.count(), 1);
}

void QueueModelTest::diagnosticCountsChangeOneRow()
{
    QueueModel model;
    model.setEntries(entries());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setDiagnosticCounts(QStringLiteral("fsar_dc131605"), 1, 4, 0));
    QCOMPARE(changed.count(), 1);
    // The whole row: the status cell's tool tip names the errors as a risk too.
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(2, 0));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(),
             model.index(2, QueueModel::ColumnCount - 1));
    QCOMPARE(model.index(2, QueueModel::DiagnosticsColumn).data().toString(),
             QStringLiteral("1 err · 4 warn"));
    QCOMPARE(model.index(2, 0).data(QueueModel::WarningsRole).toInt(), 4);
}

// Errors, blocking and a file another live proposal writes are marked in their cell (icon +
// palette colour) and said in words (status tool tip, accessible text); a shared-target mark
// follows the other proposal's status.
void QueueModelTest::risksAreMarkedInWordsAndIcons()
{
    QueueModel model;
    const QIcon icon; // a GUI-less test cannot draw one; that the cell asks for it is enough
    const QColor error(0xd3, 0x2f, 0x2f);
    for (const auto risk : {QueueModel::ErrorRisk, QueueModel::BlockingRisk,
                            QueueModel::SharedTargetRisk})
        model.setRiskStyle(risk, icon, error);
    model.setEntries(entries());
    const auto at = [&model](int row, int column, int role) {
        return model.index(row, column).data(role);
    };
    // b: rejected, 3 errors, blocks, and writes generated_1.sql which pending a writes too.
    QCOMPARE(at(1, 0, QueueModel::RiskRole).toInt(),
             QueueModel::ErrorRisk | QueueModel::BlockingRisk | QueueModel::SharedTargetRisk);
    QVERIFY(at(1, QueueModel::DiagnosticsColumn, Qt::DecorationRole).canConvert<QIcon>());
    QCOMPARE(at(1, QueueModel::DiagnosticsColumn, Qt::ForegroundRole).value<QColor>(), error);
    QVERIFY(!at(1, QueueModel::SeverityColumn, Qt::DecorationRole).isValid());
    QVERIFY(!at(0, QueueModel::DiagnosticsColumn, Qt::DecorationRole).isValid());
    const QString tip = at(1, QueueModel::StatusColumn, Qt::ToolTipRole).toString();
    for (const char *words : {"3 error", "block execution", "1 other proposal"})
        QVERIFY2(tip.contains(QLatin1String(words)), qPrintable(tip));
    QVERIFY(at(1, QueueModel::StatusColumn, Qt::AccessibleTextRole)
                .toString()
                .contains(QStringLiteral("Needs a second look")));
    QVERIFY(at(1, QueueModel::TargetsColumn, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("fsar_51f8aa7f")));
    // a: clean, and b is rejected, so nobody else live writes its file.
    QCOMPARE(at(0, 0, QueueModel::RiskRole).toInt(), int(QueueModel::NoRisk));
    QCOMPARE(at(0, QueueModel::StatusColumn, Qt::ToolTipRole).toString(),
             QStringLiteral("Pending"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setStatus(QStringLiteral("fsar_331e3e0e"), Status::Pending));
    QCOMPARE(at(0, 0, QueueModel::RiskRole).toInt(), int(QueueModel::SharedTargetRisk));
    bool coversA = false;
    for (const QList<QVariant> &signal : std::as_const(changed))
        coversA = coversA || signal.at(0).value<QModelIndex>().row() == 0;
    QVERIFY2(coversA, "the other row is told its mark changed");
    QVERIFY(model.setStatus(QStringLiteral("fsar_331e3e0e"), Status::Rejected));
    QCOMPARE(at(0, 0, QueueModel::RiskRole).toInt(), int(QueueModel::NoRisk));
    // c: nothing to say.
    QCOMPARE(at(2, 0, QueueModel::RiskRole).toInt(), int(QueueModel::NoRisk));
}

void QueueModelTest::unknownIdChangesNothing()
{
    QueueModel model;
    model.setEntries(entries());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(!model.setStatus(QStringLiteral("fsar_missing"), Status::Approved));
    QVERIFY(!model.setDiagnosticCounts(QStringLiteral("fsar_missing"), 1, 1, 1));
    QCOMPARE(changed.count(), 0);
}

void QueueModelTest::formatAge_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("future") << qint64(-5) << QString();
    QTest::newRow("seconds") << qint64(59) << QStringLiteral("now");
    QTest::newRow("minutes") << qint64(125) << QStringLiteral("2 min");
    QTest::newRow("hours") << qint64(3 * 3600 + 59) << QStringLiteral("3 h");
    QTest::newRow("days") << qint64(326 * 86400) << QStringLiteral("326 d");
}

void QueueModelTest::formatAge()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, expected);
    QCOMPARE(QueueModel::formatAge(seconds), expected);
}

QTEST_GUILESS_MAIN(QueueModelTest)
#include "queuemodel_test.moc"
