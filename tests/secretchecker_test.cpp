// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/secretchecker.h"

#include <QTest>

using namespace verdict;

class SecretCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data() { checkerfixtures::addRows(QStringLiteral("secret")); }
    void fixtures();
    void eachPatternBehindItsPrefilter_data();
    void eachPatternBehindItsPrefilter();
};

// Exact rule, line and column for every fixture; clean fixtures produce nothing.
void SecretCheckerTest::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    SecretChecker checker;
    QCOMPARE(checkerfixtures::run(checker, path), expected);
}

// Each pattern runs only when the text holds a literal it needs: one row per pattern and
// per literal, written in a case the pattern accepts (the assignment pattern ignores case,
// with Unicode folding: LONG S for 's', KELVIN SIGN for 'k'), so a pre-filter that skips a
// real finding fails here. The expected findings are what the checker reported before it
// had pre-filters.
void SecretCheckerTest::eachPatternBehindItsPrefilter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("what"); // in every message
    const QString aws = QStringLiteral("AWS access key");
    const QString key = QStringLiteral("private key");
    const QString token = QStringLiteral("access token");
    const QString url = QStringLiteral("connection string");
    const QString cred = QStringLiteral("credential in");
    QTest::newRow("AKIA") << QStringLiteral("x = 1\nid: AKIAQ3EGTWZ7JHXK4NPD\n")
                          << QStringLiteral("secret@2:5") << aws;
    QTest::newRow("ASIA") << QStringLiteral("ASIAQ3EGTWZ7JHXK4NPD") << QStringLiteral("secret@1:1")
                          << aws;
    QTest::newRow("private key")
        << QStringLiteral("k = \"\"\"\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n\"\"\"")
        << QStringLiteral("secret@2:1") << key;
    QTest::newRow("ghp_") << QStringLiteral("t = ghp_0123456789abcdefghijABCDEFGHIJ0123456789")
                          << QStringLiteral("secret@1:5") << token;
    QTest::newRow("gho_") << QStringLiteral("gho_0123456789abcdefghijABCDEFGHIJ012345")
                          << QStringLiteral("secret@1:1") << token;
    QTest::newRow("ghu_") << QStringLiteral("ghu_0123456789abcdefghijABCDEFGHIJ012345")
                          << QStringLiteral("secret@1:1") << token;
    QTest::newRow("ghs_") << QStringLiteral("ghs_0123456789abcdefghijABCDEFGHIJ012345")
                          << QStringLiteral("secret@1:1") << token;
    QTest::newRow("ghr_") << QStringLiteral("ghr_0123456789abcdefghijABCDEFGHIJ012345")
                          << QStringLiteral("secret@1:1") << token;
    QTest::newRow("github_pat_")
        << QStringLiteral("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCD")
        << QStringLiteral("secret@1:1") << token;
    QTest::newRow("xoxb-") << QStringLiteral("slack: xoxb-1234567890-abcdefghij")
                           << QStringLiteral("secret@1:8") << token;
    QTest::newRow("sk_live_") << QStringLiteral("sk_live_0123456789abcdefABCDEF")
                              << QStringLiteral("secret@1:1") << token;
    QTest::newRow("AIza") << QStringLiteral("AIzaSyA-0123456789abcdefghijklmnopqrstu")
                          << QStringLiteral("secret@1:1") << token;
    QTest::newRow("glpat-") << QStringLiteral("glpat-0123456789abcdefABCD")
                            << QStringLiteral("secret@1:1") << token;
    QTest::newRow("url password")
        << QStringLiteral("\nDSN = postgresql://app:Zq8vLp2wXy@db.internal:5432/prod")
        << QStringLiteral("secret@2:7") << url;
    QTest::newRow("PASSWORD, upper case")
        << QStringLiteral("DB_PASSWORD = \"Zq8vLp2wXy\"") << QStringLiteral("secret@1:1") << cred;
    QTest::newRow("Passwd, mixed case")
        << QStringLiteral("  Passwd: 'Zq8vLp2wXy'") << QStringLiteral("secret@1:3") << cred;
    QTest::newRow("PWD") << QStringLiteral("PWD => 'Zq8vLp2wXy'") << QStringLiteral("secret@1:1")
                         << cred;
    QTest::newRow("Secret") << QStringLiteral("clientSecret := `Zq8vLp2wXy`")
                            << QStringLiteral("secret@1:1") << cred;
    QTest::newRow("TOKEN") << QStringLiteral("AUTH_TOKEN='Zq8vLp2wXy'")
                           << QStringLiteral("secret@1:1") << cred;
    QTest::newRow("Api-Key") << QStringLiteral("{\"Api-Key\": \"Zq8vLp2wXy\"}")
                             << QStringLiteral("secret@1:3") << cred;
    QTest::newRow("ACCESSKEY") << QStringLiteral("ACCESSKEY = 'Zq8vLp2wXy'")
                               << QStringLiteral("secret@1:1") << cred;
    QTest::newRow("private_key") << QStringLiteral("private_key = r'Zq8vLp2wXy'")
                                 << QStringLiteral("secret@1:1") << cred;
    QTest::newRow("Credentials") << QStringLiteral("Credentials = 'Zq8vLp2wXy'")
                                 << QStringLiteral("secret@1:1") << cred;
    QTest::newRow("long s in secret")
        << QStringLiteral("client_\u017Fecret = 'Zq8vLp2wXy'") << QStringLiteral("secret@1:1")
        << cred;
    QTest::newRow("Kelvin sign in api key")
        << QStringLiteral("api_\u212Aey = 'Zq8vLp2wXy'") << QStringLiteral("secret@1:1") << cred;
    QTest::newRow("none of the literals")
        << QStringLiteral("user = 'Zq8vLp2wXy'\nhttp://example.org/a@b\nAKIA-short")
        << QStringLiteral("clean") << QString();
}

void SecretCheckerTest::eachPatternBehindItsPrefilter()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(QString, what);
    SecretChecker checker;
    const Artifact a = checkerfixtures::artifactFromText(QStringLiteral("snippet.txt"), text);
    QVERIFY(checker.appliesTo(a));
    const std::vector<Diagnostic> found = checker.check(a, checkerfixtures::proposalFor(a));
    QCOMPARE(checkerfixtures::describe(found), expected);
    for (const Diagnostic &d : found)
        QVERIFY2(d.message.contains(what), qPrintable(d.message));
}

QTEST_GUILESS_MAIN(SecretCheckerTest)
#include "secretchecker_test.moc"
