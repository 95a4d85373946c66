// SPDX-License-Identifier: GPL-3.0-or-later
#include "workstationtools.h"

#include "diagnosticscache.h"

#include "store/storeworker.h"

#include "actionregistry.h"
#include "auditexportdialog.h"
#include "decisioncontroller.h"
#include "diagnostics/diagnosticsengine.h"
#include "mainwindow.h"
#include "reviewflow.h"
#include "settingsdialog.h"
#include "statisticsview.h"
#include "store/sqlitestore.h"
#include "store/postgresstore.h"
#include "syncstatus.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QEventLoop>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>

namespace verdict {

WorkstationTools::WorkstationTools(MainWindow *window, ActionRegistry *actions)
    : QObject(window), m_window(window)
{
    const QString url = window->storeWorker()->openUrl();

    // The window places them in its menus (File, View, Team).
    using Spec = ActionRegistry::Spec;
    actions->add(Spec{QStringLiteral("exportAuditLog"), tr("&Export audit log…"),
                      {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)}},
                 this, [this] { showAuditExport(); });
    actions->add(Spec{QStringLiteral("settings"), tr("&Settings…"),
                      {QKeySequence(Qt::CTRL | Qt::Key_Comma)}},
                 this, [this] { showSettings(); });
    actions->add(Spec{QStringLiteral("statistics"), tr("&Statistics"),
                      {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T)}},
                 this, [this] { showStatistics(); });
    m_syncNow = actions->add(Spec{QStringLiteral("syncNow"), tr("&Sync now"),
                                  {QKeySequence(Qt::Key_F5)}}); // Ctrl+Shift+S saves a view

    m_syncStatus = new SyncStatus;
    window->statusBar()->addPermanentWidget(m_syncStatus);
    m_sync = new SyncController(url, m_syncStatus, this);
    connect(m_syncNow, &QAction::triggered, m_sync, &SyncController::syncNow);
    connect(window, &MainWindow::decisionRecorded, m_sync, &SyncController::syncSoon);
    connect(m_sync, &SyncController::syncFinished, this,
            [this](bool ok, const QString &, bool pulled) {
                if (ok && pulled)
                    m_window->reloadQueue();
            });
    applySettings();
    nameUnnamedControls(window);
}

WorkstationTools::~WorkstationTools() = default;

void WorkstationTools::nameUnnamedControls(QWidget *root)
{
    // Screen readers announce a control by its accessible name; Qt derives one for most
    // buttons and labels, but not for fields, lists and tables. Name those from what the
    // reviewer sees (placeholder, tool tip, object name) where the code did not.
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->accessibleName().isEmpty() || w->focusPolicy() == Qt::NoFocus)
            continue;
        QString name;
        if (auto *button = qobject_cast<QAbstractButton *>(w))
            name = button->text();
        else if (auto *edit = qobject_cast<QLineEdit *>(w))
            name = edit->placeholderText();
        if (name.isEmpty())
            name = w->toolTip();
        if (name.isEmpty())
            name = w->objectName();
        name = name.remove(QLatin1Char('&')).section(QLatin1Char('('), 0, 0).trimmed();
        if (!name.isEmpty() && !name.startsWith(QLatin1String("qt_")))
            w->setAccessibleName(name);
    }
}

void WorkstationTools::applySettings()
{
    QSettings settings;
    m_sync->setServerUrl(settings.value(QStringLiteral("syncServer")).toString().trimmed());
    const QString reviewer = settings.value(QStringLiteral("reviewer")).toString().trimmed();
    if (!reviewer.isEmpty())
        m_window->setReviewer(reviewer);
}

StatisticsView *WorkstationTools::showStatistics()
{
    if (!m_statistics) {
        m_statistics = new StatisticsView(m_window);
        m_statistics->setWindowFlag(Qt::Window);
        m_statistics->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_statistics->load(m_window->storeWorker()->openUrl());
    m_statistics->show();
    m_statistics->raise();
    m_statistics->activateWindow();
    return m_statistics;
}

SettingsDialog *WorkstationTools::showSettings()
{
    if (!m_settings) {
        m_settings = new SettingsDialog(m_window->storeWorker(), m_window);
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_settings, &SettingsDialog::saved, this, [this] { applySettings(); });
        // The bar's presets and the guard's thresholds as the store now holds them.
        connect(m_settings, &SettingsDialog::teamSettingsSaved, m_window->reviewFlow(),
                &ReviewFlow::loadTeamSettings);
        // Rules a lead turned off: the shown diagnostics and the queue's counts follow.
        connect(m_settings, &SettingsDialog::disabledRulesSaved, m_window->diagnosticsCache(),
                &DiagnosticsCache::reloadDisabledRules);
    }
    m_settings->show();
    m_settings->raise();
    return m_settings;
}

AuditExportDialog *WorkstationTools::showAuditExport()
{
    if (!m_export) {
        m_export = new AuditExportDialog(m_window->storeWorker()->openUrl(),
                                         m_window->decisions()->reviewer(), m_window);
        m_export->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_export->show();
    m_export->raise();
    return m_export;
}

void WorkstationTools::watchDiagnostics(DiagnosticsEngine *engine)
{
    if (!engine || m_checks)
        return;
    m_checks = new QWidget;
    m_checks->setAccessibleName(tr("Background checks"));
    auto *layout = new QHBoxLayout(m_checks);
    layout->setContentsMargins(4, 0, 4, 0);
    m_checksLabel = new QLabel;
    m_checksLabel->setTextFormat(Qt::PlainText);
    m_checksLabel->setAccessibleName(tr("Background checks progress"));
    auto *busy = new QProgressBar;
    busy->setRange(0, 0);
    busy->setMaximumWidth(busy->fontMetrics().averageCharWidth() * 10);
    busy->setAccessibleName(tr("Checking"));
    auto *cancel = new QToolButton;
    cancel->setText(tr("Stop"));
    cancel->setAccessibleName(tr("Stop background checks"));
    cancel->setToolTip(tr("Stop the checks not started yet (results so far are kept)"));
    layout->addWidget(m_checksLabel);
    layout->addWidget(busy);
    layout->addWidget(cancel);
    m_window->statusBar()->addPermanentWidget(m_checks);
    m_checks->hide();
    connect(cancel, &QToolButton::clicked, engine, &DiagnosticsEngine::cancel);
    connect(engine, &DiagnosticsEngine::proposalDiagnosed, this, [this] {
        ++m_checked;
        m_checksLabel->setText(tr("Checking: %1 proposals done").arg(m_checked));
        m_checks->show();
    });
    connect(engine, &DiagnosticsEngine::finished, this, [this] {
        m_checked = 0;
        m_checks->hide();
    });
}

QWidget *WorkstationTools::screenshotTarget(const QString &view)
{
    const auto settle = [] {
        for (int i = 0; i < 3; ++i)
            QApplication::processEvents();
    };
    if (view == QLatin1String("stats")) {
        StatisticsView *stats = showStatistics();
        stats->waitForLoaded(120000);
        settle();
        return stats;
    }
    if (view == QLatin1String("settings")) {
        SettingsDialog *dialog = showSettings();
        dialog->adjustSize();
        settle();
        return dialog;
    }
    if (view == QLatin1String("export")) {
        AuditExportDialog *dialog = showAuditExport();
        dialog->adjustSize();
        settle();
        return dialog;
    }
    if (view == QLatin1String("sync")) {
        // Wait for the first attempt so the picture shows its outcome (at most 30 s).
        if (m_sync->isSyncing()) {
            QEventLoop loop;
            connect(m_sync, &SyncController::syncFinished, &loop, &QEventLoop::quit);
            QTimer::singleShot(30000, &loop, &QEventLoop::quit);
            loop.exec();
        }
        settle();
        return m_window;
    }
    return nullptr;
}

} // namespace verdict
