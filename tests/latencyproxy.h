// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QThread>

namespace verdict::test {

// A TCP proxy on 127.0.0.1 in front of a Unix socket (a PostgreSQL server's), that holds
// every chunk of bytes for `delayMs` before passing it on, in each direction: a slow
// network made on this machine. It runs on a thread of its own, so a client that blocks
// the thread it was called from cannot hold the proxy up (the test then measures that
// client's stall instead of hanging).
class LatencyProxy final
{
public:
    LatencyProxy(QString unixSocket, int delayMs);
    ~LatencyProxy();

    // Listens; the port, or 0 (and errorString) when it cannot.
    quint16 start();
    QString errorString() const { return m_error; }
    // Bytes passed on, both directions (to show traffic really went through it).
    qint64 bytesForwarded() const;

private:
    QString m_socket;
    int m_delayMs;
    QString m_error;
    QThread m_thread;
    class Server;
    Server *m_server = nullptr;
};

} // namespace verdict::test
