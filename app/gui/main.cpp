// SPDX-License-Identifier: GPL-3.0-or-later
// verdict: the review workstation. `verdict [--db URL] [--theme T] [PATH...]`, or
// `verdict --screenshot FILE.png [--select ID] [PATH...]` to render the window and exit.
#include "actionregistry.h"
#include "apptheme.h"
#include "decisioncontroller.h"
#include "filterbar.h"
#include "folderwatcher.h"
#include "icons.h"
#include "importtask.h"
#include "mainwindow.h"
#include "queuefilter.h"
#include "viewcounter.h"
#include "store/storeworker.h"
#include "proposalview.h"
#include "syntaxhighlighteradapter.h"
#include "store/store.h"
#include "workstationtools.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QPixmap>
#include <QSettings>
#include <QtConcurrent>

#include <cstdio>
#include <cstring>

using namespace verdict;

namespace {

constexpr int kUsageError = 2;

void printError(const QString &message)
{
    std::fprintf(stderr, "verdict: %s\n", qUtf8Printable(message));
}

// The per-user default lives in a folder that may not exist yet.
void ensureParentDir(const QString &url)
{
    if (url.contains(QLatin1String("://")) || url.contains(QLatin1Char('=')))
        return;
    QString path = url;
    if (path.startsWith(QLatin1String("sqlite:")))
        path = path.mid(7);
    QDir().mkpath(QFileInfo(path).absolutePath());
}

// --keys "A,Alt+Z": what the keys would do, before the picture (a guarded approval's second
// step, the reason box, wrapped code). Each key triggers the window's action bound to it.
bool pressKeys(MainWindow &window, const QString &keys)
{
    const QStringList names = keys.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &name : names) {
        const QKeySequence key(name.trimmed(), QKeySequence::PortableText);
        QAction *bound = nullptr;
        for (QAction *a : window.actionRegistry()->actions()) {
            if (a->isEnabled() && a->shortcuts().contains(key))
                bound = a;
        }
        if (!bound) {
            printError(QStringLiteral("no action is bound to %1").arg(name.trimmed()));
            return false;
        }
        bound->trigger();
        QApplication::processEvents();
        window.storeWorker()->waitForIdle(); // what the key asked of the store, shown
        QApplication::processEvents();
    }
    return true;
}

int screenshot(MainWindow &window, const QString &file, const QString &select,
               const QString &view = {}, const QString &keys = {})
{
    // A picture, not an interactive session: waiting for the store is fine here.
    window.storeWorker()->waitForIdle(60000);
    if (!select.isEmpty() && !window.selectProposal(select)) {
        printError(QStringLiteral("no proposal with id %1 in the queue").arg(select));
        return kUsageError;
    }
    window.storeWorker()->waitForIdle(60000);
    window.enableDiagnostics();
    // Waiting for the checkers is fine here too.
    if (!window.waitForDiagnostics(60000))
        printError(QStringLiteral("diagnostics still running; the picture may lack some"));
    window.show();
    // Let layouts settle (offscreen too) before grabbing.
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
    if (!keys.isEmpty() && !pressKeys(window, keys))
        return kUsageError;
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
    window.storeWorker()->waitForIdle(60000);
    QApplication::processEvents();
    // The views' counts follow the last change a moment later, in slices.
    QElapsedTimer counting;
    counting.start();
    while (window.queueFilter()->viewCounter()->isCounting() && counting.elapsed() < 10000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    // --view: another window (statistics, settings, ...) instead of the main one.
    QWidget *target = &window;
    if (!view.isEmpty() && !(target = window.tools()->screenshotTarget(view))) {
        printError(QStringLiteral("unknown view %1 (stats, settings, export, sync)").arg(view));
        return kUsageError;
    }
    window.storeWorker()->waitForIdle(60000); // a dialog's fields read from the store
    QApplication::processEvents();
    const QPixmap pixmap = target->grab();
    if (pixmap.isNull() || !pixmap.save(file, "PNG")) {
        printError(QStringLiteral("cannot write %1").arg(file));
        return kUsageError;
    }
    return 0;
}

// What this build runs with, for bug reports. Answered before QApplication exists, so it
// works on a machine without a display.
bool printVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("verdict %s\nQt %s (built with %s), %s, %s\n", VERDICT_VERSION,
                        qVersion(), QT_VERSION_STR,
                        qUtf8Printable(SyntaxHighlighterAdapter::libraryVersion()),
                        qUtf8Printable(storeLibraryVersions()));
            return true;
        }
        if (std::strcmp(argv[i], "--") == 0)
            break;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    if (printVersion(argc, argv))
        return 0;
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("verdict"));
    QApplication::setOrganizationName(QStringLiteral("verdict"));
    QApplication::setApplicationDisplayName(QStringLiteral("Verdict"));
    QApplication::setApplicationVersion(QStringLiteral(VERDICT_VERSION));
    QApplication::setWindowIcon(Icons::application());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Review workstation for AI-generated proposal reports."));
    parser.addHelpOption();
    parser.addOption(QCommandLineOption({QStringLiteral("v"), QStringLiteral("version")},
                                        QStringLiteral("Print the version and libraries.")));
    const QCommandLineOption dbOption(
        QStringLiteral("db"), QStringLiteral("Database URL (path, sqlite:PATH or postgresql://)."),
        QStringLiteral("URL"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the main window to a PNG file and exit."), QStringLiteral("FILE"));
    const QCommandLineOption selectOption(
        QStringLiteral("select"), QStringLiteral("Proposal to select (with --screenshot)."),
        QStringLiteral("ID"));
    const QCommandLineOption themeOption(
        QStringLiteral("theme"), QStringLiteral("light, dark or system (default)."),
        QStringLiteral("THEME"), QStringLiteral("system"));
    const QCommandLineOption viewOption(
        QStringLiteral("view"),
        QStringLiteral("With --screenshot: render stats, settings, export or sync instead."),
        QStringLiteral("VIEW"));
    const QCommandLineOption filterOption(
        QStringLiteral("filter"), QStringLiteral("With --screenshot: the queue filter to show."),
        QStringLiteral("EXPR"));
    const QCommandLineOption historyOption(
        QStringLiteral("history"),
        QStringLiteral("With --screenshot: show the selected proposal's history tab."));
    parser.addOptions({dbOption, screenshotOption, selectOption, themeOption, viewOption});
    const QCommandLineOption keysOption(
        QStringLiteral("keys"),
        QStringLiteral("With --screenshot: keys to press first, comma-separated (e.g. A,Alt+Z)."),
        QStringLiteral("KEYS"));
    const QCommandLineOption sizeOption(
        QStringLiteral("size"), QStringLiteral("With --screenshot: the window size, WxH."),
        QStringLiteral("WxH"));
    parser.addOptions({filterOption, historyOption, keysOption, sizeOption});
    parser.addPositionalArgument(QStringLiteral("path"),
                                 QStringLiteral("Report files or folders to import."),
                                 QStringLiteral("[PATH...]"));
    parser.process(app);

    // --theme, else the one chosen in Settings.
    const QString theme = parser.isSet(themeOption)
                              ? parser.value(themeOption)
                              : QSettings().value(QStringLiteral("theme"),
                                                  QStringLiteral("system")).toString();
    if (!AppTheme::apply(theme)) {
        printError(QStringLiteral("unknown theme %1 (light, dark or system)")
                       .arg(parser.value(themeOption)));
        return kUsageError;
    }
    const bool screenshotMode = parser.isSet(screenshotOption);
    if (parser.isSet(selectOption) && !screenshotMode) {
        printError(QStringLiteral("--select needs --screenshot"));
        return kUsageError;
    }

    // --db, else $VERDICT_DB, else the database chosen in Settings, else the default.
    QString dbUrl = parser.value(dbOption);
    if (dbUrl.isEmpty() && qEnvironmentVariableIsEmpty("VERDICT_DB"))
        dbUrl = QSettings().value(QStringLiteral("database")).toString().trimmed();
    const QString url = defaultStoreUrl(dbUrl);
    ensureParentDir(url);
    const QString reviewer = DecisionController::defaultReviewer();
    const QStringList paths = parser.positionalArguments();
    // A team server opens on the window's store thread: a slow or lost server never holds
    // the window up (the status bar says what went wrong). A file opens here, at once, so
    // a database that cannot be opened is an error before any window.
    const bool openLater = isServerUrl(url) && !screenshotMode;
    Result<std::unique_ptr<Store>> store =
        openLater ? Result<std::unique_ptr<Store>>(nullptr) : openStore(url);
    if (!store) {
        // Never the URL as given: it may hold a password (stderr and the dialog alike).
        const QString message = QStringLiteral("cannot open the database %1: %2")
                                    .arg(redactStoreUrl(url),
                                         redactStoreUrl(store.errorMessage(), url));
        printError(message);
        if (!screenshotMode) {
            QMessageBox box(QMessageBox::Critical, QStringLiteral("Verdict"), message);
            box.setTextFormat(Qt::PlainText); // the URL is user input
            box.exec();
        }
        return kUsageError;
    }

    if (screenshotMode) {
        // The picture must show the imported reports: wait for the worker, then render.
        if (!paths.isEmpty()) {
            const ImportOutcome outcome =
                QtConcurrent::run([&] { return ImportTask::run(url, paths, reviewer); })
                    .result();
            if (!outcome.ok) {
                printError(outcome.error);
                return kUsageError;
            }
        }
        MainWindow window(std::move(store).value(), reviewer);
        if (parser.isSet(filterOption))
            window.filterBar()->setText(parser.value(filterOption));
        if (parser.isSet(historyOption))
            window.proposalView()->showHistory();
        if (parser.isSet(sizeOption)) {
            const QStringList wh = parser.value(sizeOption).split(QLatin1Char('x'));
            const int w = wh.value(0).toInt();
            const int h = wh.value(1).toInt();
            if (wh.size() != 2 || w < 320 || h < 240 || w > 7680 || h > 4320) {
                printError(QStringLiteral("--size wants WxH, e.g. 1280x720"));
                return kUsageError;
            }
            window.resize(w, h);
        }
        return screenshot(window, parser.value(screenshotOption), parser.value(selectOption),
                          parser.value(viewOption), parser.value(keysOption));
    }

    auto window = openLater ? std::make_unique<MainWindow>(url, reviewer)
                            : std::make_unique<MainWindow>(std::move(store).value(), reviewer);
    // Sort, filter, splitters and the selection as the reviewer left them; watch folders.
    window->restoreSession();
    window->enableDiagnostics();
    window->show();
    if (!paths.isEmpty())
        window->importPaths(paths);
    // Reports dropped into a watched folder while Verdict was closed (idempotent).
    if (const QStringList watched = FolderWatcher::configuredFolders(); !watched.isEmpty())
        window->importPaths(watched);
    return app.exec();
}
