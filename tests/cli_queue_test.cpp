// SPDX-License-Identifier: GPL-3.0-or-later
// `verdict-cli queue --filter EXPR` through the real binary: the filter language of
// FilterQuery over the bundled samples, and a malformed filter as a usage error.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class CliQueueTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void filter_data();
    void filter();
    void malformed_data();
    void malformed();

private:
    struct Run
    {
        int exit = -1;
        QString out;
        QString err;
    };
    Run cli(const QStringList &args, const QString &reviewer = {});

    QTemporaryDir m_dir;
    QString m_db;
};

namespace {
const QString kSample000 = QStringLiteral("fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9");
const QString kSample003 = QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130");
const QString kSample004 = QStringLiteral("fsar_dc131605-cb34-4849-9754-d5107e117972");
} // namespace

CliQueueTest::Run CliQueueTest::cli(const QStringList &args, const QString &reviewer)
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(QStringLiteral("VERDICT_DB"));
    e.insert(QStringLiteral("VERDICT_REVIEWER"), reviewer);
    p.setProcessEnvironment(e);
    p.start(QStringLiteral(VERDICT_CLI_PATH), QStringList{args.first()}
                                                  << QStringLiteral("--db") << m_db
                                                  << args.mid(1));
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

void CliQueueTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(QStringLiteral("verdict.sqlite"));
    QCOMPARE(cli({QStringLiteral("import"), QStringLiteral(VERDICT_SAMPLES)}).exit, 0);
    QCOMPARE(cli({QStringLiteral("decide"), QStringLiteral("--reviewer"), QStringLiteral("bob"),
                  QStringLiteral("--reason"), QStringLiteral("drops data"), kSample003,
                  QStringLiteral("reject")})
                 .exit,
             0);
}

void CliQueueTest::filter_data()
{
    QTest::addColumn<QString>("expr");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("empty") << QString() << QStringList{kSample000, kSample003, kSample004};
    QTest::newRow("pending") << QStringLiteral("status:pending")
                             << QStringList{kSample000, kSample004};
    QTest::newRow("rejected") << QStringLiteral("status:rejected") << QStringList{kSample003};
    QTest::newRow("content language") << QStringLiteral("lang:python")
                                      << QStringList{kSample003};
    QTest::newRow("target and kind") << QStringLiteral("target:generated_1.sql -lang:python")
                                     << QStringList{kSample000};
    QTest::newRow("free word") << QStringLiteral("make.com") << QStringList{kSample000};
    QTest::newRow("quoted text") << QStringLiteral("text:\"overlay game\"")
                                 << QStringList{kSample003};
    QTest::newRow("severity") << QStringLiteral("severity>=7") << QStringList{};
    QTest::newRow("reviewer") << QStringLiteral("reviewer:bob") << QStringList{kSample003};
    QTest::newRow("reviewer me") << QStringLiteral("reviewer:me") << QStringList{kSample003};
    QTest::newRow("self improvement") << QStringLiteral("kind:self_improvement")
                                      << QStringList{kSample004};
    // Free words search the whole text through the store: body, artifacts, risks.
    QTest::newRow("word only in a body") << QStringLiteral("STRIPE") << QStringList{kSample004};
    QTest::newRow("word in an artifact") << QStringLiteral("sequelize")
                                         << QStringList{kSample000};
    QTest::newRow("phrase in a risk") << QStringLiteral("\"accumulating by 2028-01-02\"")
                                      << QStringList{kSample000};
    QTest::newRow("phrase in every mitigation list")
        << QStringLiteral("text:\"adversarial audits\"")
        << QStringList{kSample000, kSample003, kSample004};
    QTest::newRow("body word negated") << QStringLiteral("-stripe")
                                       << QStringList{kSample000, kSample003};
    QTest::newRow("body word and a key") << QStringLiteral("stripe status:rejected")
                                         << QStringList{};
    QTest::newRow("word nowhere") << QStringLiteral("zebra") << QStringList{};
}

void CliQueueTest::filter()
{
    QFETCH(QString, expr);
    QFETCH(QStringList, ids);
    const Run r = cli({QStringLiteral("queue"), QStringLiteral("--json"),
                       QStringLiteral("--filter"), expr},
                      QStringLiteral("bob"));
    QCOMPARE(r.err, QString());
    QCOMPARE(r.exit, 0);
    QStringList got;
    const QJsonArray proposals =
        QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("proposals")).toArray();
    for (const QJsonValue &v : proposals)
        got << v.toObject().value(QStringLiteral("id")).toString();
    QCOMPARE(got, ids);
}

void CliQueueTest::malformed_data()
{
    QTest::addColumn<QString>("expr");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown key") << QStringLiteral("status:pending colour:red")
                                 << QStringLiteral("verdict-cli queue: malformed --filter: "
                                                   "column 16: unknown key 'colour'");
    QTest::newRow("bad severity") << QStringLiteral("severity>=x")
                                  << QStringLiteral("verdict-cli queue: malformed --filter: "
                                                    "column 11: severity needs a whole number");
    QTest::newRow("open quote") << QStringLiteral("text:\"abc")
                                << QStringLiteral("verdict-cli queue: malformed --filter: "
                                                  "column 6: the quote is not closed");
}

void CliQueueTest::malformed()
{
    QFETCH(QString, expr);
    QFETCH(QString, message);
    const Run r = cli({QStringLiteral("queue"), QStringLiteral("--filter"), expr});
    QCOMPARE(r.exit, 2);
    QCOMPARE(r.out, QString());
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QVERIFY2(r.err.startsWith(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(CliQueueTest)
#include "cli_queue_test.moc"
