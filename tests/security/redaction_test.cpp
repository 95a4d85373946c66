// SPDX-License-Identifier: GPL-3.0-or-later
// Passwords in messages (trust issue, item 10). A password written in a store URL must
// never reach a message, a log or a dialog: not the GUI's "cannot open the database" line
// and dialog, not the CLI's errors, not libpq's complaints about a malformed URL, which
// quote pieces of it. redactStoreUrl() is the one function everything goes through; it is
// checked on every URL shape, then the real verdict-cli and verdict are run with such URLs
// against a port nothing listens on.
#include "store/store.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class RedactionTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void redact_data();
    void redact();
    void binaries_data();
    void binaries();

private:
    QTemporaryDir m_dir;
};

namespace {

// Every run of `secret` (as written, and percent-decoded) of five characters or more, and
// the whole of it when shorter: a message holding any of them shows part of a password.
QStringList pieces(const QString &secret)
{
    QStringList out;
    QStringList forms{secret};
    const QString decoded = QString::fromUtf8(QByteArray::fromPercentEncoding(secret.toUtf8()));
    if (decoded != secret)
        forms << decoded;
    for (const QString &form : forms) {
        const int window = std::min(5, int(form.size()));
        for (int i = 0; i + window <= form.size(); ++i)
            out << form.mid(i, window);
    }
    out.removeDuplicates();
    return out;
}

QString leaked(const QString &text, const QString &secret)
{
    for (const QString &piece : pieces(secret)) {
        if (text.contains(piece))
            return piece;
    }
    return {};
}

} // namespace

void RedactionTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void RedactionTest::redact_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("connection"); // what a message is about; empty for a URL
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("secret"); // must not survive, in any piece; empty: none
    const QString none;
    auto row = [](const char *name) -> QTestData & { return QTest::newRow(name); };

    row("postgresql user:password") << QStringLiteral("postgresql://alice:Tiger99@db.example/v")
                                    << none << QStringLiteral("postgresql://alice@db.example/v")
                                    << QStringLiteral("Tiger99");
    row("postgres user:password, port, query")
        << QStringLiteral("postgres://alice:Tiger99@db.example:5433/v?sslmode=require") << none
        << QStringLiteral("postgres://alice@db.example:5433/v?sslmode=require")
        << QStringLiteral("Tiger99");
    row("password percent-encoded") << QStringLiteral("postgresql://alice:Tiger%40Lily%2F99@db/v")
                                    << none << QStringLiteral("postgresql://alice@db/v")
                                    << QStringLiteral("Tiger%40Lily%2F99");
    row("password malformed %") << QStringLiteral("postgresql://u:Tiger%Lily99@host/db") << none
                                << QStringLiteral("postgresql://u@host/db")
                                << QStringLiteral("Tiger%Lily99");
    row("password malformed %zz") << QStringLiteral("postgresql://u:Sekr%zzet99@host/db") << none
                                  << QStringLiteral("postgresql://u@host/db")
                                  << QStringLiteral("Sekr%zzet99");
    row("password %00") << QStringLiteral("postgresql://u:Sekr%00et99@host/db") << none
                        << QStringLiteral("postgresql://u@host/db")
                        << QStringLiteral("Sekr%00et99");
    row("password with @ : / ? # and spaces")
        << QStringLiteral("postgresql://u:p@ss:w/rd?x#y z99@127.0.0.1:1/db?connect_timeout=1")
        << none << QStringLiteral("postgresql://u@127.0.0.1:1/db?connect_timeout=1")
        << QStringLiteral("p@ss:w/rd?x#y z99");
    row("password without a user") << QStringLiteral("postgresql://:Sekrit99@host/db") << none
                                    << QStringLiteral("postgresql://host/db")
                                    << QStringLiteral("Sekrit99");
    row("scheme in capitals") << QStringLiteral("POSTGRESQL://u:Sekrit99@host/db") << none
                              << QStringLiteral("POSTGRESQL://u@host/db")
                              << QStringLiteral("Sekrit99");
    row("query password") << QStringLiteral("postgresql://u@h/db?sslmode=require&password="
                                            "Sekrit99&connect_timeout=1")
                          << none
                          << QStringLiteral("postgresql://u@h/db?sslmode=require&"
                                            "connect_timeout=1")
                          << QStringLiteral("Sekrit99");
    row("query password alone") << QStringLiteral("postgres://db/verdict?password=Sekrit99")
                                << none << QStringLiteral("postgres://db/verdict")
                                << QStringLiteral("Sekrit99");
    row("query password first") << QStringLiteral("postgres://db/v?password=Sekrit99&x=1")
                                << none << QStringLiteral("postgres://db/v?x=1")
                                << QStringLiteral("Sekrit99");
    row("query PASSWORD in capitals") << QStringLiteral("postgresql://u@h/db?PASSWORD=Sekrit99")
                                      << none << QStringLiteral("postgresql://u@h/db")
                                      << QStringLiteral("Sekrit99");
    row("query key percent-encoded") << QStringLiteral("postgresql://u@h/db?pass%77ord=Sekrit99")
                                     << none << QStringLiteral("postgresql://u@h/db")
                                     << QStringLiteral("Sekrit99");
    row("key=value") << QStringLiteral("host=127.0.0.1 port=1 password=Sekrit99 dbname=v")
                     << none << QStringLiteral("host=127.0.0.1 port=1 dbname=v")
                     << QStringLiteral("Sekrit99");
    row("key=value password first") << QStringLiteral("password=Sekrit99 host=db") << none
                                    << QStringLiteral("host=db") << QStringLiteral("Sekrit99");
    row("key=value spaces around =") << QStringLiteral("host=db password = Sekrit99 port=1")
                                     << none << QStringLiteral("host=db port=1")
                                     << QStringLiteral("Sekrit99");
    row("key=value quoted, spaces and \\' escapes")
        << QStringLiteral("host=db password='Zq8 w1th sp4c3s \\' 3sc4p3s' dbname=v") << none
        << QStringLiteral("host=db dbname=v") << QStringLiteral("Zq8 w1th sp4c3s \\' 3sc4p3s");
    row("key=value quote never closed") << QStringLiteral("host=db password='Zq8 n3v3r cl0s3d")
                                        << none << QStringLiteral("host=db")
                                        << QStringLiteral("Zq8 n3v3r cl0s3d");
    row("key=value backslash-escaped space") << QStringLiteral("host=db password=Sek\\ rit99 x=1")
                                             << none << QStringLiteral("host=db x=1")
                                             << QStringLiteral("Sek\\ rit99");
    row("key=value PASSWORD in capitals") << QStringLiteral("host=db PASSWORD=Sekrit99") << none
                                          << QStringLiteral("host=db")
                                          << QStringLiteral("Sekrit99");
    row("key=value two passwords") << QStringLiteral("password=Sekrit99 host=db password=Zq8x")
                                   << none << QStringLiteral("host=db")
                                   << QStringLiteral("Sekrit99");
    row("URL query then key=value password")
        << QStringLiteral("postgresql://u@h/db?sslmode=require password=Sekrit99") << none
        << QStringLiteral("postgresql://u@h/db?sslmode=require") << QStringLiteral("Sekrit99");
    // A ':' then an '@' could be a password holding '/' and '?': hidden, whatever it was.
    row("port, then @ in the query: hidden as if a password")
        << QStringLiteral("postgresql://h:5432/db?application_name=a@b") << none
        << QStringLiteral("postgresql://h@b") << QString();
    row("PGPASSWORD=") << QStringLiteral("run with PGPASSWORD=Sekrit99 set") << none
                       << QStringLiteral("run with set") << QStringLiteral("Sekrit99");

    // Unchanged: no password to hide.
    for (const char *url : {"postgresql://alice@db.example/verdict?sslmode=verify-full",
                            "postgres://db.example:5433/verdict", "host=/tmp dbname=x",
                            "/home/ann/.local/share/verdict/verdict/verdict.sqlite",
                            "sqlite:/tmp/v.sqlite", "relative/v.sqlite",
                            "/home/ann/password=x/v.sqlite", "/tmp/u:pw@host/v.sqlite",
                            "/tmp/my reviews/v.sqlite", "C:\\Users\\ann\\v.sqlite"}) {
        const QString text = QString::fromUtf8(url);
        QTest::addRow("unchanged: %s", url) << text << none << text << QString();
    }

    // Messages: a URL quoted by someone, and libpq quoting pieces of the URL it was given.
    row("message quoting a URL")
        << QStringLiteral("could not use \"postgresql://u:Sekrit99@db/v\"") << none
        << QStringLiteral("could not use \"postgresql://u@db/v\"") << QStringLiteral("Sekrit99");
    row("message with a URL, unquoted")
        << QStringLiteral("cannot open the database postgresql://u:Sekrit99@db/v: refused")
        << none << QStringLiteral("cannot open the database postgresql://u@db/v: refused")
        << QStringLiteral("Sekrit99");
    row("message quoting key=value")
        << QStringLiteral("connection \"host=db password=Sekrit99 port=1\" failed") << none
        << QStringLiteral("connection \"host=db port=1\" failed") << QStringLiteral("Sekrit99");
    row("libpq: malformed percent-encoding")
        << QStringLiteral("invalid percent-encoded token: \"Tiger%Lily99\"")
        << QStringLiteral("postgresql://u:Tiger%Lily99@127.0.0.1:1/db")
        << QStringLiteral("invalid percent-encoded token: \"***\"")
        << QStringLiteral("Tiger%Lily99");
    row("libpq: %00") << QStringLiteral("forbidden value %00 in percent-encoded value: "
                                        "\"Sekr%00et99\"")
                      << QStringLiteral("postgresql://u:Sekr%00et99@127.0.0.1:1/db")
                      << QStringLiteral("forbidden value %00 in percent-encoded value: \"***\"")
                      << QStringLiteral("Sekr%00et99");
    row("libpq: host name cut at the password's @")
        << QStringLiteral("could not translate host name \"ss99@127.0.0.1\" to address")
        << QStringLiteral("postgresql://u:p@ss99@127.0.0.1:1/db")
        << QStringLiteral("could not translate host name \"***\" to address")
        << QStringLiteral("p@ss99");
    row("libpq: port cut at the password's /")
        << QStringLiteral("invalid integer value \"pa\" for connection option \"port\"")
        << QStringLiteral("postgresql://u:pa/ss99@127.0.0.1:1/db")
        << QStringLiteral("invalid integer value \"***\" for connection option \"port\"")
        << QStringLiteral("pa/ss99");
    row("libpq: query cut at the password's ?")
        << QStringLiteral("missing key/value separator \"=\" in URI query parameter: "
                          "\"x#y z99@127.0.0.1:1/db&connect_timeout=10\"")
        << QStringLiteral("postgresql://u:p@ss:w/rd?x#y z99@127.0.0.1:1/db")
        << QStringLiteral("missing key/value separator \"=\" in URI query parameter: \"***\"")
        << QStringLiteral("p@ss:w/rd?x#y z99");
    row("libpq: password echoed bare") << QStringLiteral("FATAL: no Sekrit99 here")
                                       << QStringLiteral("host=db password=Sekrit99")
                                       << QStringLiteral("FATAL: no *** here")
                                       << QStringLiteral("Sekrit99");
    row("libpq: decoded password echoed")
        << QStringLiteral("FATAL: no \"Tiger@Lily/99\" here")
        << QStringLiteral("postgresql://u:Tiger%40Lily%2F99@db/v")
        << QStringLiteral("FATAL: no \"***\" here") << QStringLiteral("Tiger%40Lily%2F99");
    row("libpq: unrelated quotes kept")
        << QStringLiteral("password authentication failed for user \"alice\"")
        << QStringLiteral("postgresql://alice:Sekrit99@db/v")
        << QStringLiteral("password authentication failed for user \"alice\"") << QString();
}

void RedactionTest::redact()
{
    QFETCH(QString, text);
    QFETCH(QString, connection);
    QFETCH(QString, expected);
    QFETCH(QString, secret);
    const QString out = verdict::redactStoreUrl(text, connection);
    QCOMPARE(out, expected);
    if (!secret.isEmpty())
        QVERIFY2(leaked(out, secret).isEmpty(), qPrintable(leaked(out, secret)));
    // Redacting again changes nothing: messages built from redacted URLs stay intact.
    QCOMPARE(verdict::redactStoreUrl(out, connection), out);
}

void RedactionTest::binaries_data()
{
    QTest::addColumn<QString>("how"); // cli-db, cli-env, cli-sync, gui-db, gui-env
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("secret");

    // Nothing listens on port 1: every run fails at once, and must say so without the
    // password.
    const QList<std::pair<const char *, std::pair<QString, QString>>> urls = {
        {"url", {QStringLiteral("postgresql://alice:Tiger99Zq@127.0.0.1:1/verdict"
                                "?connect_timeout=1"),
                 QStringLiteral("Tiger99Zq")}},
        {"postgres url", {QStringLiteral("postgres://alice:Tiger99Zq@127.0.0.1:1/verdict"),
                          QStringLiteral("Tiger99Zq")}},
        {"malformed %", {QStringLiteral("postgresql://u:Tiger%Lily99@127.0.0.1:1/verdict"),
                         QStringLiteral("Tiger%Lily99")}},
        {"malformed %zz", {QStringLiteral("postgresql://u:Sekr%zzet99@127.0.0.1:1/verdict"),
                           QStringLiteral("Sekr%zzet99")}},
        {"%00", {QStringLiteral("postgresql://u:Sekr%00et99@127.0.0.1:1/verdict"),
                 QStringLiteral("Sekr%00et99")}},
        {"valid percent-encoding", {QStringLiteral("postgresql://u:Tiger%40Lily%2F99@127.0.0.1:1"
                                                   "/verdict?connect_timeout=1"),
                                    QStringLiteral("Tiger%40Lily%2F99")}},
        {"@ : / ? # space", {QStringLiteral("postgresql://u:p@ss:w/rd?x#y z99@127.0.0.1:1/"
                                            "verdict?connect_timeout=1"),
                             QStringLiteral("p@ss:w/rd?x#y z99")}},
        {"cut at /", {QStringLiteral("postgresql://u:pa/ss99Zq@127.0.0.1:1/verdict"),
                      QStringLiteral("pa/ss99Zq")}},
        {"query", {QStringLiteral("postgresql://u@127.0.0.1:1/verdict?password=Sekrit99Q&"
                                  "connect_timeout=1"),
                   QStringLiteral("Sekrit99Q")}},
        {"key=value", {QStringLiteral("host=127.0.0.1 port=1 dbname=verdict password=Sekrit99KV "
                                      "connect_timeout=1"),
                       QStringLiteral("Sekrit99KV")}},
        {"key=value quoted", {QStringLiteral("host=127.0.0.1 port=1 password='Zq8 w1th sp4c3s "
                                             "\\' 3sc4p3s' connect_timeout=1"),
                              QStringLiteral("Zq8 w1th sp4c3s \\' 3sc4p3s")}},
        {"key=value unterminated", {QStringLiteral("host=127.0.0.1 port=1 password='Zq8 n3v3r"),
                                    QStringLiteral("Zq8 n3v3r")}},
        {"key=value PASSWORD", {QStringLiteral("host=127.0.0.1 port=1 PASSWORD=Sekrit99CAPS"),
                                QStringLiteral("Sekrit99CAPS")}},
    };
    for (const char *how : {"cli-db", "cli-env", "cli-sync", "gui-db", "gui-env"}) {
        for (const auto &[name, url] : urls)
            QTest::addRow("%s %s", how, name) << QString::fromLatin1(how) << url.first
                                              << url.second;
    }
}

void RedactionTest::binaries()
{
    QFETCH(QString, how);
    QFETCH(QString, url);
    QFETCH(QString, secret);
    const bool gui = how.startsWith(QLatin1String("gui"));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *var : {"VERDICT_DB", "VERDICT_SERVER", "PGPASSWORD", "PGSERVICE",
                            "PGCONNECT_TIMEOUT", "PGHOST", "PGPORT"})
        env.remove(QString::fromLatin1(var));
    // Nothing of the user's: no settings, no ~/.pgpass.
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QStringList args;
    const QString png = m_dir.filePath(QStringLiteral("x.png"));
    if (how == QLatin1String("cli-db"))
        args = QStringList{QStringLiteral("queue"), QStringLiteral("--db"), url};
    else if (how == QLatin1String("cli-env"))
        args = QStringList{QStringLiteral("queue")};
    else if (how == QLatin1String("cli-sync"))
        args = QStringList{QStringLiteral("sync"), QStringLiteral("--server"), url,
                           QStringLiteral("--db"),
                           m_dir.filePath(QStringLiteral("laptop.sqlite"))};
    else if (how == QLatin1String("gui-db"))
        args = QStringList{QStringLiteral("--db"), url, QStringLiteral("--screenshot"), png};
    else
        args = QStringList{QStringLiteral("--screenshot"), png};
    if (how.endsWith(QLatin1String("-env")))
        env.insert(QStringLiteral("VERDICT_DB"), url);
    p.setProcessEnvironment(env);
    p.start(gui ? QStringLiteral(VERDICT_GUI_PATH) : QStringLiteral(VERDICT_CLI_PATH), args);
    QVERIFY(p.waitForFinished(60000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const QString err = QString::fromUtf8(p.readAllStandardError());
    const QString all = out + err;
    QVERIFY2(leaked(all, secret).isEmpty(),
             qPrintable(QStringLiteral("'%1' shown: %2").arg(leaked(all, secret), all)));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() == 2, qPrintable(all));
    QCOMPARE(out, QString());
    const QString expected = gui ? QStringLiteral("verdict: cannot open the database ")
                             : how == QLatin1String("cli-sync")
                                 ? QStringLiteral("verdict-cli sync: PostgreSQL: ")
                                 : QStringLiteral("verdict-cli: cannot open database: ");
    QVERIFY2(err.contains(expected), qPrintable(err));
    if (!gui) // the GUI's platform plugin may add its own lines
        QCOMPARE(err.count(QLatin1Char('\n')), 1);
}

QTEST_GUILESS_MAIN(RedactionTest)
#include "redaction_test.moc"
