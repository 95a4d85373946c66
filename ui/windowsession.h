// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

class QAction;
class QMainWindow;
class QSplitter;

namespace verdict {

class ActionRegistry;
class FilterBar;
class FolderWatcher;
class QueueColumns;
class QueueNavigator;

// What the window remembers between runs, in QSettings: geometry, the splitter, the queue's
// columns and sort, the filter and the selected proposal, and the watched report folders
// (File > Watch folder…, whose new or changed reports are imported as they arrive). Places
// the splitter on the first show when nothing was restored, and shows or hides the views
// pane.
class WindowSession final : public QObject
{
    Q_OBJECT

public:
    WindowSession(QMainWindow *window, QSplitter *splitter, QueueColumns *columns,
                  FilterBar *filterBar, QueueNavigator *navigator, ActionRegistry *actions);
    ~WindowSession() override;

    FolderWatcher *folderWatcher() const { return m_watcher; }

    void restore();
    void save() const;
    bool isRestored() const { return m_restored; }
    // The restored selection when its proposal was not loaded yet (once; empty after).
    QString takePendingSelection();
    // On the first show: views narrow (hidden in a window narrower than
    // kViewsPaneMinWidth), the code pane the larger share.
    void placeSplitter();
    static constexpr int kViewsPaneMinWidth = 1360;
    // The views pane (saved views, recent decisions): View > Views pane (F9).
    void setViewsPaneShown(bool shown);
    bool isViewsPaneShown() const;

    // QSettings "watchFolders", watched from now on.
    void setWatchFolders(const QStringList &folders);

public Q_SLOTS:
    void watchFolder();

Q_SIGNALS:
    void importRequested(const QStringList &paths);
    void message(const QString &text, int timeoutMs);

private:
    QMainWindow *m_window;
    QSplitter *m_splitter;
    QueueColumns *m_columns;
    FilterBar *m_filterBar;
    QueueNavigator *m_navigator;
    FolderWatcher *m_watcher;
    QAction *m_viewsPane = nullptr;
    QString m_pendingSelection;
    bool m_restored = false;
    bool m_splitterPlaced = false;
};

} // namespace verdict
