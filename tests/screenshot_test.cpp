// SPDX-License-Identifier: GPL-3.0-or-later
// The `verdict --screenshot` contract (docs/ARCHITECTURE.md), run against the real
// executable: each row asserts what the picture shows, not only that there is one.
#include "apptheme.h"
#include "diagnostics/rules.h"
#include "store/store.h"
#include "syntaxhighlighteradapter.h"

#include <QApplication>
#include <QColor>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace verdict;

class ScreenshotTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void renders_data();
    void renders();
    void darkThemeIsDark();
    void sample003ShowsTheMismatch();
};

namespace {

const QString kSample003 = QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130");

struct Shot
{
    int exitCode = -1;
    QByteArray errors;
    QImage image;
};

// Runs `verdict --db DB --screenshot PNG ARGS... samples/` on the offscreen platform.
Shot render(const QTemporaryDir &dir, const QString &name, const QStringList &args,
            const QString &db = QString())
{
    Shot shot;
    const QString png = dir.filePath(name + QStringLiteral(".png"));
    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    gui.setProcessEnvironment(env);
    gui.start(QStringLiteral(VERDICT_GUI_PATH),
              QStringList{QStringLiteral("--db"),
                          db.isEmpty() ? dir.filePath(name + QStringLiteral(".sqlite")) : db,
                          QStringLiteral("--screenshot"), png}
                  + args + QStringList{QStringLiteral(VERDICT_SAMPLES)});
    if (!gui.waitForFinished(120000) || gui.exitStatus() != QProcess::NormalExit)
        return shot;
    shot.exitCode = gui.exitCode();
    shot.errors = gui.readAllStandardError();
    shot.image = QImage(png).convertToFormat(QImage::Format_RGB32);
    return shot;
}

double meanLightness(const QImage &image)
{
    double sum = 0;
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            sum += QColor(line[x]).lightness();
    }
    return sum / (double(image.width()) * image.height());
}

// Pixels of exactly `color`: the code view draws error underlines and gutter marks in
// the editor's error colour, which nothing else on screen uses.
int pixelsOf(const QImage &image, QColor color)
{
    const QRgb wanted = color.rgb();
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            n += (line[x] | 0xff000000u) == wanted;
    }
    return n;
}

} // namespace

void ScreenshotTest::renders_data()
{
    QTest::addColumn<QStringList>("extraArgs");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("first row") << QStringList() << 0;
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
    const Shot shot = render(dir, QStringLiteral("shot"), extraArgs);
    QVERIFY2(shot.exitCode == exitCode, shot.errors.constData());
    if (exitCode != 0) {
        QVERIFY(shot.image.isNull());
        QVERIFY2(shot.errors.contains("verdict: "), shot.errors.constData());
        return;
    }
    QCOMPARE(shot.image.size(), QSize(1400, 900));
}

// --theme dark: the window is dark (mean lightness well below the middle) and far darker
// than the same window in --theme light.
void ScreenshotTest::darkThemeIsDark()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Shot light = render(dir, QStringLiteral("light"),
                              {QStringLiteral("--theme"), QStringLiteral("light")});
    const Shot dark = render(dir, QStringLiteral("dark"),
                             {QStringLiteral("--theme"), QStringLiteral("dark")});
    QVERIFY2(light.exitCode == 0, light.errors.constData());
    QVERIFY2(dark.exitCode == 0, dark.errors.constData());
    QCOMPARE(dark.image.size(), QSize(1400, 900));
    const double l = meanLightness(light.image);
    const double d = meanLightness(dark.image);
    qInfo("mean lightness: light %.1f, dark %.1f", l, d);
    QVERIFY2(d < 100, qPrintable(QStringLiteral("dark render lightness %1").arg(d)));
    QVERIFY2(l > 160, qPrintable(QStringLiteral("light render lightness %1").arg(l)));
    QVERIFY2(l - d > 80, qPrintable(QStringLiteral("light %1, dark %2").arg(l).arg(d)));
}

// Sample 003 names a .sql file and holds Python: selected, the picture shows the
// language-mismatch error. The same render with only that rule turned off (the team
// setting disabled_rules) is the control: everything else on screen is the same, so the
// picture must differ, with more pixels in the editor's error colour.
void ScreenshotTest::sample003ShowsTheMismatch()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString controlDb = dir.filePath(QStringLiteral("control.sqlite"));
    {
        auto store = openStore(controlDb);
        QVERIFY2(store, qPrintable(store.error().message));
        const auto set = (*store)->setSetting(DisabledRules::kSettingKey,
                                              QStringLiteral("language-mismatch"));
        QVERIFY2(set, qPrintable(set.error().message));
    }
    const QStringList select{QStringLiteral("--theme"), QStringLiteral("light"),
                             QStringLiteral("--select"), kSample003};
    const Shot shown = render(dir, QStringLiteral("shown"), select);
    const Shot control = render(dir, QStringLiteral("control"), select, controlDb);
    QVERIFY2(shown.exitCode == 0, shown.errors.constData());
    QVERIFY2(control.exitCode == 0, control.errors.constData());
    QCOMPARE(shown.image.size(), QSize(1400, 900));
    QVERIFY(shown.image != control.image);

    // The error colour of the light theme's code view, as the GUI computes it.
    QVERIFY(AppTheme::apply(QStringLiteral("light")));
    const QColor error = SyntaxHighlighterAdapter::editorColors(QApplication::palette()).error;
    const int withRule = pixelsOf(shown.image, error);
    const int without = pixelsOf(control.image, error);
    qInfo("pixels of %s: %d with language-mismatch, %d without", qPrintable(error.name()),
          withRule, without);
    QVERIFY2(withRule > without,
             qPrintable(QStringLiteral("error-coloured pixels: %1 with language-mismatch, %2 "
                                       "without (colour %3)")
                            .arg(withRule)
                            .arg(without)
                            .arg(error.name())));
}

QTEST_MAIN(ScreenshotTest)
#include "screenshot_test.moc"
