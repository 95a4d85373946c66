// SPDX-License-Identifier: GPL-3.0-or-later
// Trust issue, item 1, against the real binary: `verdict --screenshot` on a hostile report
// exits 0 and writes a PNG of the window's normal size. Before the fix a 300,000-character
// id or a 1 MB opportunity crashed it (SIGSEGV in QTabBar::paintEvent), and a
// 100,000-character id or path failed with "libpng error: Invalid IHDR data" (the grab was
// as wide as the text).
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class GuiBoundsScreenshotTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void renders_data();
    void renders();
};

namespace {

QByteArray report(const QByteArray &id, const QByteArray &opportunity, const QByteArray &path,
                  const QByteArray &risks)
{
    return "# FSAR Proposal Report\n- id: " + id
           + "\n- timestamp: 2026-01-02T19:12:25.611Z\n- severity: 6\n"
             "- block_execution: false\n- proposal:\n\n"
             "idea_implementation: Create or update the file "
           + path + " with this complete content:\n\nSELECT 1;\n\nThis is for opportunity: "
           + opportunity + "\nMake sure the file is complete.\n\n## Risks\n" + risks
           + "\n## Mitigations\n- m\n";
}

} // namespace

void GuiBoundsScreenshotTest::renders_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("select"); // empty: the only row is selected anyway
    const QByteArray id = "fsar_11111111-2222-4333-8444-555555555555";
    QTest::newRow("300,000-character id")
        << report("fsar_" + QByteArray(300000, 'a'), "Opp", "a.sql", "- r\n") << QString();
    QTest::newRow("100,000-character id")
        << report("fsar_" + QByteArray(100000, 'b'), "Opp", "a.sql", "- r\n") << QString();
    QTest::newRow("1 MB opportunity")
        << report(id, QByteArray(1 << 20, 'x'), "a.sql", "- r\n") << QString::fromLatin1(id);
    QTest::newRow("100,000-character path")
        << report(id, "Opp", "dir/" + QByteArray(100000, 'p') + ".sql", "- r\n")
        << QString::fromLatin1(id);
    QByteArray risks;
    for (int i = 0; i < 100000; ++i)
        risks += "- risk " + QByteArray::number(i) + '\n';
    QTest::newRow("100,000 risks") << report(id, "Opp", "a.sql", risks)
                                   << QString::fromLatin1(id);
    const QByteArray controls = "a\x01\x1b[2J\xe2\x80\xae" "evil\xe2\x80\xac\xe2\x80\xa8z";
    QTest::newRow("controls and bidi overrides")
        << report("fsar_" + controls, controls, "dir/" + controls + ".sql", "- " + controls + '\n')
        << QString();
}

void GuiBoundsScreenshotTest::renders()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, select);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString reportFile = dir.filePath(QStringLiteral("hostile.txt"));
    {
        QFile f(reportFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }
    const QString png = dir.filePath(QStringLiteral("shot.png"));
    QStringList args{QStringLiteral("--db"), dir.filePath(QStringLiteral("v.sqlite")),
                     QStringLiteral("--screenshot"), png};
    if (!select.isEmpty())
        args << QStringLiteral("--select") << select;
    args << reportFile;
    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    gui.setProcessEnvironment(env);
    gui.start(QStringLiteral(VERDICT_GUI_PATH), args);
    QVERIFY(gui.waitForFinished(120000));
    const QByteArray errors = gui.readAllStandardError();
    QVERIFY2(gui.exitStatus() == QProcess::NormalExit, errors.constData()); // no crash
    QVERIFY2(gui.exitCode() == 0, errors.constData());
    QVERIFY2(!errors.contains("libpng error"), errors.constData());
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1400, 900));
}

QTEST_GUILESS_MAIN(GuiBoundsScreenshotTest)
#include "guibounds_screenshot_test.moc"
