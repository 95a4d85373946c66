// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace verdict {

// Watches report folders: once they have been quiet for the debounce interval after a
// change, reports the files in them that are new or changed (size or modification time)
// since the last look. It walks by the import's rules (FolderWalk, models/report/folderwalk.h):
// subfolders count too, hidden files and folders do not, links to folders are not
// followed, special files and folders it cannot list are reported (the import then says
// why they are not reports); a subfolder made later is watched from then on. Bounded, so a
// folder as big as a home directory cannot stall the window: kMaxDepth levels below each
// watched folder, kMaxFolders folders in all (the shallowest first).
class FolderWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit FolderWatcher(QObject *parent = nullptr);
    ~FolderWatcher() override;

    // Starts watching these folders; what is in them now counts as seen.
    void setFolders(const QStringList &folders);
    QStringList folders() const { return m_folders; }
    // What the last look saw, sorted: what importing the folders would read (the import
    // lists the same, within kMaxDepth and kMaxFolders).
    QStringList entries() const { return m_entries; }
    // Every folder watched now (the configured ones and their subfolders).
    QStringList watchedFolders() const { return m_watcher.directories(); }

    static constexpr int kMaxDepth = 8;
    static constexpr int kMaxFolders = 512;
    void setDebounce(int msecs) { m_debounce.setInterval(msecs); }

    // QSettings "watchFolders".
    static QStringList configuredFolders();
    static void setConfiguredFolders(const QStringList &folders);

Q_SIGNALS:
    void filesChanged(const QStringList &files);

private:
    struct Seen
    {
        qint64 size = -1;
        QDateTime modified;
    };
    QStringList scan(bool report);

    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
    QStringList m_folders;
    QHash<QString, Seen> m_seen;
    QStringList m_entries;
};

} // namespace verdict
