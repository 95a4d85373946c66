// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgtest.h"

#include <QDir>
#include <QFile>
#include <QProcess>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace verdict::test {

namespace {

QString findBinDir()
{
    QDir root(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    // Newest first: "15" after "14" by name is enough for the versions Debian ships.
    for (int i = versions.size() - 1; i >= 0; --i) {
        const QString bin = root.filePath(versions.at(i) + QStringLiteral("/bin"));
        if (QFile::exists(bin + QStringLiteral("/initdb"))
            && QFile::exists(bin + QStringLiteral("/pg_ctl")))
            return bin;
    }
    return {};
}

bool isRoot()
{
    return ::geteuid() == 0;
}

} // namespace

PgTestServer::PgTestServer() : m_binDir(findBinDir()) {}

PgTestServer::~PgTestServer()
{
    if (m_running)
        stop(true);
}

QString PgTestServer::unavailableReason()
{
    if (findBinDir().isEmpty())
        return QStringLiteral("PostgreSQL server binaries (initdb, pg_ctl) not found in "
                              "/usr/lib/postgresql/*/bin: install postgresql "
                              "(packaging/install-deps.sh test)");
    if (isRoot() && ::getpwnam("postgres") == nullptr)
        return QStringLiteral("running as root but there is no 'postgres' user to run "
                              "the server as");
    return {};
}

QString PgTestServer::binary(const QString &name) const
{
    return m_binDir + QLatin1Char('/') + name;
}

bool PgTestServer::run(const QString &program, const QStringList &args, QString *output,
                       int timeoutMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QString prog = program;
    QStringList argv = args;
    // initdb and the server refuse to run as root.
    const bool asPostgres = isRoot() && !program.endsWith(QLatin1String("/psql"));
    if (asPostgres) {
        argv = QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"),
                           program} + args;
        prog = QStringLiteral("runuser");
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.remove(QStringLiteral("PGPASSWORD"));
    env.remove(QStringLiteral("PGSERVICE"));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(m_dir ? m_dir->path() : QDir::tempPath());
    p.start(prog, argv);
    if (!p.waitForStarted(30000)) {
        m_error = prog + QStringLiteral(": cannot start: ") + p.errorString();
        return false;
    }
    p.closeWriteChannel();
    const bool finished = p.waitForFinished(timeoutMs);
    const QString out = QString::fromLocal8Bit(p.readAll());
    if (output)
        *output = out;
    if (!finished || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = program + QLatin1Char(' ') + args.join(QLatin1Char(' '))
                  + QStringLiteral(" failed: ") + out;
        return false;
    }
    return true;
}

QString PgTestServer::socketDir() const
{
    return m_dir ? m_dir->path() : QString();
}

bool PgTestServer::start()
{
    const QString why = unavailableReason();
    if (!why.isEmpty()) {
        m_error = why;
        return false;
    }
    // Short path: a Unix socket path must fit in 107 bytes.
    m_dir = std::make_unique<QTemporaryDir>(QStringLiteral("/tmp/vpg-XXXXXX"));
    if (!m_dir->isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    const QByteArray dir = QFile::encodeName(m_dir->path());
    ::chmod(dir.constData(), 0755);
    if (isRoot()) {
        const passwd *pw = ::getpwnam("postgres");
        if (!pw || ::chown(dir.constData(), pw->pw_uid, pw->pw_gid) != 0) {
            m_error = QStringLiteral("cannot hand %1 to user postgres").arg(m_dir->path());
            return false;
        }
    }
    const QString data = m_dir->filePath(QStringLiteral("data"));
    if (!run(binary(QStringLiteral("initdb")),
             {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("postgres"),
              QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"),
              QStringLiteral("UTF8"), QStringLiteral("--locale=C"), QStringLiteral("--no-sync")}))
        return false;
    // Password authentication for one role, so the wrong-password path is testable.
    QFile hba(data + QStringLiteral("/pg_hba.conf"));
    if (!hba.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = QStringLiteral("cannot write pg_hba.conf");
        return false;
    }
    hba.write("local all pwuser scram-sha-256\n"
              "local all all trust\n");
    hba.close();
    if (isRoot()) {
        const passwd *pw = ::getpwnam("postgres");
        ::chown(QFile::encodeName(hba.fileName()).constData(), pw->pw_uid, pw->pw_gid);
    }
    QFile conf(data + QStringLiteral("/postgresql.conf"));
    if (conf.open(QIODevice::Append)) {
        conf.write(QByteArray("listen_addresses = ''\n"
                              "unix_socket_directories = '") + dir + "'\n"
                   "port = " + QByteArray::number(m_port) + "\n"
                   "fsync = off\n"
                   "max_connections = 60\n"
                   "password_encryption = 'scram-sha-256'\n");
        conf.close();
    }
    return restart();
}

bool PgTestServer::restart()
{
    const QString data = m_dir->filePath(QStringLiteral("data"));
    if (!run(binary(QStringLiteral("pg_ctl")),
             {QStringLiteral("-D"), data, QStringLiteral("-w"), QStringLiteral("-t"),
              QStringLiteral("60"), QStringLiteral("-l"), m_dir->filePath(QStringLiteral("log")),
              QStringLiteral("start")})) {
        QFile log(m_dir->filePath(QStringLiteral("log")));
        if (log.open(QIODevice::ReadOnly))
            m_error += QString::fromLocal8Bit(log.readAll().right(2000));
        return false;
    }
    m_running = true;
    return true;
}

bool PgTestServer::stop(bool immediate)
{
    if (!m_dir || !m_running)
        return true;
    const bool ok = run(binary(QStringLiteral("pg_ctl")),
                        {QStringLiteral("-D"), m_dir->filePath(QStringLiteral("data")),
                         QStringLiteral("-w"), QStringLiteral("-m"),
                         immediate ? QStringLiteral("immediate") : QStringLiteral("fast"),
                         QStringLiteral("stop")});
    m_running = !ok;
    return ok;
}

QString PgTestServer::connectionString(const QString &db, const QString &user) const
{
    return QStringLiteral("host=%1 port=%2 dbname=%3 user=%4")
        .arg(socketDir())
        .arg(m_port)
        .arg(db, user);
}

bool PgTestServer::psql(const QString &sql, const QString &db, QString *output,
                        const QString &user)
{
    QString psqlPath = binary(QStringLiteral("psql"));
    if (!QFile::exists(psqlPath))
        psqlPath = QStringLiteral("psql");
    return run(psqlPath,
               {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-A"),
                QStringLiteral("-t"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                QStringLiteral("-h"), socketDir(), QStringLiteral("-p"),
                QString::number(m_port), QStringLiteral("-U"), user,
                QStringLiteral("-d"), db, QStringLiteral("-c"), sql},
               output);
}

bool PgTestServer::createDatabase(const QString &name)
{
    return psql(QStringLiteral("CREATE DATABASE \"%1\"").arg(name));
}

bool PgTestServer::createTeamRoles()
{
    // Same statements as docs/TEAM-SERVER.md; IF NOT EXISTS because roles are cluster-wide.
    return psql(QStringLiteral(
        "DO $$ BEGIN "
        "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'verdict_reviewer') THEN "
        "  CREATE ROLE verdict_reviewer NOLOGIN; END IF; "
        "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'verdict_lead') THEN "
        "  CREATE ROLE verdict_lead NOLOGIN IN ROLE verdict_reviewer; END IF; "
        "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'alice') THEN "
        "  CREATE ROLE alice LOGIN IN ROLE verdict_reviewer; END IF; "
        "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bob') THEN "
        "  CREATE ROLE bob LOGIN IN ROLE verdict_reviewer; END IF; "
        "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lena') THEN "
        "  CREATE ROLE lena LOGIN IN ROLE verdict_lead; END IF; "
        "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pwuser') THEN "
        "  CREATE ROLE pwuser LOGIN PASSWORD 'right-password' IN ROLE verdict_reviewer; "
        "END IF; END $$;"));
}

} // namespace verdict::test
