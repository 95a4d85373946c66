// SPDX-License-Identifier: GPL-3.0-or-later
#include "importflow.h"

#include "actionregistry.h"
#include "backgroundjob.h"
#include "decisioncontroller.h"

#include <QFileDialog>
#include <QFutureWatcher>
#include <QtConcurrent>

namespace verdict {

ImportFlow::ImportFlow(const QString &storeUrl, DecisionController *decisions, QWidget *window,
                       QStatusBar *statusBar, ActionRegistry *actions)
    : QObject(window)
    , m_storeUrl(storeUrl)
    , m_decisions(decisions)
    , m_window(window)
    , m_statusBar(statusBar)
{
    using Spec = ActionRegistry::Spec;
    actions->add(Spec{QStringLiteral("openReports"), tr("&Open reports…"),
                      {QKeySequence(QKeySequence::Open)}},
                 this, &ImportFlow::openReports);
    actions->add(Spec{QStringLiteral("openFolder"), tr("Open report &folder…"),
                      {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)}},
                 this, &ImportFlow::openFolder);
}

ImportFlow::~ImportFlow() = default;

void ImportFlow::openReports()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        m_window, tr("Open reports"), QString(),
        tr("Reports (*.txt *.md *.report);;All files (*)"));
    if (!files.isEmpty())
        importPaths(files);
}

void ImportFlow::openFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(m_window, tr("Open report folder"));
    if (!dir.isEmpty())
        importPaths({dir});
}

QFuture<ImportOutcome> ImportFlow::importPaths(const QStringList &paths)
{
    const QString url = m_storeUrl;
    const QString actor = m_decisions->reviewer();
    // Progress in the status bar, a cancellable dialog when it takes long; a cancelled
    // import stores nothing (the store write is one transaction, and the last step).
    auto *job = new BackgroundJob(tr("Importing"), m_window, m_statusBar);
    const std::shared_ptr<JobControl> control = job->control();
    QFuture<ImportOutcome> future = QtConcurrent::run([url, paths, actor, control] {
        return ImportTask::run(url, paths, actor, control.get());
    });
    job->watch(future);
    auto *watcher = new QFutureWatcher<ImportOutcome>(this);
    ++m_running;
    Q_EMIT started(paths);
    connect(watcher, &QFutureWatcher<ImportOutcome>::finished, this, [this, watcher] {
        const ImportOutcome outcome = watcher->result();
        watcher->deleteLater();
        --m_running;
        Q_EMIT finished(outcome);
    });
    watcher->setFuture(future);
    return future;
}

} // namespace verdict
