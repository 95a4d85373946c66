// SPDX-License-Identifier: GPL-3.0-or-later
// FolderWatcher: which files a watched report folder reports, and when (real inotify
// watches on a temporary folder; nothing is mocked).
#include "folderwatcher.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace verdict;

class FolderWatcherTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void reports_data();
    void reports();
    void newSubfolderIsWatched();
    void linkLoopIsReadOnce();
    void deepTreesAreBounded();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

bool write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// The files reported by the first batch after a change, relative to `root`, sorted.
QStringList nextBatch(QSignalSpy &spy, const QString &root)
{
    if (spy.isEmpty() && !spy.wait(5000))
        return {QStringLiteral("(nothing reported)")};
    QStringList out;
    for (const QString &f : spy.takeFirst().at(0).toStringList())
        out << QDir(root).relativeFilePath(f);
    out.sort();
    return out;
}

} // namespace

void FolderWatcherTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// Files written after watching starts, in a folder laid out as `existing` (written before),
// and what one batch reports.
void FolderWatcherTest::reports_data()
{
    QTest::addColumn<QStringList>("existing");
    QTest::addColumn<QStringList>("written");
    QTest::addColumn<QStringList>("reported");
    QTest::newRow("top level")
        << QStringList{} << QStringList{QStringLiteral("a.txt")}
        << QStringList{QStringLiteral("a.txt")};
    QTest::newRow("existing subfolder")
        << QStringList{QStringLiteral("2026/01/old.txt")}
        << QStringList{QStringLiteral("2026/01/new.txt")}
        << QStringList{QStringLiteral("2026/01/new.txt")};
    QTest::newRow("several at once, several levels")
        << QStringList{QStringLiteral("x/keep.txt"), QStringLiteral("x/y/keep.txt")}
        << QStringList{QStringLiteral("top.txt"), QStringLiteral("x/y/deep.txt")}
        << QStringList{QStringLiteral("top.txt"), QStringLiteral("x/y/deep.txt")};
    QTest::newRow("rewritten file")
        << QStringList{QStringLiteral("sub/r.txt")} << QStringList{QStringLiteral("sub/r.txt")}
        << QStringList{QStringLiteral("sub/r.txt")};
    QTest::newRow("hidden folder and hidden file are not reports")
        << QStringList{QStringLiteral(".git/HEAD")}
        << QStringList{QStringLiteral(".git/new-object"), QStringLiteral(".partial.txt"),
                       QStringLiteral("real.txt")}
        << QStringList{QStringLiteral("real.txt")};
}

void FolderWatcherTest::reports()
{
    QFETCH(QStringList, existing);
    QFETCH(QStringList, written);
    QFETCH(QStringList, reported);
    const QString root = m_dir->path();
    for (const QString &f : existing)
        QVERIFY(write(root + QLatin1Char('/') + f, "old"));
    FolderWatcher watcher;
    watcher.setDebounce(50);
    QSignalSpy spy(&watcher, &FolderWatcher::filesChanged);
    watcher.setFolders({root});
    for (const QString &f : written)
        QVERIFY(write(root + QLatin1Char('/') + f, "new content"));
    QCOMPARE(nextBatch(spy, root), reported);
    // Nothing else happened: nothing more is reported.
    QVERIFY(!spy.wait(300));
}

void FolderWatcherTest::newSubfolderIsWatched()
{
    const QString root = m_dir->path();
    FolderWatcher watcher;
    watcher.setDebounce(50);
    QSignalSpy spy(&watcher, &FolderWatcher::filesChanged);
    watcher.setFolders({root});
    // A folder appears with a report already in it (moved in, or unpacked).
    QVERIFY(write(root + QStringLiteral("/inbox/first.txt"), "1"));
    QCOMPARE(nextBatch(spy, root), QStringList{QStringLiteral("inbox/first.txt")});
    QVERIFY(watcher.watchedFolders().contains(root + QStringLiteral("/inbox")));
    // A later file in that new folder is seen too: the folder is watched now.
    QVERIFY(write(root + QStringLiteral("/inbox/second.txt"), "2"));
    QCOMPARE(nextBatch(spy, root), QStringList{QStringLiteral("inbox/second.txt")});
    // A removed folder is no longer watched.
    QVERIFY(QDir(root + QStringLiteral("/inbox")).removeRecursively());
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.watchedFolders().contains(root + QStringLiteral("/inbox")),
                             5000);
}

void FolderWatcherTest::linkLoopIsReadOnce()
{
    const QString root = m_dir->path();
    QVERIFY(write(root + QStringLiteral("/a/report.txt"), "x"));
    // a/loop -> the root: following it would never end.
    QVERIFY(QFile::link(root, root + QStringLiteral("/a/loop")));
    FolderWatcher watcher;
    watcher.setDebounce(50);
    QSignalSpy spy(&watcher, &FolderWatcher::filesChanged);
    watcher.setFolders({root});
    QCOMPARE(watcher.watchedFolders().size(), 2); // the root and a/
    QVERIFY(write(root + QStringLiteral("/a/next.txt"), "y"));
    QCOMPARE(nextBatch(spy, root), QStringList{QStringLiteral("a/next.txt")});
}

void FolderWatcherTest::deepTreesAreBounded()
{
    const QString root = m_dir->path();
    QString deep = root;
    for (int i = 0; i < FolderWatcher::kMaxDepth + 3; ++i)
        deep += QStringLiteral("/d%1").arg(i);
    QVERIFY(QDir().mkpath(deep));
    FolderWatcher watcher;
    watcher.setFolders({root});
    // The root and kMaxDepth levels below it, no more.
    QCOMPARE(watcher.watchedFolders().size(), FolderWatcher::kMaxDepth + 1);
    for (int i = 0; i < FolderWatcher::kMaxFolders + 50; ++i)
        QVERIFY(QDir(root).mkpath(QStringLiteral("wide/w%1").arg(i)));
    watcher.setFolders({root});
    QCOMPARE(watcher.watchedFolders().size(), FolderWatcher::kMaxFolders);
}

QTEST_GUILESS_MAIN(FolderWatcherTest)
#include "folderwatcher_test.moc"
