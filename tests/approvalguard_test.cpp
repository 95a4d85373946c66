// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/approvalguard.h"
#include "store/sqlitestore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace verdict;

class ApprovalGuardTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reasons_data();
    void reasons();
    void settingsComeFromTheStore_data();
    void settingsComeFromTheStore();
};

namespace {

QueueEntry entry(const QString &id, const QStringList &targets, Status status = Status::Pending)
{
    QueueEntry e;
    e.id = id;
    e.targets = targets;
    e.status = status;
    e.errors = 0;
    e.severity = 3;
    e.blockExecution = false;
    return e;
}

} // namespace

void ApprovalGuardTest::reasons_data()
{
    QTest::addColumn<int>("errors");
    QTest::addColumn<int>("severity");
    QTest::addColumn<bool>("block");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("otherStatus");
    QTest::addColumn<int>("threshold");
    QTest::addColumn<int>("rules");
    QTest::addColumn<QStringList>("expected"); // words each reason must contain, in order

    const int all = ApprovalGuard::AllRules;
    const int pending = int(Status::Pending);
    QTest::newRow("clean") << 0 << 3 << false << "a.sql" << pending << 8 << all
                           << QStringList();
    QTest::newRow("error diagnostics") << 2 << 3 << false << "a.sql" << pending << 8 << all
                                       << QStringList{QStringLiteral("2 error")};
    QTest::newRow("diagnostics not known yet") << -1 << 3 << false << "a.sql" << pending << 8
                                               << all << QStringList{QStringLiteral("not finished")};
    QTest::newRow("blocks execution") << 0 << 3 << true << "a.sql" << pending << 8 << all
                                      << QStringList{QStringLiteral("block execution")};
    QTest::newRow("severity at the threshold") << 0 << 8 << false << "a.sql" << pending << 8
                                               << all << QStringList{QStringLiteral("severity 8")};
    QTest::newRow("severity below") << 0 << 7 << false << "a.sql" << pending << 8 << all
                                    << QStringList();
    QTest::newRow("severity rule off") << 0 << 10 << false << "a.sql" << pending << 0 << all
                                       << QStringList();
    QTest::newRow("shared with a pending one")
        << 0 << 3 << false << "shared.sql" << pending << 8 << all
        << QStringList{QStringLiteral("other also writes")};
    QTest::newRow("shared with an approved one")
        << 0 << 3 << false << "shared.sql" << int(Status::Approved) << 8 << all
        << QStringList{QStringLiteral("other also writes")};
    QTest::newRow("shared with a rejected one is fine")
        << 0 << 3 << false << "shared.sql" << int(Status::Rejected) << 8 << all
        << QStringList();
    QTest::newRow("same file spelled differently")
        << 0 << 3 << false << "./x/../shared.sql" << pending << 8 << all
        << QStringList{QStringLiteral("other also writes")};
    QTest::newRow("everything at once")
        << 1 << 9 << true << "shared.sql" << pending << 8 << all
        << QStringList{QStringLiteral("1 error"), QStringLiteral("block execution"),
                       QStringLiteral("severity 9"), QStringLiteral("other also writes")};
    QTest::newRow("rules off, severity on")
        << 1 << 9 << true << "shared.sql" << pending << 8 << 0
        << QStringList{QStringLiteral("severity 9")};
}

void ApprovalGuardTest::reasons()
{
    QFETCH(int, errors);
    QFETCH(int, severity);
    QFETCH(bool, block);
    QFETCH(QString, target);
    QFETCH(int, otherStatus);
    QFETCH(int, threshold);
    QFETCH(int, rules);
    QFETCH(QStringList, expected);
    QueueEntry mine = entry(QStringLiteral("mine"), {target});
    mine.errors = errors;
    mine.severity = severity;
    mine.blockExecution = block;
    const QueueEntry other =
        entry(QStringLiteral("other"), {QStringLiteral("shared.sql")}, Status(otherStatus));
    ApprovalGuard guard(threshold, rules);
    TargetWriters writers;
    writers.rebuild({mine, other});
    const QStringList why = guard.reasons(mine, writers);
    QCOMPARE(why.size(), expected.size());
    for (int i = 0; i < why.size(); ++i)
        QVERIFY2(why.at(i).contains(expected.at(i)), qPrintable(why.at(i)));
}

void ApprovalGuardTest::settingsComeFromTheStore_data()
{
    QTest::addColumn<QString>("severity");
    QTest::addColumn<QString>("rules");
    QTest::addColumn<int>("expectedSeverity");
    QTest::addColumn<int>("expectedRules");
    const int all = ApprovalGuard::AllRules;
    QTest::newRow("unset: the defaults") << QString() << QString() << 8 << all;
    QTest::newRow("a lead's threshold") << QStringLiteral("6") << QString() << 6 << all;
    QTest::newRow("severity off") << QStringLiteral("0") << QString() << 0 << all;
    QTest::newRow("garbage severity: the default") << QStringLiteral("high") << QString() << 8
                                                  << all;
    QTest::newRow("some rules") << QString() << QStringLiteral("errors,blocking") << 8
                                << int(ApprovalGuard::Errors | ApprovalGuard::Blocking);
    QTest::newRow("no rules") << QString() << QStringLiteral("none") << 8 << 0;
    QTest::newRow("an unknown rule keeps the gate closed")
        << QString() << QStringLiteral("errors,typo") << 8 << all;
}

void ApprovalGuardTest::settingsComeFromTheStore()
{
    QFETCH(QString, severity);
    QFETCH(QString, rules);
    QFETCH(int, expectedSeverity);
    QFETCH(int, expectedRules);
    QTemporaryDir dir;
    auto store = SqliteStore::open(dir.filePath(QStringLiteral("v.sqlite")));
    QVERIFY(store);
    if (!severity.isNull())
        QVERIFY(store.value()->setSetting(ApprovalGuard::kSeverityKey, severity));
    if (!rules.isNull())
        QVERIFY(store.value()->setSetting(ApprovalGuard::kRulesKey, rules));
    const ApprovalGuard guard = ApprovalGuard::fromStore(store.value().get());
    QCOMPARE(guard.severityThreshold(), expectedSeverity);
    QCOMPARE(guard.rules(), expectedRules);
}

QTEST_GUILESS_MAIN(ApprovalGuardTest)
#include "approvalguard_test.moc"
