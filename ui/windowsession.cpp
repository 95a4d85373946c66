// SPDX-License-Identifier: GPL-3.0-or-later
#include "windowsession.h"

#include "actionregistry.h"
#include "filterbar.h"
#include "folderwatcher.h"
#include "queuecolumns.h"
#include "queuenavigator.h"

#include <QAction>
#include <QFileDialog>
#include <QMainWindow>
#include <QSettings>
#include <QSplitter>

namespace verdict {

WindowSession::WindowSession(QMainWindow *window, QSplitter *splitter, QueueColumns *columns,
                             FilterBar *filterBar, QueueNavigator *navigator,
                             ActionRegistry *actions)
    : QObject(window)
    , m_window(window)
    , m_splitter(splitter)
    , m_columns(columns)
    , m_filterBar(filterBar)
    , m_navigator(navigator)
    , m_watcher(new FolderWatcher(this))
{
    connect(m_watcher, &FolderWatcher::filesChanged, this, &WindowSession::importRequested);
    actions->add(ActionRegistry::Spec{QStringLiteral("watchFolder"), tr("&Watch folder…"),
                                      {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W)}},
                 this, &WindowSession::watchFolder);
    // In a small window the views pane starts hidden (the code gets the width); the views
    // stay one key away (Ctrl+1…9) and this brings the pane back.
    m_viewsPane = actions->add(ActionRegistry::Spec{QStringLiteral("viewsPane"),
                                                    tr("&Views pane"),
                                                    {QKeySequence(Qt::Key_F9)},
                                                    Qt::WindowShortcut,
                                                    nullptr,
                                                    true},
                               this, [this] { setViewsPaneShown(m_viewsPane->isChecked()); });
    m_viewsPane->setChecked(true);
}

bool WindowSession::isViewsPaneShown() const
{
    return !m_splitter->widget(0)->isHidden();
}

void WindowSession::setViewsPaneShown(bool shown)
{
    m_viewsPane->setChecked(shown);
    QWidget *pane = m_splitter->widget(0);
    if (shown == isViewsPaneShown())
        return;
    // The proposal pane gives the width to the views pane and takes it back.
    QList<int> sizes = m_splitter->sizes();
    if (shown) {
        const int width = pane->minimumSizeHint().width();
        pane->show();
        sizes[0] = width;
        sizes[2] = std::max(0, sizes[2] - width);
    } else {
        sizes[2] += sizes[0];
        sizes[0] = 0;
        pane->hide();
    }
    m_splitter->setSizes(sizes);
}

WindowSession::~WindowSession() = default;

void WindowSession::restore()
{
    m_restored = true;
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (!geometry.isEmpty())
        m_window->restoreGeometry(geometry);
    const QByteArray splitter = settings.value(QStringLiteral("window/splitter")).toByteArray();
    if (!splitter.isEmpty() && m_splitter->restoreState(splitter)) {
        m_splitterPlaced = true;
        setViewsPaneShown(settings.value(QStringLiteral("window/viewsPane"), true).toBool());
    }
    m_columns->restoreState(settings.value(QStringLiteral("queue/header")).toByteArray());
    m_filterBar->setText(settings.value(QStringLiteral("queue/filter")).toString());
    const QString selected = settings.value(QStringLiteral("queue/selected")).toString();
    if (!selected.isEmpty() && !m_navigator->selectProposal(selected))
        m_pendingSelection = selected; // not loaded yet: picked up by the next reload
    m_watcher->setFolders(FolderWatcher::configuredFolders());
}

void WindowSession::save() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), m_window->saveGeometry());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("window/viewsPane"), isViewsPaneShown());
    settings.setValue(QStringLiteral("queue/header"), m_columns->saveState());
    settings.setValue(QStringLiteral("queue/filter"), m_filterBar->text());
    settings.setValue(QStringLiteral("queue/selected"), m_navigator->currentProposalId());
}

QString WindowSession::takePendingSelection()
{
    return std::exchange(m_pendingSelection, QString());
}

void WindowSession::placeSplitter()
{
    if (m_splitterPlaced)
        return;
    // Sizes only stick once the splitter has its real width: views narrow (hidden in a
    // small window), the code pane the larger share (reading is the work; the queue's
    // columns fit its share, kind and targets cut first).
    m_splitterPlaced = true;
    const bool small = m_window->width() < kViewsPaneMinWidth;
    if (small)
        setViewsPaneShown(false);
    const int total = m_splitter->width();
    const int views = small ? 0 : m_splitter->widget(0)->minimumSizeHint().width();
    const int left = (total - views) * (small ? 40 : 38) / 100;
    m_splitter->setSizes({views, left, total - views - left});
}

void WindowSession::setWatchFolders(const QStringList &folders)
{
    FolderWatcher::setConfiguredFolders(folders);
    m_watcher->setFolders(folders);
}

void WindowSession::watchFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(m_window, tr("Watch folder"));
    if (dir.isEmpty())
        return;
    QStringList folders = FolderWatcher::configuredFolders();
    if (!folders.contains(dir))
        folders << dir;
    setWatchFolders(folders);
    Q_EMIT importRequested({dir});
    Q_EMIT message(tr("Watching %1: reports dropped there are imported as they arrive.")
                       .arg(dir),
                   8000);
}

} // namespace verdict
