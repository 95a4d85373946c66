// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace verdict {

// Watches report folders: once a folder has been quiet for the debounce interval after a
// change, reports the files in it that are new or changed (size or modification time)
// since the last look. Hidden files are ignored. Top level of each folder only.
class FolderWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit FolderWatcher(QObject *parent = nullptr);
    ~FolderWatcher() override;

    // Starts watching these folders; what is in them now counts as seen.
    void setFolders(const QStringList &folders);
    QStringList folders() const { return m_folders; }
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
};

} // namespace verdict
