// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/childprocess.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

namespace verdict {

namespace {

constexpr int kOutputCap = 256 * 1024;

// Spawns `program` with fd 0 and 1 on `io`, fd 2 on `err` (or /dev/null when -1). With
// `ownGroup` the child leads a new process group, so whatever it forks can be killed with it.
pid_t spawnChild(const QString &program, const QStringList &args, const QStringList &env,
                 int io, int err, bool ownGroup = false)
{
    const QByteArray prog = program.toLocal8Bit();
    std::vector<QByteArray> argStore;
    argStore.push_back(prog);
    for (const QString &a : args)
        argStore.push_back(a.toLocal8Bit());
    std::vector<QByteArray> envStore;
    for (const QString &e : env)
        envStore.push_back(e.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : argStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<char *> envp;
    for (QByteArray &e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, io, 0);
    posix_spawn_file_actions_adddup2(&actions, io, 1);
    if (err >= 0)
        posix_spawn_file_actions_adddup2(&actions, err, 2);
    else
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);

    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    if (ownGroup) {
        posix_spawnattr_setpgroup(&attr, 0);
        flags |= POSIX_SPAWN_SETPGROUP;
    }
    posix_spawnattr_setflags(&attr, flags);

    pid_t pid = -1;
    const int rc = posix_spawn(&pid, prog.constData(), &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    return rc == 0 ? pid : -1;
}

void killAndReap(pid_t pid, bool group = false)
{
    if (pid <= 0)
        return;
    if (group)
        ::kill(-pid, SIGKILL); // the child's own children too (a forking worker)
    ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
}

int remainingMs(const QElapsedTimer &timer, int timeoutMs)
{
    return std::max(0, timeoutMs - int(timer.elapsed()));
}

} // namespace

QStringList checkerEnvironment()
{
    QStringList env{QStringLiteral("LC_ALL=C.UTF-8")};
    const QString path = qEnvironmentVariable("PATH");
    if (!path.isEmpty())
        env << QStringLiteral("PATH=") + path;
    return env;
}

ProcessOutput runProcess(const QString &program, const QStringList &args,
                         const QByteArray &input, int timeoutMs, const QStringList &env,
                         int outputCap)
{
    ProcessOutput result;
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return result;
    const pid_t pid = spawnChild(program, args, env, sv[1], sv[1]);
    ::close(sv[1]);
    if (pid <= 0) {
        ::close(sv[0]);
        return result;
    }
    result.started = true;
    const int fd = sv[0];
    QElapsedTimer timer;
    timer.start();
    qsizetype written = 0;
    bool writeOpen = true;
    if (input.isEmpty()) {
        ::shutdown(fd, SHUT_WR);
        writeOpen = false;
    }
    char buf[16384];
    for (;;) {
        const int left = remainingMs(timer, timeoutMs);
        if (left == 0) {
            result.timedOut = true;
            break;
        }
        pollfd p{fd, short(POLLIN | (writeOpen ? POLLOUT : 0)), 0};
        const int n = ::poll(&p, 1, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            continue; // timeout: checked at the top
        if (writeOpen && (p.revents & (POLLOUT | POLLERR | POLLHUP))) {
            const ssize_t w = ::send(fd, input.constData() + written,
                                     size_t(input.size() - written), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (w > 0)
                written += w;
            if (w < 0 && errno != EAGAIN && errno != EINTR)
                written = input.size(); // the child stopped reading: give up writing
            if (written >= input.size()) {
                ::shutdown(fd, SHUT_WR);
                writeOpen = false;
            }
        }
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t r = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
            if (r == 0)
                break; // child closed its end (exited)
            if (r > 0 && result.output.size() < outputCap)
                result.output.append(buf, int(r));
            else if (r > 0)
                result.truncated = true;
            if (r < 0 && errno != EAGAIN && errno != EINTR)
                break;
        }
    }
    ::close(fd);
    if (result.timedOut) {
        killAndReap(pid);
        return result;
    }
    // The output is closed; the child is exiting. Still bounded: kill after the deadline.
    int status = 0;
    for (;;) {
        const pid_t w = ::waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR) {
            status = -1;
            break;
        }
        if (remainingMs(timer, timeoutMs) == 0) {
            result.timedOut = true;
            killAndReap(pid);
            return result;
        }
        ::usleep(200);
    }
    if (status >= 0 && WIFEXITED(status))
        result.exitCode = WEXITSTATUS(status);
    return result;
}

LineWorker::LineWorker(const QString &program, const QStringList &args, const QStringList &env)
    : m_program(program), m_args(args), m_env(env)
{
}

LineWorker::~LineWorker()
{
    stop();
}

bool LineWorker::start()
{
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return false;
    m_pid = spawnChild(m_program, m_args, m_env, sv[1], -1, true);
    ::close(sv[1]);
    if (m_pid <= 0) {
        m_pid = -1;
        ::close(sv[0]);
        return false;
    }
    m_fd = sv[0];
    m_buffer.clear();
    ++m_starts;
    return true;
}

void LineWorker::stop()
{
    if (m_fd >= 0)
        ::close(m_fd); // EOF on the child's stdin: a well-behaved worker exits by itself
    m_fd = -1;
    killAndReap(m_pid, true);
    m_pid = -1;
    m_buffer.clear();
}

LineWorker::Status LineWorker::request(const QByteArray &line, QByteArray *response,
                                       int timeoutMs)
{
    if (m_pid <= 0 && !start())
        return Status::NotStarted;
    QByteArray out = line;
    out.append('\n');
    QElapsedTimer timer;
    timer.start();
    qsizetype written = 0;
    char buf[16384];
    for (;;) {
        const int nl = m_buffer.indexOf('\n');
        if (nl >= 0 && written >= out.size()) {
            *response = m_buffer.left(nl);
            m_buffer.remove(0, nl + 1);
            return Status::Ok;
        }
        const int left = remainingMs(timer, timeoutMs);
        if (left == 0) {
            stop();
            return Status::TimedOut;
        }
        const bool wantWrite = written < out.size();
        pollfd p{m_fd, short(POLLIN | (wantWrite ? POLLOUT : 0)), 0};
        const int n = ::poll(&p, 1, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            continue;
        if (wantWrite && (p.revents & POLLOUT)) {
            const ssize_t w = ::send(m_fd, out.constData() + written, size_t(out.size() - written),
                                     MSG_NOSIGNAL | MSG_DONTWAIT);
            if (w > 0)
                written += w;
            else if (w < 0 && errno != EAGAIN && errno != EINTR) {
                stop();
                return Status::Died;
            }
        }
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t r = ::recv(m_fd, buf, sizeof buf, MSG_DONTWAIT);
            if (r > 0) {
                if (m_buffer.size() > kOutputCap) { // a runaway worker: start afresh
                    stop();
                    return Status::Died;
                }
                m_buffer.append(buf, int(r));
            } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
                stop();
                return Status::Died;
            }
        }
    }
}

WorkerReply askWorker(LineWorker &worker, const QString &programName, const QString &text,
                      int timeoutMs)
{
    return askWorkerLine(worker, programName, text.toUtf8().toBase64(), timeoutMs);
}

WorkerReply askWorkerLine(LineWorker &worker, const QString &programName,
                          const QByteArray &line, int timeoutMs)
{
    QByteArray response;
    switch (worker.request(line, &response, timeoutMs)) {
    case LineWorker::Status::Ok:
        break;
    case LineWorker::Status::NotStarted:
        return {{}, QStringLiteral("%1 could not be started").arg(programName)};
    case LineWorker::Status::TimedOut:
        return {{}, QStringLiteral("the parser took longer than %1 ms").arg(timeoutMs)};
    case LineWorker::Status::Died:
        return {{}, QStringLiteral("the parser stopped on this input")};
    }
    const QJsonObject answer = QJsonDocument::fromJson(response).object();
    if (!answer.contains(QLatin1String("ok")))
        return {{}, QStringLiteral("the parser gave no answer")};
    return {answer, {}};
}

} // namespace verdict
