// SPDX-License-Identifier: GPL-3.0-or-later
#include "backgroundjob.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QProgressDialog>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>

namespace verdict {

void JobControl::setText(const QString &text)
{
    QMutexLocker lock(&m_mutex);
    m_text = text;
}

QString JobControl::text() const
{
    QMutexLocker lock(&m_mutex);
    return m_text;
}

BackgroundJob::BackgroundJob(const QString &title, QWidget *window, QStatusBar *statusBar)
    : QObject(window)
    , m_title(title)
    , m_window(window)
    , m_statusBar(statusBar)
    , m_control(std::make_shared<JobControl>())
    , m_poll(new QTimer(this))
{
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, &BackgroundJob::poll);
}

BackgroundJob::~BackgroundJob()
{
    // The worker only holds the shared control: telling it to stop is enough.
    m_control->cancel();
    delete m_statusWidget;
}

void BackgroundJob::begin()
{
    m_running = true;
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    if (m_statusBar) {
        m_statusWidget = new QWidget;
        m_statusWidget->setAccessibleName(tr("%1 progress").arg(m_title));
        auto *layout = new QHBoxLayout(m_statusWidget);
        layout->setContentsMargins(4, 0, 4, 0);
        m_statusLabel = new QLabel(m_title);
        m_statusLabel->setTextFormat(Qt::PlainText);
        m_statusLabel->setAccessibleName(tr("%1 status").arg(m_title));
        m_statusProgress = new QProgressBar;
        m_statusProgress->setRange(0, 0);
        m_statusProgress->setMaximumWidth(m_statusProgress->fontMetrics().averageCharWidth() * 16);
        m_statusProgress->setAccessibleName(tr("%1 progress").arg(m_title));
        auto *cancelButton = new QToolButton;
        cancelButton->setText(tr("Cancel"));
        cancelButton->setAccessibleName(tr("Cancel %1").arg(m_title));
        cancelButton->setToolTip(tr("Cancel %1").arg(m_title));
        connect(cancelButton, &QToolButton::clicked, this, &BackgroundJob::cancel);
        layout->addWidget(m_statusLabel);
        layout->addWidget(m_statusProgress);
        layout->addWidget(cancelButton);
        m_statusBar->addPermanentWidget(m_statusWidget);
    }
    m_poll->start();
}

void BackgroundJob::cancel()
{
    m_control->cancel();
    if (m_statusLabel)
        m_statusLabel->setText(tr("%1: cancelling…").arg(m_title));
    if (m_dialog)
        m_dialog->setLabelText(tr("%1: cancelling…").arg(m_title));
}

void BackgroundJob::poll()
{
    const qint64 total = m_control->total();
    const qint64 doneCount = m_control->done();
    // Progress bars take int: scale big counts to per-mille.
    const int max = total > 0 ? 1000 : 0;
    const int value = total > 0 ? int(doneCount * 1000 / total) : 0;
    const QString text = m_control->text();
    const QString label = m_control->isCancelled()
                              ? tr("%1: cancelling…").arg(m_title)
                              : (text.isEmpty() ? m_title : tr("%1: %2").arg(m_title, text));
    if (m_statusProgress) {
        m_statusProgress->setRange(0, max);
        m_statusProgress->setValue(value);
        m_statusLabel->setText(label);
    }
    const qint64 elapsed = QDateTime::currentMSecsSinceEpoch() - m_startedMs;
    if (!m_dialog && m_dialogDelay >= 0 && elapsed >= m_dialogDelay && m_window) {
        m_dialog = new QProgressDialog(m_window);
        m_dialog->setWindowTitle(m_title);
        m_dialog->setAccessibleName(tr("%1 progress").arg(m_title));
        m_dialog->setWindowModality(Qt::NonModal);
        m_dialog->setAutoClose(false);
        m_dialog->setAutoReset(false);
        m_dialog->setMinimumDuration(0);
        m_dialog->setCancelButtonText(tr("Cancel"));
        connect(m_dialog, &QProgressDialog::canceled, this, &BackgroundJob::cancel);
        m_dialog->show();
    }
    if (m_dialog) {
        m_dialog->setRange(0, max);
        m_dialog->setValue(value);
        m_dialog->setLabelText(label);
    }
}

void BackgroundJob::done()
{
    m_poll->stop();
    m_running = false;
    delete m_statusWidget;
    m_statusWidget = nullptr;
    m_statusLabel = nullptr;
    m_statusProgress = nullptr;
    if (m_dialog) {
        // The dialog must not emit canceled() while it closes.
        disconnect(m_dialog, nullptr, this, nullptr);
        m_dialog->close();
        m_dialog->deleteLater();
        m_dialog = nullptr;
    }
    Q_EMIT finished(m_control->isCancelled());
    deleteLater();
}

} // namespace verdict
