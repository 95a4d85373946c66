// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importtask.h"

#include <QFuture>
#include <QObject>

class QStatusBar;
class QWidget;

namespace verdict {

class ActionRegistry;
class DecisionController;

// Importing reports into the window's database in the background (File > Open reports…,
// Open report folder…, watched folders, the command line): progress in the status bar, a
// cancellable dialog when it takes long. Owns those actions.
class ImportFlow final : public QObject
{
    Q_OBJECT

public:
    // `storeUrl`: the worker opens its own store; imports are recorded under the reviewer.
    ImportFlow(const QString &storeUrl, DecisionController *decisions, QWidget *window,
               QStatusBar *statusBar, ActionRegistry *actions);
    ~ImportFlow() override;

    QFuture<ImportOutcome> importPaths(const QStringList &paths);
    bool isImporting() const { return m_running > 0; }

public Q_SLOTS:
    void openReports();
    void openFolder();

Q_SIGNALS:
    void started(const QStringList &paths);
    void finished(const verdict::ImportOutcome &outcome);

private:
    QString m_storeUrl;
    DecisionController *m_decisions;
    QWidget *m_window;
    QStatusBar *m_statusBar;
    int m_running = 0;
};

} // namespace verdict
