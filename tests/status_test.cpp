// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/status.h"

#include <QTest>

using namespace verdict;

Q_DECLARE_METATYPE(verdict::Status)

class StatusTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void derive_data();
    void derive();
};

namespace {
// "alice:approve,bob:reject,!lead:approve" ('!' marks a resolution)
std::vector<Decision> decisionsFrom(const QString &spec)
{
    std::vector<Decision> out;
    const QStringList items = spec.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString item : items) {
        Decision d;
        if (item.startsWith(QLatin1Char('!'))) {
            d.resolution = true;
            item.remove(0, 1);
        }
        const QStringList parts = item.split(QLatin1Char(':'));
        // "name@login": a decision pushed to the team server by that login.
        const QStringList who = parts.at(0).split(QLatin1Char('@'));
        d.reviewer = who.at(0);
        d.pushedBy = who.value(1);
        d.verdict = *verdictFromId(parts.at(1));
        out.push_back(d);
    }
    return out;
}
} // namespace

void StatusTest::derive_data()
{
    QTest::addColumn<QString>("decisions");
    QTest::addColumn<int>("quorum");
    QTest::addColumn<Status>("expected");

    QTest::newRow("none") << QString() << 1 << Status::Pending;
    QTest::newRow("one approve") << QStringLiteral("a:approve") << 1 << Status::Approved;
    QTest::newRow("one reject") << QStringLiteral("a:reject") << 1 << Status::Rejected;
    QTest::newRow("changes") << QStringLiteral("a:changes") << 1 << Status::Changes;
    QTest::newRow("own later decision supersedes")
        << QStringLiteral("a:reject,a:approve") << 1 << Status::Approved;
    QTest::newRow("retract returns to pending")
        << QStringLiteral("a:approve,a:retract") << 1 << Status::Pending;
    QTest::newRow("two reviewers disagree")
        << QStringLiteral("a:approve,b:reject") << 1 << Status::Conflict;
    QTest::newRow("disagreement settled by own change")
        << QStringLiteral("a:approve,b:reject,b:approve") << 1 << Status::Approved;
    QTest::newRow("quorum not met") << QStringLiteral("a:approve") << 2 << Status::Pending;
    QTest::newRow("quorum by same reviewer twice is not met")
        << QStringLiteral("a:approve,a:approve") << 2 << Status::Pending;
    QTest::newRow("quorum met by distinct reviewers")
        << QStringLiteral("a:approve,b:approve") << 2 << Status::Approved;
    // On the team server quorum counts logins, not the names a client claims.
    QTest::newRow("one login under two names is not a quorum")
        << QStringLiteral("r1@alice:approve,r2@alice:approve") << 2 << Status::Pending;
    QTest::newRow("two logins are a quorum")
        << QStringLiteral("r1@alice:approve,r1@bob:approve") << 2 << Status::Approved;
    QTest::newRow("one login under two names does not disagree with itself")
        << QStringLiteral("r1@alice:approve,r2@alice:reject") << 1 << Status::Rejected;
    QTest::newRow("one login retracts under another name")
        << QStringLiteral("r1@alice:approve,r2@alice:retract") << 1 << Status::Pending;
    QTest::newRow("lead resolves conflict")
        << QStringLiteral("a:approve,b:reject,!lead:reject") << 1 << Status::Rejected;
    QTest::newRow("lead resolution approves under quorum")
        << QStringLiteral("a:approve,b:reject,!lead:approve") << 3 << Status::Approved;
    QTest::newRow("retracted resolution brings the conflict back")
        << QStringLiteral("a:approve,b:reject,!lead:approve,lead:retract") << 1
        << Status::Conflict;
    QTest::newRow("new disagreement after resolution")
        << QStringLiteral("a:approve,b:reject,!lead:approve,c:reject") << 1
        << Status::Conflict;
}

void StatusTest::derive()
{
    QFETCH(QString, decisions);
    QFETCH(int, quorum);
    QFETCH(Status, expected);
    QCOMPARE(deriveStatus(decisionsFrom(decisions), quorum), expected);
}

QTEST_GUILESS_MAIN(StatusTest)
#include "status_test.moc"
