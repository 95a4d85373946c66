// SPDX-License-Identifier: GPL-3.0-or-later
// verdict: the review workstation. `verdict [--db URL] [--theme T] [PATH...]`, or
// `verdict --screenshot FILE.png [--select ID] [PATH...]` to render the window and exit.
#include "apptheme.h"
#include "decisioncontroller.h"
#include "icons.h"
#include "importtask.h"
#include "mainwindow.h"
#include "store/store.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QPixmap>
#include <QtConcurrent>

#include <cstdio>

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

int screenshot(MainWindow &window, const QString &file, const QString &select)
{
    if (!select.isEmpty() && !window.selectProposal(select)) {
        printError(QStringLiteral("no proposal with id %1 in the queue").arg(select));
        return kUsageError;
    }
    window.enableDiagnostics();
    // A picture, not an interactive session: waiting for the checkers is fine here.
    if (!window.waitForDiagnostics(60000))
        printError(QStringLiteral("diagnostics still running; the picture may lack some"));
    window.show();
    // Let layouts settle (offscreen too) before grabbing.
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
    const QPixmap pixmap = window.grab();
    if (pixmap.isNull() || !pixmap.save(file, "PNG")) {
        printError(QStringLiteral("cannot write %1").arg(file));
        return kUsageError;
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
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
    parser.addVersionOption();
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
    parser.addOptions({dbOption, screenshotOption, selectOption, themeOption});
    parser.addPositionalArgument(QStringLiteral("path"),
                                 QStringLiteral("Report files or folders to import."),
                                 QStringLiteral("[PATH...]"));
    parser.process(app);

    if (!AppTheme::apply(parser.value(themeOption))) {
        printError(QStringLiteral("unknown theme %1 (light, dark or system)")
                       .arg(parser.value(themeOption)));
        return kUsageError;
    }
    const bool screenshotMode = parser.isSet(screenshotOption);
    if (parser.isSet(selectOption) && !screenshotMode) {
        printError(QStringLiteral("--select needs --screenshot"));
        return kUsageError;
    }

    const QString url = defaultStoreUrl(parser.value(dbOption));
    ensureParentDir(url);
    auto store = openStore(url);
    if (!store) {
        const QString message =
            QStringLiteral("cannot open the database %1: %2").arg(url, store.errorMessage());
        printError(message);
        if (!screenshotMode) {
            QMessageBox box(QMessageBox::Critical, QStringLiteral("Verdict"), message);
            box.setTextFormat(Qt::PlainText); // the URL is user input
            box.exec();
        }
        return kUsageError;
    }
    const QString reviewer = DecisionController::defaultReviewer();
    const QStringList paths = parser.positionalArguments();

    if (screenshotMode) {
        // The picture must show the imported reports: wait for the worker, then render.
        if (!paths.isEmpty()) {
            const ImportOutcome outcome =
                QtConcurrent::run(&ImportTask::run, url, paths, reviewer).result();
            if (!outcome.ok) {
                printError(outcome.error);
                return kUsageError;
            }
        }
        MainWindow window(std::move(store).value(), reviewer);
        return screenshot(window, parser.value(screenshotOption), parser.value(selectOption));
    }

    MainWindow window(std::move(store).value(), reviewer);
    window.enableDiagnostics();
    window.show();
    if (!paths.isEmpty())
        window.importPaths(paths);
    return app.exec();
}
