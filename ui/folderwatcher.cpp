// SPDX-License-Identifier: GPL-3.0-or-later
#include "folderwatcher.h"

#include "report/folderwalk.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QSettings>

#include <algorithm>
#include <utility>

namespace verdict {

namespace {
// Watching every file too catches in-place rewrites; past this many, folders only.
constexpr int kMaxWatchedFiles = 2000;
} // namespace

FolderWatcher::FolderWatcher(QObject *parent)
    : QObject(parent)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(500);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_debounce,
            qOverload<>(&QTimer::start));
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_debounce,
            qOverload<>(&QTimer::start));
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        const QStringList changed = scan(true);
        if (!changed.isEmpty())
            Q_EMIT filesChanged(changed);
    });
}

FolderWatcher::~FolderWatcher() = default;

void FolderWatcher::setFolders(const QStringList &folders)
{
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    m_folders.clear();
    for (const QString &f : folders) {
        const QString path = QFileInfo(f).absoluteFilePath();
        if (QFileInfo(path).isDir() && !m_folders.contains(path))
            m_folders << path;
    }
    if (!m_folders.isEmpty())
        m_watcher.addPaths(m_folders);
    m_seen.clear();
    scan(false);
}

QStringList FolderWatcher::scan(bool report)
{
    QStringList changed;
    QStringList files;
    QStringList folders;
    QSet<QString> entries;
    // The import's walk and rules (FolderWalk: hidden skipped, links to folders not
    // followed, special files and folders it cannot list reported so the import says why),
    // bounded: kMaxDepth levels, kMaxFolders folders in all, the shallowest first.
    for (const QString &root : std::as_const(m_folders)) {
        const int room = kMaxFolders - int(folders.size());
        if (room <= 0)
            break;
        const FolderWalk::Result walk = FolderWalk::walk(root, {kMaxDepth, room});
        for (const QString &f : walk.folders) {
            if (!folders.contains(f))
                folders << f;
        }
        for (const QString &path : walk.entries) {
            if (entries.contains(path))
                continue;
            entries.insert(path);
            const QFileInfo info(path);
            if (info.isDir()) {
                // A folder that cannot be listed (nor watched) is reported like a changed
                // file, once: importing it says why it cannot be read.
                if (!m_seen.contains(path)) {
                    if (report)
                        changed << path;
                    m_seen.insert(path, Seen());
                }
                continue;
            }
            if (info.isFile())
                files << path;
            Seen now{info.size(), info.lastModified()};
            const auto it = m_seen.constFind(path);
            if (it == m_seen.cend() || it->size != now.size || it->modified != now.modified) {
                if (report)
                    changed << path;
                m_seen.insert(path, now);
            }
        }
    }
    // A folder listed again may become unreadable later: reported again then.
    for (const QString &f : std::as_const(folders))
        m_seen.remove(f);
    m_entries = QStringList(entries.cbegin(), entries.cend());
    std::sort(m_entries.begin(), m_entries.end());

    // Folders: new subfolders are watched, vanished ones dropped.
    const QStringList watchedDirs = m_watcher.directories();
    const QSet<QString> wantedDirs(folders.cbegin(), folders.cend());
    QStringList dropDirs;
    for (const QString &d : watchedDirs) {
        if (!wantedDirs.contains(d))
            dropDirs << d;
    }
    if (!dropDirs.isEmpty())
        m_watcher.removePaths(dropDirs);
    const QSet<QString> watchedDirSet(watchedDirs.cbegin(), watchedDirs.cend());
    QStringList addDirs;
    for (const QString &d : std::as_const(folders)) {
        if (!watchedDirSet.contains(d))
            addDirs << d;
    }
    if (!addDirs.isEmpty())
        m_watcher.addPaths(addDirs);

    // Files too (catches in-place rewrites), up to a limit.
    const QStringList watchedFiles = m_watcher.files();
    const QSet<QString> watched(watchedFiles.cbegin(), watchedFiles.cend());
    QStringList add;
    for (const QString &f : std::as_const(files)) {
        if (watched.size() + add.size() >= kMaxWatchedFiles)
            break;
        if (!watched.contains(f))
            add << f;
    }
    if (!add.isEmpty())
        m_watcher.addPaths(add);
    return changed;
}

QStringList FolderWatcher::configuredFolders()
{
    return QSettings().value(QStringLiteral("watchFolders")).toStringList();
}

void FolderWatcher::setConfiguredFolders(const QStringList &folders)
{
    QSettings().setValue(QStringLiteral("watchFolders"), folders);
}

} // namespace verdict
