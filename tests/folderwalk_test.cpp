// SPDX-License-Identifier: GPL-3.0-or-later
// One walk, one set of rules: over real trees holding every kind of entry, the import
// (ReportParser::collectFiles) and the folder watcher see exactly the same entries, and
// those are the ones folderwalk.h promises.
#include "folderwatcher.h"
#include "report/reportparser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

#include <sys/stat.h>
#include <unistd.h>

using namespace verdict;

class FolderWalkTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importAndWatcherSeeTheSame_data();
    void importAndWatcherSeeTheSame();
};

namespace {

using Build = std::function<bool(const QString &root)>;

bool write(const QString &path, const QByteArray &data = "# FSAR Proposal Report\n")
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

bool link(const QString &target, const QString &path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    return ::symlink(QFile::encodeName(target).constData(), QFile::encodeName(path).constData())
           == 0;
}

QStringList relative(const QStringList &paths, const QString &root)
{
    QStringList out;
    for (const QString &p : paths)
        out << QDir(root).relativeFilePath(p);
    out.sort();
    return out;
}

} // namespace

Q_DECLARE_METATYPE(Build)

// Each row lays out a tree (besides report.txt, always there) and lists, relative to the
// root, what both must see.
void FolderWalkTest::importAndWatcherSeeTheSame_data()
{
    QTest::addColumn<Build>("build");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<bool>("needsNonRoot");
    const QString report = QStringLiteral("report.txt");
    QTest::newRow("regular files, any name, in subfolders")
        << Build([](const QString &r) {
               return write(r + QStringLiteral("/sub/a.sql")) && write(r + QStringLiteral("/b"));
           })
        << QStringList{QStringLiteral("b"), report, QStringLiteral("sub/a.sql")} << false;
    QTest::newRow("hidden file and hidden folder are skipped")
        << Build([](const QString &r) {
               return write(r + QStringLiteral("/.partial.txt"))
                      && write(r + QStringLiteral("/.git/HEAD"));
           })
        << QStringList{report} << false;
    QTest::newRow("link to a file is read")
        << Build([](const QString &r) {
               return link(r + QStringLiteral("/report.txt"), r + QStringLiteral("/alias.txt"));
           })
        << QStringList{QStringLiteral("alias.txt"), report} << false;
    QTest::newRow("link to a folder is not followed")
        << Build([](const QString &r) {
               return write(r + QStringLiteral("/real/a.txt"))
                      && link(r + QStringLiteral("/real"), r + QStringLiteral("/linked"));
           })
        << QStringList{QStringLiteral("real/a.txt"), report} << false;
    QTest::newRow("link back up to the root")
        << Build([](const QString &r) {
               return write(r + QStringLiteral("/a/x.txt"))
                      && link(r, r + QStringLiteral("/a/up"));
           })
        << QStringList{QStringLiteral("a/x.txt"), report} << false;
    QTest::newRow("link loop is listed (the import says why)")
        << Build([](const QString &r) {
               return link(r + QStringLiteral("/loop"), r + QStringLiteral("/loop"));
           })
        << QStringList{QStringLiteral("loop"), report} << false;
    QTest::newRow("dangling link is listed")
        << Build([](const QString &r) {
               return link(r + QStringLiteral("/gone"), r + QStringLiteral("/dangling.txt"));
           })
        << QStringList{QStringLiteral("dangling.txt"), report} << false;
    QTest::newRow("FIFO is listed, never opened")
        << Build([](const QString &r) {
               return ::mkfifo(QFile::encodeName(r + QStringLiteral("/pipe")).constData(), 0600)
                      == 0;
           })
        << QStringList{QStringLiteral("pipe"), report} << false;
    QTest::newRow("unreadable folder is listed itself")
        << Build([](const QString &r) {
               const QString locked = r + QStringLiteral("/locked");
               return write(locked + QStringLiteral("/inside.txt"))
                      && ::chmod(QFile::encodeName(locked).constData(), 0) == 0;
           })
        << QStringList{QStringLiteral("locked"), report} << true;
}

void FolderWalkTest::importAndWatcherSeeTheSame()
{
    QFETCH(Build, build);
    QFETCH(QStringList, expected);
    QFETCH(bool, needsNonRoot);
    if (needsNonRoot && ::geteuid() == 0)
        QSKIP("root reads every folder: an unreadable folder needs another user");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = QFileInfo(dir.path()).canonicalFilePath();
    QVERIFY(write(root + QStringLiteral("/report.txt")));
    QVERIFY(build(root));

    const QStringList imported = relative(ReportParser::collectFiles({root}), root);
    FolderWatcher watcher;
    watcher.setFolders({root});
    const QStringList watched = relative(watcher.entries(), root);

    // Restore permissions so the temporary folder can be removed.
    ::chmod(QFile::encodeName(root + QStringLiteral("/locked")).constData(), 0700);

    QCOMPARE(imported, expected);
    QCOMPARE(watched, expected);
}

QTEST_GUILESS_MAIN(FolderWalkTest)
#include "folderwalk_test.moc"
