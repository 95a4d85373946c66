// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/queuefilterproxy.h"
#include "queue/queuemodel.h"

#include "queuefixtures.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace verdict;

class QueueFilterProxyTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tester();
    void filters_data();
    void filters();
    void sorts_data();
    void sorts();
    void statusChangeRefilters();

private:
    static QStringList shownIds(const QueueFilterProxy &proxy);
};

QStringList QueueFilterProxyTest::shownIds(const QueueFilterProxy &proxy)
{
    QStringList out;
    for (int r = 0; r < proxy.rowCount(); ++r)
        out << testing::shortId(proxy.index(r, 0).data(QueueModel::IdRole).toString());
    return out;
}

void QueueFilterProxyTest::tester()
{
    QueueModel model;
    QueueFilterProxy proxy;
    proxy.setQueueModel(&model);
    const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
    QAbstractItemModelTester tester(&proxy, mode);
    model.setEntries(testing::fixtureEntries());
    proxy.setQuery(FilterQuery::parse(QStringLiteral("status:pending")).value());
    proxy.sort(QueueModel::SeverityColumn, Qt::DescendingOrder);
    model.setStatus(QStringLiteral("fsar_dc131605-cb34-4849-9754-d5107e117972"),
                    Status::Approved);
    proxy.setQuery(FilterQuery());
    QCOMPARE(proxy.rowCount(), 5);
}

void QueueFilterProxyTest::filters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expected");
    QTest::newRow("all") << QString()
                         << QStringLiteral("51f8aa7f 331e3e0e dc131605 stripe01 conflict7");
    QTest::newRow("blocking") << QStringLiteral("block:true")
                              << QStringLiteral("331e3e0e stripe01");
    QTest::newRow("decided by me") << QStringLiteral("reviewer:me")
                                   << QStringLiteral("331e3e0e conflict7");
    QTest::newRow("none") << QStringLiteral("status:changes") << QString();
}

void QueueFilterProxyTest::filters()
{
    QFETCH(QString, query);
    QFETCH(QString, expected);
    QueueModel model;
    model.setEntries(testing::fixtureEntries());
    model.setReviewers(FilterQuery::reviewersByProposal(testing::fixtureDecisions()));
    QueueFilterProxy proxy;
    proxy.setQueueModel(&model);
    proxy.setMe(QStringLiteral("alice"));
    proxy.setQuery(FilterQuery::parse(query).value());
    QCOMPARE(shownIds(proxy).join(QLatin1Char(' ')), expected);
}

void QueueFilterProxyTest::sorts_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    QTest::addColumn<QString>("expected");
    QTest::newRow("severity ascending, unknown first")
        << int(QueueModel::SeverityColumn) << int(Qt::AscendingOrder)
        << QStringLiteral("dc131605 51f8aa7f conflict7 stripe01 331e3e0e");
    QTest::newRow("severity descending")
        << int(QueueModel::SeverityColumn) << int(Qt::DescendingOrder)
        << QStringLiteral("331e3e0e stripe01 conflict7 51f8aa7f dc131605");
    QTest::newRow("status") << int(QueueModel::StatusColumn) << int(Qt::AscendingOrder)
                            << QStringLiteral("51f8aa7f dc131605 stripe01 331e3e0e conflict7");
    QTest::newRow("opportunity, case-insensitive")
        << int(QueueModel::OpportunityColumn) << int(Qt::AscendingOrder)
        << QStringLiteral("dc131605 conflict7 331e3e0e 51f8aa7f stripe01");
    QTest::newRow("diagnostics: errors dominate")
        << int(QueueModel::DiagnosticsColumn) << int(Qt::AscendingOrder)
        << QStringLiteral("dc131605 stripe01 51f8aa7f conflict7 331e3e0e");
    QTest::newRow("targets") << int(QueueModel::TargetsColumn) << int(Qt::AscendingOrder)
                             << QStringLiteral("dc131605 conflict7 51f8aa7f 331e3e0e stripe01");
}

void QueueFilterProxyTest::sorts()
{
    QFETCH(int, column);
    QFETCH(int, order);
    QFETCH(QString, expected);
    QueueModel model;
    model.setEntries(testing::fixtureEntries());
    QueueFilterProxy proxy;
    proxy.setQueueModel(&model);
    proxy.sort(column, Qt::SortOrder(order));
    QCOMPARE(shownIds(proxy).join(QLatin1Char(' ')), expected);
}

void QueueFilterProxyTest::statusChangeRefilters()
{
    QueueModel model;
    model.setEntries(testing::fixtureEntries());
    QueueFilterProxy proxy;
    proxy.setQueueModel(&model);
    proxy.setQuery(FilterQuery::parse(QStringLiteral("status:pending")).value());
    QCOMPARE(proxy.rowCount(), 2);
    model.setStatus(QStringLiteral("fsar_dc131605-cb34-4849-9754-d5107e117972"),
                    Status::Approved);
    QCOMPARE(shownIds(proxy), QStringList{QStringLiteral("51f8aa7f")});
}

QTEST_GUILESS_MAIN(QueueFilterProxyTest)
#include "queuefilterproxy_test.moc"
