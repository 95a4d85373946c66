// SPDX-License-Identifier: GPL-3.0-or-later
#include "latencyproxy.h"

#include <QHostAddress>
#include <QLocalSocket>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <atomic>

namespace verdict::test {

class LatencyProxy::Server final : public QObject
{
public:
    Server(QString unixSocket, int delayMs) : m_socket(std::move(unixSocket)), m_delayMs(delayMs)
    {
    }

    quint16 listen(QString *error)
    {
        m_server = new QTcpServer(this);
        if (!m_server->listen(QHostAddress::LocalHost, 0)) {
            *error = m_server->errorString();
            return 0;
        }
        connect(m_server, &QTcpServer::newConnection, this, &Server::accept);
        return m_server->serverPort();
    }

    std::atomic<qint64> forwarded{0};

private:
    void accept()
    {
        while (QTcpSocket *client = m_server->nextPendingConnection()) {
            auto *server = new QLocalSocket(client);
            server->connectToServer(m_socket);
            pipe(client, server);
            pipe(server, client);
            connect(client, &QTcpSocket::disconnected, this,
                    [this, server] { later([server] { server->disconnectFromServer(); }); });
            connect(server, &QLocalSocket::disconnected, this,
                    [this, client] { later([client] { client->disconnectFromHost(); }); });
            connect(client, &QTcpSocket::disconnected, client, [client] {
                QTimer::singleShot(10000, client, &QObject::deleteLater);
            });
        }
    }

    // Whatever `from` reads reaches `to` delayMs later, chunks in their order (timers of
    // one interval started in order fire in order).
    void pipe(QIODevice *from, QIODevice *to)
    {
        connect(from, &QIODevice::readyRead, this, [this, from, to] {
            const QByteArray bytes = from->readAll();
            if (bytes.isEmpty())
                return;
            QPointer<QIODevice> target(to);
            later([this, target, bytes] {
                if (target && target->isOpen()) {
                    target->write(bytes);
                    forwarded += bytes.size();
                }
            });
        });
    }

    template <typename F>
    void later(F f)
    {
        QTimer::singleShot(m_delayMs, Qt::PreciseTimer, this, std::move(f));
    }

    QString m_socket;
    int m_delayMs;
    QTcpServer *m_server = nullptr;
};

LatencyProxy::LatencyProxy(QString unixSocket, int delayMs)
    : m_socket(std::move(unixSocket))
    , m_delayMs(delayMs)
{
}

LatencyProxy::~LatencyProxy()
{
    if (m_server)
        QMetaObject::invokeMethod(m_server, [this] { delete m_server; },
                                  Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

quint16 LatencyProxy::start()
{
    m_thread.setObjectName(QStringLiteral("latency-proxy"));
    m_thread.start();
    quint16 port = 0;
    auto *server = new Server(m_socket, m_delayMs);
    server->moveToThread(&m_thread);
    m_server = server;
    QMetaObject::invokeMethod(
        server, [&] { port = server->listen(&m_error); }, Qt::BlockingQueuedConnection);
    return port;
}

qint64 LatencyProxy::bytesForwarded() const
{
    return m_server ? m_server->forwarded.load() : 0;
}

} // namespace verdict::test
