// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncstatus.h"

#include "plaintext.h"
#include "store/postgresstore.h"
#include "store/sync.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QTimer>

#include <algorithm>

namespace verdict {

SyncStatus::SyncStatus(QWidget *parent)
    : QWidget(parent), m_icon(new QLabel), m_text(new QLabel)
{
    m_text->setTextFormat(Qt::PlainText);
    m_icon->setAccessibleName(tr("Sync state icon"));
    m_text->setAccessibleName(tr("Sync state"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->setSpacing(4);
    layout->addWidget(m_icon);
    layout->addWidget(m_text);
    refresh();
}

SyncStatus::~SyncStatus() = default;

void SyncStatus::setState(State state, const QString &detail)
{
    m_state = state;
    m_detail = detail;
    refresh();
}

void SyncStatus::setLastSync(const QDateTime &at)
{
    m_lastSync = at;
    refresh();
}

QString SyncStatus::text() const
{
    return m_text->text();
}

void SyncStatus::refresh()
{
    QStyle::StandardPixmap pixmap = QStyle::SP_MediaPause;
    QString word;
    switch (m_state) {
    case State::Off:
        word = tr("Sync off");
        pixmap = QStyle::SP_MediaPause;
        break;
    case State::Offline:
        word = tr("Offline");
        pixmap = QStyle::SP_MessageBoxWarning;
        break;
    case State::Syncing:
        word = tr("Syncing…");
        pixmap = QStyle::SP_BrowserReload;
        break;
    case State::Online:
        word = tr("Online");
        pixmap = QStyle::SP_DialogApplyButton;
        break;
    case State::Failed:
        word = tr("Sync failed");
        pixmap = QStyle::SP_MessageBoxCritical;
        break;
    }
    QString text = word;
    if (m_lastSync.isValid() && m_state != State::Off) {
        const QDateTime local = m_lastSync.toLocalTime();
        const QString when = local.date() == QDate::currentDate()
                                 ? local.toString(QStringLiteral("HH:mm"))
                                 : local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        text += tr(" · last sync %1").arg(when);
    } else if (m_state == State::Offline || m_state == State::Failed) {
        text += tr(" · never synced");
    }
    m_text->setText(text);
    const int size = m_text->fontMetrics().height();
    m_icon->setPixmap(style()->standardIcon(pixmap).pixmap(size, size));
    QString tip = text;
    if (!m_detail.isEmpty())
        tip += QLatin1Char('\n') + m_detail;
    setToolTip(PlainText::toolTip(tip));
    setAccessibleName(tr("Team sync"));
    setAccessibleDescription(tip);
}

namespace {

constexpr int kFirstRetryMs = 5000;
constexpr int kMaxRetryMs = 5 * 60 * 1000;

} // namespace

SyncController::SyncController(const QString &localStoreUrl, SyncStatus *status,
                               QObject *parent)
    : QObject(parent)
    , m_localPath(sqlitePathOf(localStoreUrl))
    , m_status(status)
    , m_timer(new QTimer(this))
{
    m_thread.setObjectName(QStringLiteral("verdict-sync"));
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &SyncController::syncNow);
    if (m_localPath.isEmpty())
        m_offReason = tr("This window works on the team server directly: nothing to sync.");
    else
        m_offReason = tr("No team server set: Settings > Team server.");
    if (m_status)
        m_status->setState(SyncStatus::State::Off, m_offReason);
}

SyncController::~SyncController()
{
    m_timer->stop();
    dropEngine();
    m_thread.quit();
    // A sync in flight ends at its connect timeout at worst.
    m_thread.wait();
}

bool SyncController::isConfigured() const
{
    return !m_localPath.isEmpty() && !m_serverUrl.isEmpty();
}

int SyncController::nextAttemptMs() const
{
    return m_timer->isActive() ? m_timer->interval() : -1;
}

void SyncController::setServerUrl(const QString &url)
{
    if (url == m_serverUrl)
        return;
    m_serverUrl = url;
    m_failures = 0;
    m_timer->stop();
    dropEngine();
    if (!isConfigured()) {
        if (m_status)
            m_status->setState(SyncStatus::State::Off, m_offReason);
        return;
    }
    syncNow();
}

void SyncController::dropEngine()
{
    if (!m_engine)
        return;
    disconnect(m_engine, nullptr, this, nullptr);
    // Deleted in its own thread once any running sync returns.
    m_engine->deleteLater();
    m_engine = nullptr;
    m_running = false;
}

void SyncController::schedule(int msecs)
{
    m_timer->start(msecs);
}

void SyncController::syncSoon()
{
    if (!isConfigured())
        return;
    if (!m_timer->isActive() || m_timer->remainingTime() > 2000)
        schedule(2000);
}

void SyncController::syncNow()
{
    if (!isConfigured())
        return;
    if (m_running) {
        m_again = true; // one more round after this one: it may have missed a decision
        return;
    }
    m_timer->stop();
    if (!m_thread.isRunning())
        m_thread.start();
    if (!m_engine) {
        m_engine = new SyncEngine(m_localPath, m_serverUrl);
        m_engine->moveToThread(&m_thread);
        connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
        connect(m_engine, &SyncEngine::finished, this, &SyncController::onFinished);
        connect(m_engine, &SyncEngine::stateChanged, this, [this](SyncEngine::State state) {
            if (state == SyncEngine::State::Syncing && m_status)
                m_status->setState(SyncStatus::State::Syncing,
                                   tr("Syncing with %1")
                                       .arg(redactStoreUrl(m_serverUrl)));
        });
    }
    m_running = true;
    if (m_status)
        m_status->setState(SyncStatus::State::Syncing,
                           tr("Syncing with %1").arg(redactStoreUrl(m_serverUrl)));
    QMetaObject::invokeMethod(m_engine, &SyncEngine::syncNow, Qt::QueuedConnection);
}

void SyncController::onFinished(bool ok, const QString &engineError)
{
    m_running = false;
    const QString server = redactStoreUrl(m_serverUrl);
    const QString error = redactStoreUrl(engineError, m_serverUrl);
    bool pulled = false;
    if (ok) {
        // The engine is idle now (it just returned): reading its report is safe.
        const SyncReport report = m_engine->lastReport();
        pulled = report.proposalsPulled > 0 || report.decisionsPulled > 0;
        m_failures = 0;
        if (m_status) {
            m_status->setLastSync(QDateTime::currentDateTimeUtc());
            m_status->setState(
                SyncStatus::State::Online,
                tr("Synced with %1: %2 decisions sent, %3 received.")
                    .arg(server)
                    .arg(report.decisionsPushed)
                    .arg(report.decisionsPulled));
        }
        schedule(m_again ? 0 : m_periodMs);
    } else {
        const bool offline = m_engine->state() == SyncEngine::State::Offline;
        ++m_failures;
        // A fresh engine reconnects next time; a broken connection is not reused.
        dropEngine();
        const int delay = std::min(kMaxRetryMs, kFirstRetryMs << std::min(m_failures - 1, 10));
        if (m_status) {
            m_status->setState(offline ? SyncStatus::State::Offline : SyncStatus::State::Failed,
                               tr("%1\nServer: %2\nNext try in %3 s; decisions stay on this "
                                  "computer until then.")
                                   .arg(error, server)
                                   .arg(delay / 1000));
        }
        schedule(delay);
    }
    m_again = false;
    Q_EMIT syncFinished(ok, error, pulled);
}

} // namespace verdict
