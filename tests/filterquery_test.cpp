// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/filterquery.h"

#include "queuefixtures.h"

#include <QTest>

using namespace verdict;

class FilterQueryTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matches_data();
    void matches();
    void rulesAndSharedTargets_data();
    void rulesAndSharedTargets();
    void malformed_data();
    void malformed();
    void parsesTerms();
    void reviewersIgnoreRetracted();
};

void FilterQueryTest::matches_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expected"); // short ids, in fixture order

    const QString all = QStringLiteral("51f8aa7f 331e3e0e dc131605 stripe01 conflict7");
    QTest::newRow("empty matches all") << QString() << all;
    QTest::newRow("blank matches all") << QStringLiteral("   ") << all;
    QTest::newRow("status pending") << QStringLiteral("status:pending")
                                    << QStringLiteral("51f8aa7f dc131605");
    QTest::newRow("status is case-insensitive") << QStringLiteral("Status:CONFLICT")
                                                << QStringLiteral("conflict7");
    QTest::newRow("severity >= 7") << QStringLiteral("severity>=7")
                                   << QStringLiteral("331e3e0e stripe01 conflict7");
    QTest::newRow("severity > 7") << QStringLiteral("severity>7")
                                  << QStringLiteral("331e3e0e stripe01");
    QTest::newRow("severity <= 7") << QStringLiteral("severity<=7")
                                   << QStringLiteral("51f8aa7f conflict7");
    QTest::newRow("severity < 7") << QStringLiteral("severity<7") << QStringLiteral("51f8aa7f");
    QTest::newRow("severity = 8") << QStringLiteral("severity=8") << QStringLiteral("stripe01");
    QTest::newRow("severity : 10") << QStringLiteral("severity:10") << QStringLiteral("331e3e0e");
    QTest::newRow("block true") << QStringLiteral("block:true")
                                << QStringLiteral("331e3e0e stripe01");
    QTest::newRow("block yes is true") << QStringLiteral("block:yes")
                                       << QStringLiteral("331e3e0e stripe01");
    QTest::newRow("block false") << QStringLiteral("block:false")
                                 << QStringLiteral("51f8aa7f conflict7");
    QTest::newRow("block unknown") << QStringLiteral("block:unknown")
                                   << QStringLiteral("dc131605");
    QTest::newRow("lang is the content language") << QStringLiteral("lang:sql")
                                                  << QStringLiteral("51f8aa7f");
    QTest::newRow("lang python (declared .sql)") << QStringLiteral("lang:python")
                                                 << QStringLiteral("331e3e0e");
    QTest::newRow("lang of a second artifact") << QStringLiteral("lang:markdown")
                                               << QStringLiteral("stripe01");
    QTest::newRow("kind") << QStringLiteral("kind:self_improvement")
                          << QStringLiteral("dc131605");
    QTest::newRow("kind part") << QStringLiteral("kind:self") << QStringLiteral("dc131605");
    QTest::newRow("target") << QStringLiteral("target:generated_1.sql")
                            << QStringLiteral("51f8aa7f 331e3e0e");
    QTest::newRow("target part") << QStringLiteral("target:webhook")
                                 << QStringLiteral("stripe01");
    QTest::newRow("has error") << QStringLiteral("has:error")
                               << QStringLiteral("331e3e0e conflict7");
    QTest::newRow("has errors plural") << QStringLiteral("has:errors")
                                       << QStringLiteral("331e3e0e conflict7");
    QTest::newRow("has warning") << QStringLiteral("has:warning")
                                 << QStringLiteral("51f8aa7f conflict7");
    QTest::newRow("has info") << QStringLiteral("has:info")
                              << QStringLiteral("331e3e0e stripe01");
    QTest::newRow("has diagnostics (not computed: no)")
        << QStringLiteral("has:diagnostics")
        << QStringLiteral("51f8aa7f 331e3e0e stripe01 conflict7");
    QTest::newRow("has problems") << QStringLiteral("has:problems")
                                  << QStringLiteral("dc131605 conflict7");
    QTest::newRow("id") << QStringLiteral("id:331e") << QStringLiteral("331e3e0e");
    QTest::newRow("text quoted") << QStringLiteral("text:\"stripe webhook\"")
                                 << QStringLiteral("stripe01");
    QTest::newRow("free word in opportunity") << QStringLiteral("lifeos")
                                              << QStringLiteral("331e3e0e");
    QTest::newRow("free word in source file") << QStringLiteral("inbox")
                                              << QStringLiteral("stripe01 conflict7");
    QTest::newRow("free quoted phrase") << QStringLiteral("\"scenario gen\"")
                                        << QStringLiteral("51f8aa7f");
    QTest::newRow("free word in a target") << QStringLiteral("deploy.sh")
                                           << QStringLiteral("conflict7");
    QTest::newRow("reviewer") << QStringLiteral("reviewer:alice")
                              << QStringLiteral("331e3e0e conflict7");
    QTest::newRow("reviewer me") << QStringLiteral("reviewer:me")
                                 << QStringLiteral("stripe01 conflict7");
    QTest::newRow("negated status") << QStringLiteral("-status:pending")
                                    << QStringLiteral("331e3e0e stripe01 conflict7");
    QTest::newRow("negated word") << QStringLiteral("-generated")
                                  << QStringLiteral("dc131605 stripe01 conflict7");
    QTest::newRow("negated severity keeps unknown") << QStringLiteral("-severity>=7")
                                                    << QStringLiteral("51f8aa7f dc131605");
    QTest::newRow("terms are ANDed")
        << QStringLiteral("severity>=7 status:conflict lang:bash has:error target:deploy")
        << QStringLiteral("conflict7");
    QTest::newRow("issue example") << QStringLiteral(
        "severity>=7 status:pending lang:sql has:error target:generated_1.sql block:true "
        "text:\"stripe\"") << QString();
    QTest::newRow("nothing matches") << QStringLiteral("zebra") << QString();
    QTest::newRow("dash inside a word is not negation") << QStringLiteral("id:7563-46d2")
                                                        << QStringLiteral("51f8aa7f");
}

void FilterQueryTest::matches()
{
    QFETCH(QString, query);
    QFETCH(QString, expected);
    int position = 0;
    const auto parsed = FilterQuery::parse(query, &position);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    QCOMPARE(position, -1);
    const auto reviewers = FilterQuery::reviewersByProposal(testing::fixtureDecisions());
    FilterContext context;
    context.me = QStringLiteral("bob");
    context.reviewers = &reviewers;
    QStringList got;
    for (const QueueEntry &e : testing::fixtureEntries()) {
        if (parsed->matches(e, context))
            got << testing::shortId(e.id);
    }
    QCOMPARE(got.join(QLatin1Char(' ')), expected);
}

void FilterQueryTest::rulesAndSharedTargets_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("rules");
    QTest::addColumn<bool>("shared");
    QTest::addColumn<bool>("expected");
    const QStringList rules{QStringLiteral("syntax-error"), QStringLiteral("shellcheck/SC2086")};
    QTest::newRow("rule present") << "rule:syntax-error" << rules << false << true;
    QTest::newRow("rule absent") << "rule:secret" << rules << false << false;
    QTest::newRow("rule family") << "rule:shellcheck" << rules << false << true;
    QTest::newRow("rule case") << "rule:SHELLCHECK/sc2086" << rules << false << true;
    QTest::newRow("no prefix match inside a name") << "rule:syntax" << rules << false << false;
    QTest::newRow("not diagnosed yet") << "rule:syntax-error" << QStringList() << false << false;
    QTest::newRow("negated rule") << "-rule:secret" << rules << false << true;
    QTest::newRow("shared target") << "has:shared-target" << rules << true << true;
    QTest::newRow("not shared") << "has:shared-target" << rules << false << false;
}

void FilterQueryTest::rulesAndSharedTargets()
{
    QFETCH(QString, query);
    QFETCH(QStringList, rules);
    QFETCH(bool, shared);
    QFETCH(bool, expected);
    const auto parsed = FilterQuery::parse(query);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    FilterContext context;
    context.sharedTarget = shared;
    context.rules = rules.isEmpty() ? nullptr : &rules;
    QCOMPARE(parsed->matches(testing::fixtureEntries().front(), context), expected);
}

void FilterQueryTest::malformed_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown key") << QStringLiteral("status:pending colour:red") << 15
                                 << QStringLiteral("column 16: unknown key 'colour'");
    QTest::newRow("unknown status") << QStringLiteral("status:done") << 7
                                    << QStringLiteral("column 8: status cannot be 'done' (one "
                                                      "of: pending, approved, rejected, "
                                                      "changes, conflict)");
    QTest::newRow("severity not a number") << QStringLiteral("severity>=high") << 10
                                           << QStringLiteral("column 11: severity needs a "
                                                             "whole number, not 'high'");
    QTest::newRow("comparison on a text key") << QStringLiteral("kind>=idea") << 4
                                              << QStringLiteral("column 5: '>=' compares "
                                                                "numbers");
    QTest::newRow("missing value") << QStringLiteral("lang: sql") << 5
                                   << QStringLiteral("column 6: 'lang:' needs a value");
    QTest::newRow("missing value at end") << QStringLiteral("has:") << 4
                                          << QStringLiteral("column 5: 'has:' needs a value");
    QTest::newRow("unclosed quote") << QStringLiteral("text:\"stripe") << 5
                                    << QStringLiteral("column 6: the quote is not closed");
    QTest::newRow("unknown language") << QStringLiteral("lang:cobol") << 5
                                      << QStringLiteral("column 6: lang cannot be 'cobol'");
    QTest::newRow("unknown has") << QStringLiteral("has:bugs") << 4
                                 << QStringLiteral("column 5: has cannot be 'bugs'");
    QTest::newRow("bad block") << QStringLiteral("block:maybe") << 6
                               << QStringLiteral("column 7: block cannot be 'maybe'");
    QTest::newRow("text after quote") << QStringLiteral("\"a\"b") << 3
                                      << QStringLiteral("column 4: expected a space after the "
                                                        "closing quote");
    QTest::newRow("empty quotes") << QStringLiteral("x \"\"") << 2
                                  << QStringLiteral("column 3: empty quotes");
    QTest::newRow("negated unknown key") << QStringLiteral("-foo:bar") << 1
                                         << QStringLiteral("column 2: unknown key 'foo'");
}

void FilterQueryTest::malformed()
{
    QFETCH(QString, query);
    QFETCH(int, position);
    QFETCH(QString, message);
    int got = -2;
    const auto parsed = FilterQuery::parse(query, &got);
    QVERIFY(!parsed.ok());
    QCOMPARE(got, position);
    QVERIFY2(parsed.errorMessage().startsWith(message), qPrintable(parsed.errorMessage()));
}

void FilterQueryTest::parsesTerms()
{
    const auto q = FilterQuery::parse(QStringLiteral(" -severity>=7  Stripe text:\"A b\""));
    QVERIFY(q.ok());
    QCOMPARE(int(q->terms().size()), 3);
    const FilterQuery::Term &t = q->terms().at(0);
    QCOMPARE(t.key, QStringLiteral("severity"));
    QCOMPARE(t.op, FilterQuery::Op::GreaterEqual);
    QCOMPARE(t.number, 7);
    QVERIFY(t.negated);
    QCOMPARE(t.position, 1);
    QCOMPARE(q->terms().at(1).key, QStringLiteral("text"));
    QCOMPARE(q->terms().at(1).value, QStringLiteral("stripe"));
    QCOMPARE(q->terms().at(1).position, 15);
    QCOMPARE(q->terms().at(2).value, QStringLiteral("a b"));
    QVERIFY(q->usesKey(QStringLiteral("severity")));
    QVERIFY(!q->usesKey(QStringLiteral("reviewer")));
    for (const QString &c : FilterQuery::completions()) {
        if (c.endsWith(QLatin1Char(':')) || c.endsWith(QLatin1Char('=')) || c.endsWith(QLatin1Char('"')))
            continue; // a key waiting for its value
        QVERIFY2(FilterQuery::parse(c).ok(), qPrintable(c));
    }
}

void FilterQueryTest::reviewersIgnoreRetracted()
{
    const auto reviewers = FilterQuery::reviewersByProposal(testing::fixtureDecisions());
    QCOMPARE(reviewers.value(QStringLiteral("fsar_conflict7")),
             (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
    // alice approved 51f8aa7f, then retracted: she no longer counts as having decided it.
    QVERIFY(!reviewers.contains(QStringLiteral("fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9")));
}

QTEST_GUILESS_MAIN(FilterQueryTest)
#include "filterquery_test.moc"
