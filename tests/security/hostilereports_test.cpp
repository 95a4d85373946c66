// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile reports against the real `verdict-cli` (and the GUI's import and diagnostics
// paths in process): every input is made here, in a temporary folder, at test time.
#include "diagnostics/diagnosticsengine.h"
#include "folderwatcher.h"
#include "importtask.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <climits>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace verdict;

class HostileReportsTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void targetConflictOutputIsLinear_data();
    void targetConflictOutputIsLinear();
    void targetConflictWithTheQueueIsBounded();
    void dangerousTargetsAreErrors();
    void initTestCase();
    void controlCharactersStayOffTheTerminal_data();
    void controlCharactersStayOffTheTerminal();
    void jsonKeepsControlCharactersEscaped_data();
    void jsonKeepsControlCharactersEscaped();
    void unreadableEntriesAreErrors_data();
    void unreadableEntriesAreErrors();
    void importTaskReportsUnreadableEntries_data();
    void importTaskReportsUnreadableEntries();
    void folderWatcherReportsUnreadableEntries_data();
    void folderWatcherReportsUnreadableEntries();
    void duplicateIdIsAnError_data();
    void duplicateIdIsAnError();

private:
    QTemporaryDir m_evil; // reports whose ids, targets and file names carry escapes
    QString m_db;
};

namespace {

// What one run of verdict-cli did. The run is watched: killed when it outlives its time,
// grows past its memory or prints past its output budget, so a regression fails the test
// instead of taking the machine down with it.
struct Run
{
    int exit = -1;
    QByteArray out;
    QByteArray err;
    qint64 msecs = 0;
    qint64 peakRssKb = 0;
    QString killed; // why the run was stopped; empty when it finished by itself
};

struct Limits
{
    int msecs = 60000;
    qint64 rssKb = 1024 * 1024;
    qint64 outBytes = 64 * 1024 * 1024;
};

qint64 peakRssKb(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

// `wrapper`: a program that runs verdict-cli (setpriv, to drop root's privileges).
Run cli(const QStringList &args, const Limits &limits = {}, const QStringList &wrapper = {})
{
    QProcess p;
    if (wrapper.isEmpty())
        p.start(QStringLiteral(VERDICT_CLI_PATH), args);
    else
        p.start(wrapper.first(),
                wrapper.mid(1) + QStringList{QStringLiteral(VERDICT_CLI_PATH)} + args);
    Run run;
    if (!p.waitForStarted(10000)) {
        run.killed = QStringLiteral("did not start");
        return run;
    }
    QElapsedTimer clock;
    clock.start();
    while (!p.waitForFinished(20)) {
        run.peakRssKb = std::max(run.peakRssKb, peakRssKb(p.processId()));
        run.out += p.readAllStandardOutput();
        run.err += p.readAllStandardError();
        if (clock.elapsed() > limits.msecs)
            run.killed = QStringLiteral("still running after %1 ms").arg(limits.msecs);
        else if (run.peakRssKb > limits.rssKb)
            run.killed = QStringLiteral("peak RSS %1 MB").arg(run.peakRssKb / 1024);
        else if (run.out.size() > limits.outBytes)
            run.killed = QStringLiteral("printed over %1 bytes").arg(limits.outBytes);
        if (!run.killed.isEmpty()) {
            p.kill();
            p.waitForFinished();
            return run;
        }
    }
    run.msecs = clock.elapsed();
    run.out += p.readAllStandardOutput();
    run.err += p.readAllStandardError();
    run.exit = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return run;
}

bool write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

struct Target
{
    QString path;
    QString content = QStringLiteral("SELECT 1;");
};

// One well-formed report writing `targets`.
QByteArray report(const QString &id, const std::vector<Target> &targets)
{
    QString text = QStringLiteral("# FSAR Proposal Report\n- id: ") + id
                   + QStringLiteral("\n- timestamp: 2026-01-02T19:12:25.611Z\n- severity: 5\n"
                                    "- block_execution: false\n- proposal:\n\n"
                                    "idea_implementation: a hostile proposal\n\n");
    for (const Target &t : targets) {
        text += QStringLiteral("Create or update the file ") + t.path
                + QStringLiteral(" with this complete content:\n") + t.content
                + QStringLiteral("\n\n");
    }
    text += QStringLiteral("This is for opportunity: Hostile input\n## Risks\n- none\n");
    return text.toUtf8();
}

// Terminal escapes (OSC retitle, clear screen), BEL, DEL, a C1 CSI and a right-to-left
// override: each may only reach a terminal escaped or replaced.
const QString kEscapes = QStringLiteral("\x1b]0;pwned\x07\x1b[2J\x07\x7f\u009b31m\u202e");
const QString kEvilId = QStringLiteral("fsar_evil") + kEscapes + QStringLiteral("gnp.exe");
const QString kEvilTarget = QStringLiteral("gen") + kEscapes + QStringLiteral("lqs.sql");
// File names may also hold CR and LF, which no report field can.
const QString kEvilName = QStringLiteral("r") + kEscapes + QStringLiteral("\r\n\u2066.txt");
const QString kEvilEmpty = QStringLiteral("empty") + kEscapes + QStringLiteral("\r.txt");

// Bytes that must not reach a terminal raw: C0 controls but the line feed, DEL, and (as
// UTF-8) C1 controls, bidi embeddings, overrides and isolates.
QString rawControl(const QByteArray &bytes)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes.at(i));
        const auto next = i + 1 < bytes.size() ? static_cast<unsigned char>(bytes.at(i + 1)) : 0;
        const auto third = i + 2 < bytes.size() ? static_cast<unsigned char>(bytes.at(i + 2)) : 0;
        const bool bad = (c < 0x20 && c != '\n') || c == 0x7f
                         || (c == 0xc2 && next >= 0x80 && next <= 0x9f)
                         || (c == 0xe2 && next == 0x80 && third >= 0xaa && third <= 0xae)
                         || (c == 0xe2 && next == 0x81 && third >= 0xa6 && third <= 0xa9);
        if (bad) {
            return QStringLiteral("byte 0x%1 at %2 in: %3")
                .arg(c, 2, 16, QLatin1Char('0'))
                .arg(i)
                .arg(QString::fromLatin1(bytes.mid(std::max<qsizetype>(0, i - 60), 120)
                                             .toPercentEncoding(" :/[]'(),.-_")));
        }
    }
    return QString();
}

// Removes a tree through directory descriptors: paths deeper than PATH_MAX cannot be
// removed by name (QDir::removeRecursively leaves them behind).
void removeTree(int parent, const char *name)
{
    struct stat st;
    if (fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
        fchmodat(parent, name, 0700, 0); // an unreadable folder is made readable first
    const int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        unlinkat(parent, name, 0);
        return;
    }
    DIR *dir = fdopendir(fd);
    while (const dirent *e = readdir(dir)) {
        if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
            removeTree(dirfd(dir), e->d_name);
    }
    closedir(dir);
    unlinkat(parent, name, AT_REMOVEDIR);
}

// Something in a report folder that cannot be read as a report, and what must be said.
struct Planted
{
    QString path;       // the path the error names
    QString why;        // in the error
    QStringList runner; // runs verdict-cli (as root: setpriv, so permissions count)
    QString skip;       // why this cannot be tested here
};

bool rootCanBeLimited()
{
    const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
    return !setpriv.isEmpty()
           && QProcess::execute(setpriv, {QStringLiteral("--bounding-set=-dac_override,"
                                                         "-dac_read_search"),
                                          QStringLiteral("true")})
                  == 0;
}

Planted plant(const QString &kind, const QString &root)
{
    Planted p;
    const QByteArray rootPath = QFile::encodeName(root);
    if (kind == QLatin1String("sparse 2 GB file")) {
        p.path = root + QStringLiteral("/huge.txt");
        QFile f(p.path);
        if (!f.open(QIODevice::WriteOnly) || !f.resize(qint64(2) << 30))
            p.skip = QStringLiteral("cannot make a sparse file here");
        p.why = QStringLiteral("too large (2.0 GB; the limit is 64 MB)");
    } else if (kind == QLatin1String("path longer than PATH_MAX")) {
        // Folders of 200-character names, until the path is longer than the system takes.
        int fd = open(rootPath.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        QString path = root;
        const QByteArray name(200, 'd');
        while (QFile::encodeName(path).size() < PATH_MAX + 400) {
            mkdirat(fd, name.constData(), 0700);
            const int next = openat(fd, name.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            close(fd);
            fd = next;
            path += QLatin1Char('/') + QString::fromLatin1(name);
            if (p.path.isEmpty() && QFile::encodeName(path).size() >= PATH_MAX)
                p.path = path;
        }
        const int f = openat(fd, "report.txt", O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        const QByteArray text = report(QStringLiteral("fsar_deep"), {});
        if (f < 0 || ::write(f, text.constData(), size_t(text.size())) != text.size())
            p.skip = QStringLiteral("cannot write below PATH_MAX");
        close(f);
        close(fd);
        p.why = QStringLiteral("the path is too long");
    } else if (kind == QLatin1String("unreadable subfolder")) {
        p.path = root + QStringLiteral("/locked");
        write(p.path + QStringLiteral("/inside.txt"), report(QStringLiteral("fsar_locked"), {}));
        chmod(QFile::encodeName(p.path).constData(), 0);
        p.why = QStringLiteral("cannot read folder: Permission denied");
        if (geteuid() == 0) {
            // Root reads any folder; without CAP_DAC_* in its bounding set it cannot.
            if (rootCanBeLimited())
                p.runner = QStringList{QStringLiteral("setpriv"),
                                       QStringLiteral("--bounding-set=-dac_override,"
                                                      "-dac_read_search")};
            else
                p.skip = QStringLiteral("running as root, which reads every folder, and "
                                        "setpriv cannot drop CAP_DAC_READ_SEARCH here");
        }
    } else if (kind == QLatin1String("dangling symlink")) {
        p.path = root + QStringLiteral("/dangling.txt");
        QFile::link(QStringLiteral("nowhere.txt"), p.path);
        p.why = QStringLiteral("dangling symbolic link (to nowhere.txt)");
    } else if (kind == QLatin1String("symlink loop")) {
        p.path = root + QStringLiteral("/loop.txt");
        QFile::link(QStringLiteral("loop.txt"), p.path);
        p.why = QStringLiteral("cannot read: symbolic link loop");
    } else if (kind == QLatin1String("FIFO")) {
        p.path = root + QStringLiteral("/pipe.txt");
        mkfifo(QFile::encodeName(p.path).constData(), 0600);
        p.why = QStringLiteral("not a regular file (a FIFO)");
    } else if (kind == QLatin1String("socket")) {
        p.path = root + QStringLiteral("/socket.txt");
        const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, QFile::encodeName(p.path).constData(),
                     sizeof address.sun_path - 1);
        if (bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
            p.skip = QStringLiteral("cannot bind a socket in the temporary folder");
        close(fd);
        p.why = QStringLiteral("not a regular file (a socket)");
    } else if (kind == QLatin1String("link to /dev/zero")) {
        p.path = root + QStringLiteral("/zero.txt");
        QFile::link(QStringLiteral("/dev/zero"), p.path);
        p.why = QStringLiteral("not a regular file (a character device)");
    }
    return p;
}

const char *const kUnreadable[] = {"sparse 2 GB file", "path longer than PATH_MAX",
                                   "unreadable subfolder", "dangling symlink", "symlink loop",
                                   "FIFO", "socket", "link to /dev/zero"};

QString conflictId(int i)
{
    return QStringLiteral("fsar_%1-0000-4000-8000-000000000000").arg(i, 8, 10, QLatin1Char('0'));
}

} // namespace

// Many proposals writing the same file are one conflict group: each proposal still gets its
// warning, but the warning names the group's size and a few members, not all of them.
// Unbounded, 2,000 such reports printed 172 MB (each line listing 1,999 ids) and 100,000
// exhausted memory.
void HostileReportsTest::targetConflictOutputIsLinear_data()
{
    QTest::addColumn<int>("files");
    QTest::addColumn<int>("perFile");
    QTest::newRow("2,000 files") << 2000 << 1;
    QTest::newRow("20,000 reports in 20 files") << 20 << 1000;
}

void HostileReportsTest::targetConflictOutputIsLinear()
{
    QFETCH(int, files);
    QFETCH(int, perFile);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const int total = files * perFile;
    for (int f = 0; f < files; ++f) {
        QByteArray text;
        for (int r = 0; r < perFile; ++r)
            text += report(conflictId(f * perFile + r), {{QStringLiteral("generated_1.sql")}})
                    + '\n';
        QVERIFY(write(dir.filePath(QStringLiteral("r%1.txt").arg(f, 5, 10, QLatin1Char('0'))),
                      text));
    }

    constexpr int kMaxLine = 1024; // bytes, path of the report file included
    for (const bool json : {false, true}) {
        QStringList args{QStringLiteral("check"), dir.path()};
        if (json)
            args.insert(1, QStringLiteral("--json"));
        const Run run = cli(args);
        QVERIFY2(run.killed.isEmpty(), qPrintable(run.killed));
        qInfo("check%s, %d proposals: %lld bytes in %lld ms, peak RSS %lld MB",
              json ? " --json" : "", total, qint64(run.out.size()), run.msecs,
              run.peakRssKb / 1024);
        QCOMPARE(run.exit, 0);
        QVERIFY2(run.out.size() <= qint64(total) * kMaxLine,
                 qPrintable(QString::number(run.out.size())));

        QStringList messages;
        if (json) {
            const QJsonArray list = QJsonDocument::fromJson(run.out)
                                        .object()
                                        .value(QLatin1String("diagnostics"))
                                        .toArray();
            for (const QJsonValue &v : list) {
                const QJsonObject d = v.toObject();
                if (d.value(QLatin1String("rule")).toString() == QLatin1String("target-conflict"))
                    messages << d.value(QLatin1String("message")).toString();
            }
        } else {
            for (const QByteArray &line : run.out.split('\n')) {
                QVERIFY2(line.size() <= kMaxLine, line.left(200).constData());
                if (line.endsWith("[target-conflict]"))
                    messages << QString::fromUtf8(line);
            }
        }
        // Every proposal still says it conflicts, and with how many.
        QCOMPARE(messages.size(), total);
        const QString others = QLocale(QLocale::English).toString(total - 1);
        for (const QString &m : messages) {
            QVERIFY2(m.size() <= kMaxLine, qPrintable(m.left(200)));
            QVERIFY2(m.contains(QStringLiteral("also written by %1 other proposals").arg(others)),
                     qPrintable(m.left(300)));
        }
        QVERIFY(messages.first().contains(conflictId(1)));
    }
}

// The GUI diagnoses a few proposals against the whole queue (engine.diagnose(stored, queue)):
// a queue of 20,000 entries writing the same file made one 840 kB message and a quadratic
// index build.
void HostileReportsTest::targetConflictWithTheQueueIsBounded()
{
    constexpr int kQueue = 20000;
    std::vector<QueueEntry> queue(kQueue);
    for (int i = 0; i < kQueue; ++i) {
        queue[size_t(i)].id = conflictId(i);
        queue[size_t(i)].targets = QStringList{QStringLiteral("generated_1.sql")};
    }
    StoredProposal mine;
    mine.proposal.id = conflictId(kQueue);
    mine.proposal.sourceFile = QStringLiteral("mine.txt");
    mine.proposal.sourceLine = 1;
    Artifact a;
    a.path = QStringLiteral("./generated_1.sql");
    a.content = QStringLiteral("SELECT 1;");
    a.firstLine = 9;
    a.lastLine = 9;
    mine.proposal.artifacts.push_back(a);

    QElapsedTimer clock;
    clock.start();
    DiagnosticsEngine engine;
    QSignalSpy diagnosed(&engine, &DiagnosticsEngine::proposalDiagnosed);
    engine.diagnose(std::vector<StoredProposal>{mine}, queue);
    QVERIFY(engine.waitForDone(60000));
    QTRY_COMPARE(diagnosed.size(), 1);
    qInfo("one proposal against a queue of %d: %lld ms", kQueue, clock.elapsed());
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    const auto found = diagnosed.first().at(2).value<std::vector<Diagnostic>>();
    const auto conflict = std::find_if(found.begin(), found.end(), [](const Diagnostic &d) {
        return d.rule == QLatin1String("target-conflict");
    });
    QVERIFY(conflict != found.end());
    QVERIFY2(conflict->message.size() <= 1024, qPrintable(conflict->message.left(300)));
    QVERIFY2(conflict->message.contains(QLatin1String("also written by 20,000 other proposals")),
             qPrintable(conflict->message.left(300)));
    QVERIFY(conflict->message.contains(conflictId(0)));
}

// A proposal that writes outside the project or into a file that runs by itself was "clean".
void HostileReportsTest::dangerousTargetsAreErrors()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("persist.txt"));
    QVERIFY(write(file, report(QStringLiteral("fsar_persist"),
                               {{QStringLiteral("/etc/passwd")},
                                {QStringLiteral("../../etc/passwd")},
                                {QStringLiteral("~/.bashrc")},
                                {QStringLiteral("docs/bashrc-notes.md")},
                                {QStringLiteral(".github/workflows/release.yml")}})));
    const Run run = cli({QStringLiteral("check"), file});
    QVERIFY2(run.killed.isEmpty(), qPrintable(run.killed));
    QCOMPARE(run.exit, 1);
    QStringList dangerous;
    for (const QByteArray &line : run.out.split('\n')) {
        if (line.endsWith("[dangerous-target]"))
            dangerous << QString::fromUtf8(line);
    }
    const QStringList expected{
        QStringLiteral(":10:27: error: /etc/passwd: writes outside the project: absolute path"),
        QStringLiteral(":13:27: error: ../../etc/passwd: writes outside the project: '..'"),
        QStringLiteral(":16:27: error: ~/.bashrc: writes outside the project: home folder (~); "
                       "shell start-up file"),
        QStringLiteral(":22:27: error: .github/workflows/release.yml: CI configuration"),
    };
    QCOMPARE(dangerous.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i) {
        QVERIFY2(dangerous.at(i).startsWith(file + expected.at(i)), qPrintable(dangerous.at(i)));
    }
}

void HostileReportsTest::initTestCase()
{
    QVERIFY(m_evil.isValid());
    // Two proposals writing the same target: the conflict warning names both, and the
    // malformed severity quotes report text in a parse problem.
    QByteArray text = report(kEvilId, {{kEvilTarget}}) + '\n'
                      + report(kEvilId + QStringLiteral("2"), {{kEvilTarget}});
    text.replace("- severity: 5", QByteArray("- severity: 5" + kEscapes.toUtf8()));
    QVERIFY(write(m_evil.filePath(kEvilName), text));
    QVERIFY(write(m_evil.filePath(kEvilEmpty), QByteArray()));
    m_db = m_evil.filePath(QStringLiteral(".db/verdict.sqlite"));
    QVERIFY(QDir().mkpath(QFileInfo(m_db).path()));
    const Run imported = cli({QStringLiteral("import"), QStringLiteral("--db"), m_db,
                              m_evil.path()});
    QCOMPARE(imported.exit, 1); // the empty file
}

// Text output, stdout and stderr, of every command that prints report text or file names.
void HostileReportsTest::controlCharactersStayOffTheTerminal_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("shows"); // text that proves the hostile values were printed
    const QString db = QStringLiteral("--db");
    QTest::newRow("parse") << QStringList{QStringLiteral("parse"), m_evil.path()}
                           << QStringLiteral("pwned");
    QTest::newRow("check") << QStringList{QStringLiteral("check"), m_evil.path()}
                           << QStringLiteral("[target-conflict]");
    QTest::newRow("import") << QStringList{QStringLiteral("import"), db,
                                           m_evil.filePath(QStringLiteral(".db/again.sqlite")),
                                           m_evil.path()}
                            << QStringLiteral("empty file");
    QTest::newRow("import --diagnose")
        << QStringList{QStringLiteral("import"), QStringLiteral("--diagnose"), db, m_db,
                       m_evil.path()}
        << QStringLiteral("diagnosed");
    QTest::newRow("queue") << QStringList{QStringLiteral("queue"), db, m_db}
                           << QStringLiteral("gnp.exe");
    QTest::newRow("queue, filter naming the id")
        << QStringList{QStringLiteral("queue"), db, m_db, QStringLiteral("--filter"),
                       QStringLiteral("id:") + kEvilId}
        << QStringLiteral("gnp.exe");
    QTest::newRow("queue, malformed filter")
        << QStringList{QStringLiteral("queue"), db, m_db, QStringLiteral("--filter"),
                       QStringLiteral("severity>") + kEscapes}
        << QStringLiteral("malformed");
    QTest::newRow("decide, unknown id")
        << QStringList{QStringLiteral("decide"), db, m_db, QStringLiteral("--reviewer"),
                       QStringLiteral("eve"), kEvilId + QStringLiteral("x"),
                       QStringLiteral("approve")}
        << QStringLiteral("gnp.exe");
    QTest::newRow("decide, not a verdict")
        << QStringList{QStringLiteral("decide"), db, m_db, QStringLiteral("--reviewer"),
                       QStringLiteral("eve"), kEvilId, kEscapes}
        << QStringLiteral("not a verdict");
    QTest::newRow("verify, unreadable file")
        << QStringList{QStringLiteral("verify"), m_evil.filePath(kEvilName + QStringLiteral("x"))}
        << QStringLiteral("cannot read");
    QTest::newRow("unknown command") << QStringList{kEscapes} << QStringLiteral("unknown");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("check"),
                                                   QStringLiteral("--") + kEscapes}
                                    << QStringLiteral("pwned");
}

void HostileReportsTest::controlCharactersStayOffTheTerminal()
{
    QFETCH(QStringList, args);
    QFETCH(QString, shows);
    const Run run = cli(args);
    QVERIFY2(run.killed.isEmpty(), qPrintable(run.killed));
    QVERIFY2(rawControl(run.out).isEmpty(), qPrintable(QStringLiteral("stdout: ")
                                                       + rawControl(run.out)));
    QVERIFY2(rawControl(run.err).isEmpty(), qPrintable(QStringLiteral("stderr: ")
                                                       + rawControl(run.err)));
    QVERIFY2(QString::fromUtf8(run.out + run.err).contains(shows),
             QByteArray(run.out + run.err).left(2000).constData());
}

// JSON escapes what it carries and gives the very same values back.
void HostileReportsTest::jsonKeepsControlCharactersEscaped_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("list");    // the root's array
    QTest::addColumn<QStringList>("keys"); // fields of an element: file, id, target
    const QString db = QStringLiteral("--db");
    QTest::newRow("parse --json")
        << QStringList{QStringLiteral("parse"), QStringLiteral("--json"), m_evil.path()}
        << QStringLiteral("files")
        << QStringList{QStringLiteral("path"), QStringLiteral("proposals/0/id"),
                       QStringLiteral("proposals/0/artifacts/0/path")};
    QTest::newRow("check --json")
        << QStringList{QStringLiteral("check"), QStringLiteral("--json"), m_evil.path()}
        << QStringLiteral("diagnostics")
        << QStringList{QStringLiteral("file"), QStringLiteral("proposal_id"),
                       QStringLiteral("artifact")};
    QTest::newRow("queue --json")
        << QStringList{QStringLiteral("queue"), QStringLiteral("--json"), db, m_db}
        << QStringLiteral("proposals")
        << QStringList{QString(), QStringLiteral("id"), QStringLiteral("targets/0")};
}

void HostileReportsTest::jsonKeepsControlCharactersEscaped()
{
    QFETCH(QStringList, args);
    QFETCH(QString, list);
    QFETCH(QStringList, keys);
    const Run run = cli(args);
    QVERIFY2(run.killed.isEmpty(), qPrintable(run.killed));
    QVERIFY2(rawControl(run.out).isEmpty(), qPrintable(rawControl(run.out)));
    QVERIFY2(rawControl(run.err).isEmpty(), qPrintable(rawControl(run.err)));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const auto at = [](QJsonValue v, const QString &path) {
        for (const QString &key : path.split(QLatin1Char('/'))) {
            bool isIndex = false;
            const int index = key.toInt(&isIndex);
            v = isIndex ? v.toArray().at(index) : v.toObject().value(key);
        }
        return v.toString();
    };
    const QStringList expected{m_evil.filePath(kEvilName), kEvilId, kEvilTarget};
    // Some element (for check: the target-conflict warning) carries all three, unchanged.
    bool found = false;
    for (const QJsonValue &item : doc.object().value(list).toArray()) {
        bool all = true;
        for (int k = 0; k < keys.size(); ++k)
            all = all && (keys.at(k).isEmpty() || at(item, keys.at(k)) == expected.at(k));
        found = found || all;
    }
    QVERIFY2(found, run.out.left(3000).constData());
}

// Entries of a report folder that are not readable reports were skipped without a word (a
// 2 GB sparse file was "empty", a FIFO could hang a reader): each is one error line naming
// it, exit 1, and the rest of the folder is still read.
void HostileReportsTest::unreadableEntriesAreErrors_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("command");
    for (const char *kind : kUnreadable) {
        for (const char *command : {"parse", "check", "import"}) {
            QTest::addRow("%s, %s", kind, command)
                << QString::fromLatin1(kind) << QString::fromLatin1(command);
        }
    }
}

void HostileReportsTest::unreadableEntriesAreErrors()
{
    QFETCH(QString, kind);
    QFETCH(QString, command);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("reports"));
    QVERIFY(write(folder + QStringLiteral("/good.txt"),
                  report(QStringLiteral("fsar_good"), {{QStringLiteral("a.sql")}})));
    const Planted planted = plant(kind, folder);
    const auto cleanup = qScopeGuard([&] {
        const int fd = open(QFile::encodeName(dir.path()).constData(), O_RDONLY | O_DIRECTORY);
        removeTree(fd, "reports");
        close(fd);
    });
    if (!planted.skip.isEmpty())
        QSKIP(qPrintable(planted.skip));

    QStringList args{command};
    if (command == QLatin1String("import"))
        args << QStringLiteral("--db") << dir.filePath(QStringLiteral("db.sqlite"));
    args << folder;
    const Run run = cli(args, Limits{30000, 512 * 1024, 1 << 20}, planted.runner);
    QVERIFY2(run.killed.isEmpty(), qPrintable(run.killed));
    QCOMPARE(run.exit, 1);
    const QString err = QString::fromUtf8(run.err);
    QStringList naming;
    for (const QString &line : err.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.contains(planted.path))
            naming << line;
    }
    QVERIFY2(naming.size() == 1, qPrintable(err.left(3000)));
    QVERIFY2(naming.first().contains(planted.why), qPrintable(naming.first().right(300)));
    QVERIFY2(!err.contains(QLatin1String("empty file")), qPrintable(err.left(3000)));
    // The good report was still read.
    const QString out = QString::fromUtf8(run.out);
    if (command == QLatin1String("parse"))
        QVERIFY2(out.contains(QLatin1String("fsar_good")), qPrintable(out));
    if (command == QLatin1String("import"))
        QVERIFY2(out.contains(QLatin1String("1 new")), qPrintable(out));
}

// The GUI imports through ImportTask: the same entries reach its summary (the status bar).
void HostileReportsTest::importTaskReportsUnreadableEntries_data()
{
    QTest::addColumn<QString>("kind");
    for (const char *kind : kUnreadable)
        QTest::newRow(kind) << QString::fromLatin1(kind);
}

void HostileReportsTest::importTaskReportsUnreadableEntries()
{
    QFETCH(QString, kind);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("reports"));
    QVERIFY(write(folder + QStringLiteral("/good.txt"), report(QStringLiteral("fsar_good"), {})));
    const Planted planted = plant(kind, folder);
    const auto cleanup = qScopeGuard([&] {
        const int fd = open(QFile::encodeName(dir.path()).constData(), O_RDONLY | O_DIRECTORY);
        removeTree(fd, "reports");
        close(fd);
    });
    if (!planted.skip.isEmpty())
        QSKIP(qPrintable(planted.skip));
    if (!planted.runner.isEmpty())
        QSKIP("running as root, which reads every folder; covered through verdict-cli");

    QElapsedTimer clock;
    clock.start();
    const ImportOutcome outcome =
        ImportTask::run(dir.filePath(QStringLiteral("db.sqlite")), {folder}, QStringLiteral("t"));
    QVERIFY2(clock.elapsed() < 30000, "the import hung");
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.summary.added, 1);
    QCOMPARE(outcome.summary.fileErrors.size(), 1);
    QVERIFY2(outcome.summary.fileErrors.first().startsWith(planted.path + QStringLiteral(": ")),
             qPrintable(outcome.summary.fileErrors.first().right(300)));
    QVERIFY2(outcome.summary.fileErrors.first().contains(planted.why),
             qPrintable(outcome.summary.fileErrors.first().right(300)));
    QVERIFY2(ImportTask::describe(outcome).contains(planted.why),
             qPrintable(ImportTask::describe(outcome).right(300)));
}

// The folder watcher walks on its own: what it cannot read it hands to the import too, which
// says why (it used to list neither special files nor folders it could not open).
void HostileReportsTest::folderWatcherReportsUnreadableEntries_data()
{
    QTest::addColumn<QString>("kind");
    for (const char *kind : {"unreadable subfolder", "dangling symlink", "FIFO", "socket",
                             "link to /dev/zero"})
        QTest::newRow(kind) << QString::fromLatin1(kind);
}

void HostileReportsTest::folderWatcherReportsUnreadableEntries()
{
    QFETCH(QString, kind);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("watched"));
    QVERIFY(QDir().mkpath(folder));
    FolderWatcher watcher;
    watcher.setDebounce(50);
    QSignalSpy spy(&watcher, &FolderWatcher::filesChanged);
    watcher.setFolders({folder});
    const Planted planted = plant(kind, folder);
    const auto cleanup = qScopeGuard([&] {
        const int fd = open(QFile::encodeName(dir.path()).constData(), O_RDONLY | O_DIRECTORY);
        removeTree(fd, "watched");
        close(fd);
    });
    if (!planted.skip.isEmpty())
        QSKIP(qPrintable(planted.skip));
    if (!planted.runner.isEmpty())
        QSKIP("running as root, which reads every folder; covered through verdict-cli");
    QVERIFY2(spy.wait(5000), "nothing reported");
    const QStringList files = spy.takeFirst().at(0).toStringList();
    QVERIFY2(files.contains(planted.path), qPrintable(files.join(QLatin1Char(' '))));
    const ImportOutcome outcome =
        ImportTask::run(dir.filePath(QStringLiteral("db.sqlite")), files, QStringLiteral("t"));
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.summary.fileErrors.size(), 1);
    QVERIFY2(outcome.summary.fileErrors.first().contains(planted.why),
             qPrintable(outcome.summary.fileErrors.first()));
}

// Two reports with the same id in one file: the second was stored as a revision of the first
// without a word from check or import.
void HostileReportsTest::duplicateIdIsAnError_data()
{
    QTest::addColumn<QString>("command");
    QTest::newRow("parse") << QStringLiteral("parse");
    QTest::newRow("check") << QStringLiteral("check");
    QTest::newRow("import") << QStringLiteral("import");
}

void HostileReportsTest::duplicateIdIsAnError()
{
    QFETCH(QString, command);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("twice.txt"));
    const QByteArray first = report(QStringLiteral("fsar_twice"), {{QStringLiteral("a.sql")}});
    const QByteArray second = report(QStringLiteral("fsar_twice"),
                                     {{QStringLiteral("a.sql"), QStringLiteral("SELECT 2;")}});
    QVERIFY(write(file, first + '\n' + second));
    const int secondLine = int(first.count('\n')) + 2;
    QStringList args{command};
    if (command == QLatin1String("import"))
        args << QStringLiteral("--db") << dir.filePath(QStringLiteral("db.sqlite"));
    args << file;
    const Run run = cli(args);
    QVERIFY2(run.killed.isEmpty(), qPrintable(run.killed));
    QCOMPARE(run.exit, 1);
    const QString all = QString::fromUtf8(run.out + '\n' + run.err);
    QStringList lines;
    for (const QString &line : all.split(QLatin1Char('\n'))) {
        if (line.contains(QLatin1String("duplicate id")))
            lines << line;
    }
    QVERIFY2(lines.size() == 1, qPrintable(all));
    QVERIFY2(lines.first().startsWith(file + QLatin1Char(':') + QString::number(secondLine)
                                      + QLatin1Char(':')),
             qPrintable(lines.first()));
    QVERIFY2(lines.first().contains(QLatin1String(" error: duplicate id 'fsar_twice'")),
             qPrintable(lines.first()));
    QVERIFY2(lines.first().contains(QLatin1String("line 1")), qPrintable(lines.first()));

    if (command == QLatin1String("import")) {
        // The GUI's import says so too.
        const ImportOutcome outcome = ImportTask::run(dir.filePath(QStringLiteral("gui.sqlite")),
                                                      {file}, QStringLiteral("t"));
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QVERIFY2(ImportTask::describe(outcome).contains(QLatin1String("duplicate id")),
                 qPrintable(ImportTask::describe(outcome)));
    }
}

QTEST_GUILESS_MAIN(HostileReportsTest)
#include "hostilereports_test.moc"
