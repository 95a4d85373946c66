// SPDX-License-Identifier: GPL-3.0-or-later
#include "folderwatcher.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

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
    for (const QString &folder : std::as_const(m_folders)) {
        const QFileInfoList entries =
            QDir(folder).entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
        for (const QFileInfo &info : entries) {
            const QString path = info.absoluteFilePath();
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
    const QStringList watched = m_watcher.files();
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
