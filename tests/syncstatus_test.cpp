// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqlitestore.h"
#include "syncstatus.h"

#include <QApplication>
#include <QDialog>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace verdict;

class SyncStatusTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void states_data();
    void states();
    void lastSyncIsShown();
    void offWithoutServer();
    void unreachableServerGoesOfflineQuietly();
};

void SyncStatusTest::states_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("text");

    QTest::newRow("off") << int(SyncStatus::State::Off) << QStringLiteral("No team server set")
                         << QStringLiteral("Sync off");
    QTest::newRow("syncing") << int(SyncStatus::State::Syncing) << QString()
                             << QStringLiteral("Syncing…");
    QTest::newRow("online") << int(SyncStatus::State::Online) << QString()
                            << QStringLiteral("Online");
    QTest::newRow("offline") << int(SyncStatus::State::Offline)
                             << QStringLiteral("connection refused")
                             << QStringLiteral("Offline · never synced");
    QTest::newRow("failed") << int(SyncStatus::State::Failed) << QStringLiteral("42501 denied")
                            << QStringLiteral("Sync failed · never synced");
}

void SyncStatusTest::states()
{
    QFETCH(int, state);
    QFETCH(QString, detail);
    QFETCH(QString, text);
    SyncStatus status;
    status.setState(SyncStatus::State(state), detail);
    QCOMPARE(int(status.state()), state);
    // Words, not colour: the state reads from the text alone.
    QCOMPARE(status.text(), text);
    QVERIFY(status.toolTip().contains(text));
    if (!detail.isEmpty())
        QVERIFY2(status.toolTip().contains(detail), qPrintable(status.toolTip()));
    QCOMPARE(status.accessibleName(), QStringLiteral("Team sync"));
    QVERIFY(status.accessibleDescription().contains(text));
}

void SyncStatusTest::lastSyncIsShown()
{
    SyncStatus status;
    const QDateTime at = QDateTime::currentDateTime();
    status.setLastSync(at.toUTC());
    status.setState(SyncStatus::State::Online);
    QCOMPARE(status.text(),
             QStringLiteral("Online · last sync %1").arg(at.toString(QStringLiteral("HH:mm"))));
    status.setState(SyncStatus::State::Offline, QStringLiteral("gone"));
    QVERIFY2(status.text().startsWith(QStringLiteral("Offline · last sync ")),
             qPrintable(status.text()));
    QCOMPARE(status.lastSync(), at.toUTC());
}

void SyncStatusTest::offWithoutServer()
{
    QTemporaryDir dir;
    SyncStatus status;
    SyncController sync(dir.filePath(QStringLiteral("v.sqlite")), &status);
    QVERIFY(!sync.isConfigured());
    QCOMPARE(status.state(), SyncStatus::State::Off);
    sync.syncNow(); // nothing to do, nothing shown
    QCOMPARE(status.state(), SyncStatus::State::Off);

    SyncStatus serverStatus;
    SyncController onServer(QStringLiteral("postgresql://db/v"), &serverStatus);
    onServer.setServerUrl(QStringLiteral("postgresql://db/v"));
    QVERIFY(!onServer.isConfigured());
    QCOMPARE(serverStatus.state(), SyncStatus::State::Off);
    QVERIFY(serverStatus.toolTip().contains(QLatin1String("team server directly")));
}

void SyncStatusTest::unreachableServerGoesOfflineQuietly()
{
    QTemporaryDir dir;
    const QString local = dir.filePath(QStringLiteral("v.sqlite"));
    QVERIFY(SqliteStore::open(local).ok());
    SyncStatus status;
    SyncController sync(local, &status);
    QSignalSpy finished(&sync, &SyncController::syncFinished);
    sync.setServerUrl(QStringLiteral("postgresql://127.0.0.1:1/x?connect_timeout=2"));
    QCOMPARE(status.state(), SyncStatus::State::Syncing);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(status.state(), SyncStatus::State::Offline);
    QVERIFY2(status.text().startsWith(QLatin1String("Offline")), qPrintable(status.text()));
    // The reason is in the tool tip, with when the next try is; no dialog anywhere.
    QVERIFY2(status.toolTip().contains(QLatin1String("Next try in 5 s")),
             qPrintable(status.toolTip()));
    QVERIFY(!status.toolTip().contains(QLatin1String("password")));
    for (QWidget *w : QApplication::topLevelWidgets())
        QVERIFY2(!qobject_cast<QDialog *>(w) || !w->isVisible(), w->metaObject()->className());
    QCOMPARE(sync.failures(), 1);
    QCOMPARE(sync.nextAttemptMs(), 5000);

    // Sync now retries at once; a second failure backs off further.
    sync.syncNow();
    QCOMPARE(status.state(), SyncStatus::State::Syncing);
    QVERIFY(finished.wait(20000));
    QCOMPARE(sync.failures(), 2);
    QVERIFY2(status.toolTip().contains(QLatin1String("Next try in 10 s")),
             qPrintable(status.toolTip()));
    QCOMPARE(sync.nextAttemptMs(), 10000);
}

QTEST_MAIN(SyncStatusTest)
#include "syncstatus_test.moc"
