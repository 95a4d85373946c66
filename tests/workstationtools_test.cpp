// SPDX-License-Identifier: GPL-3.0-or-later
#include "actionregistry.h"
#include "mainwindow.h"
#include "store/storeworker.h"
#include "store/store.h"
#include "syncstatus.h"
#include "workstationtools.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace verdict;

class WorkstationToolsTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void actions_data();
    void actions();
    void syncStatusInTheStatusBar();
    void everyFocusableControlIsNamed();
    void syncScreenshotWaitsForTheOutcome();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void WorkstationToolsTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                       m_dir->filePath(QStringLiteral("cfg")));
    QCoreApplication::setOrganizationName(QStringLiteral("verdict-test"));
    auto store = openStore(m_dir->filePath(QStringLiteral("v.sqlite")));
    QVERIFY(store.ok());
    m_window = std::make_unique<MainWindow>(std::move(store).value(), QStringLiteral("ann"));
    QVERIFY(m_window->storeWorker()->waitForIdle()); // the queue and team settings, read
}

void WorkstationToolsTest::cleanup()
{
    m_window.reset();
    m_dir.reset();
}

void WorkstationToolsTest::actions_data()
{
    QTest::addColumn<QString>("menu");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QKeySequence>("shortcut");
    QTest::newRow("settings") << QStringLiteral("File") << QStringLiteral("Settings…")
                              << QKeySequence(Qt::CTRL | Qt::Key_Comma);
    QTest::newRow("export") << QStringLiteral("File") << QStringLiteral("Export audit log…")
                            << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E);
    QTest::newRow("statistics") << QStringLiteral("View") << QStringLiteral("Statistics")
                                << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T);
    QTest::newRow("sync-now") << QStringLiteral("Team") << QStringLiteral("Sync now")
                              << QKeySequence(Qt::Key_F5);
}

void WorkstationToolsTest::actions()
{
    QFETCH(QString, menu);
    QFETCH(QString, text);
    QFETCH(QKeySequence, shortcut);
    QAction *found = nullptr;
    for (QAction *m : m_window->menuBar()->actions()) {
        if (!m->menu() || QString(m->text()).remove(QLatin1Char('&')) != menu)
            continue;
        for (QAction *a : m->menu()->actions()) {
            if (QString(a->text()).remove(QLatin1Char('&')) == text)
                found = a;
        }
    }
    QVERIFY2(found, qPrintable(menu + QLatin1String(" > ") + text));
    QCOMPARE(found->shortcut(), shortcut);
    // Made through the window's registry, like every action (the shortcut check sees it).
    QVERIFY(m_window->actionRegistry()->actions().contains(found));
}

void WorkstationToolsTest::syncStatusInTheStatusBar()
{
    SyncStatus *status = m_window->statusBar()->findChild<SyncStatus *>();
    QVERIFY(status);
    QCOMPARE(status, m_window->tools()->syncStatus());
    QCOMPARE(status->state(), SyncStatus::State::Off); // no syncServer in these settings
    QCOMPARE(status->text(), QStringLiteral("Sync off"));
    m_window->tools()->syncNowAction()->trigger(); // harmless when off
    QCOMPARE(status->state(), SyncStatus::State::Off);
}

void WorkstationToolsTest::everyFocusableControlIsNamed()
{
    QStringList unnamed;
    for (QWidget *w : m_window->findChildren<QWidget *>()) {
        if (w->focusPolicy() == Qt::NoFocus || !w->accessibleName().isEmpty())
            continue;
        if (w->objectName().startsWith(QLatin1String("qt_")))
            continue; // Qt's own internals (scroll area viewports, ...)
        if (w->inherits("QLabel"))
            continue; // a label's accessible name is its text
        unnamed << QString::fromLatin1(w->metaObject()->className()) + QLatin1Char(' ')
                       + w->objectName();
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

// --screenshot --view sync pictures the first attempt's outcome, not "Syncing": the tools
// wait for SyncController::syncFinished (here: a server that refuses the connection).
void WorkstationToolsTest::syncScreenshotWaitsForTheOutcome()
{
    QSettings().setValue(QStringLiteral("syncServer"),
                         QStringLiteral("postgresql://verdict@127.0.0.1:1/verdict"));
    m_window->tools()->applySettings(); // starts the first attempt
    SyncStatus *status = m_window->tools()->syncStatus();
    QCOMPARE(status->state(), SyncStatus::State::Syncing);
    QCOMPARE(m_window->tools()->screenshotTarget(QStringLiteral("sync")),
             static_cast<QWidget *>(m_window.get()));
    QVERIFY(!m_window->tools()->sync()->isSyncing());
    QVERIFY2(status->state() == SyncStatus::State::Offline
                 || status->state() == SyncStatus::State::Failed,
             qPrintable(status->text()));
    QSettings().remove(QStringLiteral("syncServer"));
}

QTEST_MAIN(WorkstationToolsTest)
#include "workstationtools_test.moc"
