// SPDX-License-Identifier: GPL-3.0-or-later
// The `verdict --screenshot` contract (DESIGN.md), run against the real executable.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class ScreenshotTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void renders_data();
    void renders();
};

void ScreenshotTest::renders_data()
{
    QTest::addColumn<QStringList>("extraArgs");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("first row") << QStringList() << 0;
    QTest::newRow("select sample 003")
        << QStringList{QStringLiteral("--select"),
                       QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130")}
        << 0;
    QTest::newRow("dark theme") << QStringList{QStringLiteral("--theme"), QStringLiteral("dark")}
                                << 0;
    QTest::newRow("unknown id") << QStringList{QStringLiteral("--select"),
                                               QStringLiteral("fsar_nope")}
                                << 2;
    QTest::newRow("unknown theme") << QStringList{QStringLiteral("--theme"),
                                                  QStringLiteral("purple")}
                                   << 2;
}

void ScreenshotTest::renders()
{
    QFETCH(QStringList, extraArgs);
    QFETCH(int, exitCode);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString png = dir.filePath(QStringLiteral("shot.png"));
    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    gui.setProcessEnvironment(env);
    gui.start(QStringLiteral(VERDICT_GUI_PATH),
              QStringList{QStringLiteral("--db"), dir.filePath(QStringLiteral("v.sqlite")),
                          QStringLiteral("--screenshot"), png}
                  + extraArgs + QStringList{QStringLiteral(VERDICT_SAMPLES)});
    QVERIFY(gui.waitForFinished(120000));
    QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
    const QByteArray errors = gui.readAllStandardError();
    QVERIFY2(gui.exitCode() == exitCode, errors.constData());
    const QImage image(png);
    if (exitCode != 0) {
        QVERIFY(image.isNull());
        QVERIFY2(errors.contains("verdict: "), errors.constData());
        return;
    }
    QCOMPARE(image.size(), QSize(1400, 900));
}

QTEST_GUILESS_MAIN(ScreenshotTest)
#include "screenshot_test.moc"
