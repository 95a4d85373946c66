// SPDX-License-Identifier: GPL-3.0-or-later
// Generic risks and mitigations: the bundled samples share theirs word for word (dates
// aside), so each is "same text in 3 proposals"; a proposal's own risk is not generic.
#include "queue/boilerplate.h"
#include "report/reportparser.h"

#include <QDir>
#include <QTest>

using namespace verdict;

class BoilerplateTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalized_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        QTest::newRow("case and spacing") << QStringLiteral("Add  audits\twith Gates")
                                          << QStringLiteral(" add audits with gates ") << true;
        QTest::newRow("dates") << QStringLiteral("degradation by 2028-01-02")
                               << QStringLiteral("degradation by 2028-01-01") << true;
        QTest::newRow("trailing full stop") << QStringLiteral("keep rollback warm.")
                                            << QStringLiteral("keep rollback warm") << true;
        QTest::newRow("other words") << QStringLiteral("drops the users table")
                                     << QStringLiteral("drops the orders table") << false;
        QTest::newRow("number against none") << QStringLiteral("retry 3 times")
                                             << QStringLiteral("retry times") << false;
        QTest::newRow("inner punctuation kept") << QStringLiteral("rm -rf /")
                                                << QStringLiteral("rm rf") << false;
    }

    void normalized()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        QCOMPARE(Boilerplate::normalized(a) == Boilerplate::normalized(b), same);
    }

    void theSamplesShareTheirRisks()
    {
        Boilerplate index;
        std::vector<Proposal> proposals;
        for (const QString &file : ReportParser::collectFiles({QStringLiteral(VERDICT_SAMPLES)})) {
            const ParsedFile parsed = ReportParser::parseFile(file);
            for (const Proposal &p : parsed.proposals) {
                index.addProposal(p.risks + p.mitigations);
                proposals.push_back(p);
            }
        }
        QCOMPARE(index.proposals(), 3);
        int risks = 0;
        for (const Proposal &p : proposals) {
            QVERIFY(!p.risks.isEmpty());
            for (const QString &text : p.risks + p.mitigations) {
                QVERIFY2(index.isGeneric(text), qPrintable(text));
                QCOMPARE(index.label(text), QStringLiteral("same text in 3 proposals"));
                ++risks;
            }
        }
        QCOMPARE(risks, 18); // 3 risks and 3 mitigations each
        QVERIFY(!index.isGeneric(QStringLiteral("Drops the production users table")));
        QCOMPARE(index.label(QStringLiteral("Drops the production users table")), QString());
    }

    void aTextTwiceInOneProposalCountsOnce()
    {
        Boilerplate index;
        index.addProposal({QStringLiteral("same"), QStringLiteral("Same."),
                           QStringLiteral("same")});
        index.addProposal({QStringLiteral("same")});
        QCOMPARE(index.proposalsWith(QStringLiteral("same")), 2);
        QVERIFY(!index.isGeneric(QStringLiteral("same")));
        index.addProposal({QStringLiteral("SAME")});
        QVERIFY(index.isGeneric(QStringLiteral("same")));
    }

    void labelsGroupThousands()
    {
        Boilerplate index;
        for (int i = 0; i < 2341; ++i)
            index.addProposal({QStringLiteral("Add scheduled adversarial audits")});
        QCOMPARE(index.label(QStringLiteral("add scheduled adversarial audits")),
                 QStringLiteral("same text in 2,341 proposals"));
    }

    void pruneKeepsOnlyTheShared()
    {
        Boilerplate index;
        for (int i = 0; i < 3; ++i)
            index.addProposal({QStringLiteral("shared"), QStringLiteral("own %1").arg(QChar(u'a' + i))});
        index.prune();
        QCOMPARE(index.proposalsWith(QStringLiteral("shared")), 3);
        QCOMPARE(index.proposalsWith(QStringLiteral("own a")), 0);
    }
};

QTEST_GUILESS_MAIN(BoilerplateTest)
#include "boilerplate_test.moc"
