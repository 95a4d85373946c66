// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QLabel;
class QToolButton;
class QWidget;

namespace verdict {

class ActionRegistry;
class AuditExportDialog;
class DiagnosticsEngine;
class MainWindow;
class SettingsDialog;
class StatisticsView;
class SyncController;
class SyncStatus;

// What the main window offers beyond triage: File > Settings… and Export audit log…,
// View > Statistics, Team > Sync now, the sync status and background-check progress in
// the status bar. Kept apart from MainWindow so the window's code stays about triage.
class WorkstationTools final : public QObject
{
    Q_OBJECT

public:
    // Registers its actions (Settings…, Export audit log…, Statistics, Sync now) in `actions`.
    WorkstationTools(MainWindow *window, ActionRegistry *actions);
    ~WorkstationTools() override;

    SyncStatus *syncStatus() const { return m_syncStatus; }
    SyncController *sync() const { return m_sync; }
    QAction *syncNowAction() const { return m_syncNow; }

    // Opens (or raises) the statistics window and loads it in the background.
    StatisticsView *showStatistics();
    SettingsDialog *showSettings();
    AuditExportDialog *showAuditExport();

    // Progress of background checks in the status bar, with a Cancel button.
    void watchDiagnostics(DiagnosticsEngine *engine);

    // For --screenshot --view NAME ("stats", "settings", "export", "sync"): prepares that
    // view (waiting for its data: this is batch rendering) and returns the widget to grab,
    // null for an unknown name.
    QWidget *screenshotTarget(const QString &view);

    // Gives every focusable control under `root` that has none an accessible name.
    static void nameUnnamedControls(QWidget *root);

    // Settings the person changed take effect now (sync server, reviewer name).
    void applySettings();

private:
    MainWindow *m_window;
    SyncStatus *m_syncStatus = nullptr;
    SyncController *m_sync = nullptr;
    QAction *m_syncNow = nullptr;
    QPointer<StatisticsView> m_statistics;
    QPointer<SettingsDialog> m_settings;
    QPointer<AuditExportDialog> m_export;
    QWidget *m_checks = nullptr;
    QLabel *m_checksLabel = nullptr;
    int m_checked = 0;
};

} // namespace verdict
