// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/childprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
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

QString scratchFolder()
{
    if (!qEnvironmentVariableIsEmpty("TMPDIR"))
        return QDir::tempPath();
    for (const QString &dir : {qEnvironmentVariable("XDG_RUNTIME_DIR"), QStringLiteral("/dev/shm")}) {
        const QFileInfo info(dir);
        if (!dir.isEmpty() && info.isDir() && info.isWritable())
            return dir;
    }
    return QDir::tempPath();
}

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
    Batch one;
    one.worker = this;
    one.lines.push_back(line);
    one.timeoutMs = timeoutMs;
    exchange({&one});
    *response = std::move(one.responses.front());
    return one.status.front();
}

namespace {

// One batch's progress in exchange(): lines before `answered` have their status; `out` holds
// the lines from `answered` on, as sent to the worker's current run.
struct Progress
{
    explicit Progress(LineWorker::Batch *b) : batch(b) {}
    LineWorker::Batch *batch;
    size_t answered = 0;
    QByteArray out;
    qsizetype written = 0;
    bool running = false;
    QElapsedTimer head; // since the worker was free for the line being waited for
};

} // namespace

void LineWorker::exchange(const std::vector<Batch *> &batches)
{
    std::vector<Progress> all;
    for (Batch *b : batches) {
        b->status.assign(b->lines.size(), Status::NotStarted);
        b->responses.assign(b->lines.size(), QByteArray());
        if (!b->lines.empty())
            all.emplace_back(b);
    }
    // Ends the line being waited for with `status` and the worker's run with it; the lines
    // after it go to a fresh run.
    auto fail = [](Progress &p, Status status) {
        p.batch->status[p.answered++] = status;
        p.batch->worker->stop();
        p.running = false;
    };
    char buf[16384];
    std::vector<pollfd> fds;
    std::vector<Progress *> polled;
    for (;;) {
        fds.clear();
        polled.clear();
        int wait = -1;
        for (Progress &p : all) {
            LineWorker &w = *p.batch->worker;
            while (p.answered < p.batch->lines.size() && !p.running) {
                if (w.m_pid <= 0 && !w.start()) {
                    p.answered = p.batch->lines.size(); // the rest stay NotStarted
                    break;
                }
                p.out.clear();
                for (size_t i = p.answered; i < p.batch->lines.size(); ++i)
                    p.out.append(p.batch->lines[i]).append('\n');
                p.written = 0;
                p.running = true;
                p.head.start();
            }
            if (p.answered >= p.batch->lines.size())
                continue;
            const int left = remainingMs(p.head, p.batch->timeoutMs);
            if (left == 0) {
                fail(p, Status::TimedOut);
                wait = 0; // go round again: the next line needs a fresh run
                continue;
            }
            wait = wait < 0 ? left : std::min(wait, left);
            const bool wantWrite = p.written < p.out.size();
            fds.push_back(pollfd{w.m_fd, short(POLLIN | (wantWrite ? POLLOUT : 0)), 0});
            polled.push_back(&p);
        }
        if (polled.empty() && wait != 0)
            return;
        const int n = ::poll(fds.data(), nfds_t(fds.size()), wait);
        if (n <= 0)
            continue; // EINTR, or a deadline: checked at the top
        for (size_t i = 0; i < polled.size(); ++i) {
            Progress &p = *polled[i];
            LineWorker &w = *p.batch->worker;
            const short revents = fds[i].revents;
            if ((revents & POLLOUT) && p.written < p.out.size()) {
                const ssize_t sent = ::send(w.m_fd, p.out.constData() + p.written,
                                            size_t(p.out.size() - p.written),
                                            MSG_NOSIGNAL | MSG_DONTWAIT);
                if (sent > 0) {
                    p.written += sent;
                } else if (sent < 0 && errno != EAGAIN && errno != EINTR) {
                    fail(p, Status::Died);
                    continue;
                }
            }
            if (!(revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t r = ::recv(w.m_fd, buf, sizeof buf, MSG_DONTWAIT);
            if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
                fail(p, Status::Died);
                continue;
            }
            if (r < 0)
                continue;
            w.m_buffer.append(buf, int(r));
            qsizetype from = 0;
            for (qsizetype nl; p.answered < p.batch->lines.size()
                               && (nl = w.m_buffer.indexOf('\n', from)) >= 0;
                 from = nl + 1) {
                p.batch->responses[p.answered] = w.m_buffer.mid(from, nl - from);
                p.batch->status[p.answered++] = Status::Ok;
                p.head.start();
            }
            w.m_buffer.remove(0, from);
            if (w.m_buffer.size() > kOutputCap && p.answered < p.batch->lines.size())
                fail(p, Status::Died); // a runaway worker: start afresh
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
    return workerReply(worker.request(line, &response, timeoutMs), response, programName,
                       timeoutMs);
}

WorkerReply workerReply(LineWorker::Status status, const QByteArray &response,
                        const QString &programName, int timeoutMs)
{
    switch (status) {
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
