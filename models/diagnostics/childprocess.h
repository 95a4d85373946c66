// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <sys/types.h>

#include <vector>

namespace verdict {

// Child processes for the syntax checkers, without QProcess: usable from any thread (no
// event loop, no thread affinity), bounded in time (SIGKILL at the deadline) and output,
// never a SIGPIPE (sockets with MSG_NOSIGNAL). The environment is only what is passed in.
struct ProcessOutput
{
    bool started = false;
    bool timedOut = false;
    int exitCode = -1;    // -1 when killed by a signal or not started
    QByteArray output;    // stdout and stderr together, capped
    bool truncated = false; // more output than the cap: `output` is its beginning
};

// The default output cap: a parser's error message, not a report of every finding.
constexpr int kDefaultOutputCap = 256 * 1024;

ProcessOutput runProcess(const QString &program, const QStringList &args,
                         const QByteArray &input, int timeoutMs, const QStringList &env,
                         int outputCap = kDefaultOutputCap);

// A long-lived child that answers each request line with one response line. Restarted on
// the next request when it died or was killed for taking too long. It leads its own process
// group: killing it kills what it forked (the shell worker forks a subshell per script).
class LineWorker final
{
public:
    enum class Status { Ok, NotStarted, TimedOut, Died };

    LineWorker(const QString &program, const QStringList &args, const QStringList &env);
    ~LineWorker();
    LineWorker(const LineWorker &) = delete;
    LineWorker &operator=(const LineWorker &) = delete;

    // `line` must not contain '\n'; the response is returned without its '\n'.
    Status request(const QByteArray &line, QByteArray *response, int timeoutMs);

    // Many lines for one worker, answered in order: see exchange().
    struct Batch
    {
        LineWorker *worker = nullptr;
        std::vector<QByteArray> lines; // each without '\n'
        int timeoutMs = 0;             // per line, from when the worker is free to start on it
        std::vector<Status> status;    // one per line, filled by exchange()
        std::vector<QByteArray> responses;
    };
    // Sends every batch's lines to its worker and reads the answers, all workers at once:
    // they parse side by side while this thread waits once, instead of a round trip (two
    // context switches) per line. Writing and reading are interleaved, so a worker answering
    // before it has read everything never blocks on a full socket. A line that takes longer
    // than its timeout, or on which the worker dies, gets that status; the worker is then
    // started again for the lines after it. Each batch must name a different worker.
    static void exchange(const std::vector<Batch *> &batches);

    bool isRunning() const { return m_pid > 0; }
    pid_t pid() const { return m_pid; }
    int starts() const { return m_starts; }

private:
    bool start();
    void stop();

    QString m_program;
    QStringList m_args;
    QStringList m_env;
    pid_t m_pid = -1;
    int m_fd = -1;
    int m_starts = 0;
    QByteArray m_buffer;
};

// One snippet sent to a worker that answers a JSON object with an "ok" member per line (the
// Python and JavaScript syntax checkers' protocol: base64 text in, JSON out). `failure` is
// empty when `answer` is that object; else it says why there is none, in words for a
// "not checked" diagnostic ("node could not be started", "the parser took longer ...").
struct WorkerReply
{
    QJsonObject answer;
    QString failure;
};
WorkerReply askWorker(LineWorker &worker, const QString &programName, const QString &text,
                      int timeoutMs);
// The same with the request line given as it is (a protocol with more than the text).
WorkerReply askWorkerLine(LineWorker &worker, const QString &programName,
                          const QByteArray &line, int timeoutMs);
// The reply for one answered line of either (an exchange() batch's line, say).
WorkerReply workerReply(LineWorker::Status status, const QByteArray &response,
                        const QString &programName, int timeoutMs);

// The folder a checker writes the files its worker reads in (the shell worker's scripts):
// memory rather than disk where the system has it ($XDG_RUNTIME_DIR, /dev/shm; on an ext4
// /tmp, creating and truncating them was a third of the shell check's time). A TMPDIR the
// user set is used as it is.
QString scratchFolder();

// A minimal environment for checker children: C.UTF-8 locale and the current PATH.
QStringList checkerEnvironment();

} // namespace verdict
