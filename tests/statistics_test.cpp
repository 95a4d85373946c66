// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/statistics.h"

#include <QTest>

using namespace verdict;

using Entries = std::vector<QueueEntry>;
using Decisions = std::vector<Decision>;
using Diagnostics = std::vector<Diagnostic>;
Q_DECLARE_METATYPE(Entries)
Q_DECLARE_METATYPE(Decisions)
Q_DECLARE_METATYPE(Diagnostics)

namespace {

const QDateTime t0(QDate(2026, 1, 2), QTime(9, 30), Qt::UTC);

QDateTime at(int minutes)
{
    return t0.addSecs(qint64(minutes) * 60);
}

QueueEntry entry(const QString &id, int minute, int revision = 1)
{
    QueueEntry e;
    e.id = id;
    e.revision = revision;
    e.importedAt = at(minute);
    return e;
}

// "A approve r1 5" = proposal A, verdict, reviewer, minute; uuid = "<id>-<n>" in order given.
Decisions decisions(const QStringList &specs, const QStringList &supersedes = {})
{
    Decisions out;
    for (int i = 0; i < specs.size(); ++i) {
        const QStringList p = specs[i].split(QLatin1Char(' '));
        Decision d;
        QString id = p[0];
        d.revision = 1;
        if (id.contains(QLatin1Char('#'))) {
            d.revision = id.section(QLatin1Char('#'), 1).toInt();
            id = id.section(QLatin1Char('#'), 0, 0);
        }
        d.proposalId = id;
        d.verdict = *verdictFromId(p[1]);
        d.reviewer = p[2];
        d.decidedAt = at(p[3].toInt());
        d.uuid = QStringLiteral("u%1").arg(i);
        if (i < supersedes.size())
            d.supersedes = supersedes[i];
        out.push_back(d);
    }
    return out;
}

// "minute:total/pending", readable when a comparison fails.
QStringList describe(const std::vector<QueuePoint> &points)
{
    QStringList out;
    for (const QueuePoint &p : points)
        out << QStringLiteral("%1:%2/%3").arg(t0.secsTo(p.at) / 60).arg(p.total).arg(p.pending);
    return out;
}

Diagnostic diag(const QString &rule, DiagnosticSeverity severity)
{
    Diagnostic d;
    d.rule = rule;
    d.severity = severity;
    return d;
}

} // namespace

class StatisticsTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void queueSize_data();
    void queueSize();
    void perHour_data();
    void perHour();
    void share_data();
    void share();
    void rules_data();
    void rules();
    void computeSummarizes();
};

void StatisticsTest::queueSize_data()
{
    QTest::addColumn<Entries>("queue");
    QTest::addColumn<Decisions>("decided");
    QTest::addColumn<int>("quorum");
    QTest::addColumn<int>("untilMinute"); // -1: none
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("empty") << Entries{} << Decisions{} << 1 << 60 << QStringList{};
    QTest::newRow("imports-only")
        << Entries{entry(QStringLiteral("A"), 0), entry(QStringLiteral("B"), 10)} << Decisions{}
        << 1 << -1 << QStringList{QStringLiteral("0:1/1"), QStringLiteral("10:2/2")};
    QTest::newRow("same-time-imports-are-one-point")
        << Entries{entry(QStringLiteral("A"), 0), entry(QStringLiteral("B"), 0)} << Decisions{}
        << 1 << -1 << QStringList{QStringLiteral("0:2/2")};
    QTest::newRow("approve-leaves-the-queue")
        << Entries{entry(QStringLiteral("A"), 0), entry(QStringLiteral("B"), 0)}
        << decisions({QStringLiteral("A approve ann 5"), QStringLiteral("B reject bob 7")}) << 1
        << -1
        << QStringList{QStringLiteral("0:2/2"), QStringLiteral("5:2/1"), QStringLiteral("7:2/0")};
    QTest::newRow("quorum-two-waits-for-second-reviewer")
        << Entries{entry(QStringLiteral("A"), 0)}
        << decisions({QStringLiteral("A approve ann 5"), QStringLiteral("A approve bob 9")})
        << 2 << -1
        << QStringList{QStringLiteral("0:1/1"), QStringLiteral("5:1/1"), QStringLiteral("9:1/0")};
    QTest::newRow("retract-returns-to-pending")
        << Entries{entry(QStringLiteral("A"), 0)}
        << decisions({QStringLiteral("A approve ann 5"), QStringLiteral("A retract ann 6")},
                     {QString(), QStringLiteral("u0")})
        << 1 << -1
        << QStringList{QStringLiteral("0:1/1"), QStringLiteral("5:1/0"), QStringLiteral("6:1/1")};
    QTest::newRow("conflict-is-not-pending")
        << Entries{entry(QStringLiteral("A"), 0)}
        << decisions({QStringLiteral("A approve ann 5"), QStringLiteral("A reject bob 6")}) << 1
        << -1
        << QStringList{QStringLiteral("0:1/1"), QStringLiteral("5:1/0"), QStringLiteral("6:1/0")};
    QTest::newRow("older-revision-decisions-ignored")
        << Entries{entry(QStringLiteral("A"), 20, 2)}
        << decisions({QStringLiteral("A#1 approve ann 5")}) << 1 << -1
        << QStringList{QStringLiteral("20:1/1")};
    QTest::newRow("decision-before-local-import-counts-at-import")
        << Entries{entry(QStringLiteral("A"), 30)}
        << decisions({QStringLiteral("A approve ann 5")}) << 1 << -1
        << QStringList{QStringLiteral("30:1/0")};
    QTest::newRow("unknown-proposal-ignored")
        << Entries{entry(QStringLiteral("A"), 0)}
        << decisions({QStringLiteral("Z approve ann 5")}) << 1 << -1
        << QStringList{QStringLiteral("0:1/1")};
    QTest::newRow("until-extends-the-curve")
        << Entries{entry(QStringLiteral("A"), 0)}
        << decisions({QStringLiteral("A approve ann 5")}) << 1 << 60
        << QStringList{QStringLiteral("0:1/1"), QStringLiteral("5:1/0"),
                       QStringLiteral("60:1/0")};
}

void StatisticsTest::queueSize()
{
    QFETCH(Entries, queue);
    QFETCH(Decisions, decided);
    QFETCH(int, quorum);
    QFETCH(int, untilMinute);
    QFETCH(QStringList, expected);
    const QDateTime until = untilMinute < 0 ? QDateTime() : at(untilMinute);
    QCOMPARE(describe(Statistics::queueSizeOverTime(queue, decided, quorum, until)), expected);
}

void StatisticsTest::perHour_data()
{
    QTest::addColumn<Decisions>("decided");
    QTest::addColumn<int>("maxHours");
    QTest::addColumn<QStringList>("hours");     // "HH:mm" UTC
    QTest::addColumn<QStringList>("reviewers");
    QTest::addColumn<QStringList>("counts");    // one "a,b,c" per reviewer

    QTest::newRow("none") << Decisions{} << 24 << QStringList{} << QStringList{}
                          << QStringList{};
    // t0 is 09:30: minutes 0..29 fall in 09:00, 30..89 in 10:00, 150 in 12:00.
    QTest::newRow("two-reviewers-three-hours")
        << decisions({QStringLiteral("A approve bob 0"), QStringLiteral("B reject ann 10"),
                      QStringLiteral("C changes ann 29"), QStringLiteral("D approve ann 30"),
                      QStringLiteral("E approve bob 89"), QStringLiteral("F approve bob 150")})
        << 24 << QStringList{QStringLiteral("09:00"), QStringLiteral("10:00"),
                             QStringLiteral("12:00")}
        << QStringList{QStringLiteral("ann"), QStringLiteral("bob")}
        << QStringList{QStringLiteral("2,1,0"), QStringLiteral("1,1,1")};
    QTest::newRow("retractions-are-not-work")
        << decisions({QStringLiteral("A approve bob 0"), QStringLiteral("A retract bob 1")},
                     {QString(), QStringLiteral("u0")})
        << 24 << QStringList{QStringLiteral("09:00")} << QStringList{QStringLiteral("bob")}
        << QStringList{QStringLiteral("1")};
    QTest::newRow("keeps-the-latest-hours")
        << decisions({QStringLiteral("A approve old 0"), QStringLiteral("B approve ann 30"),
                      QStringLiteral("C approve ann 90")})
        << 2 << QStringList{QStringLiteral("10:00"), QStringLiteral("11:00")}
        << QStringList{QStringLiteral("ann")} << QStringList{QStringLiteral("1,1")};
}

void StatisticsTest::perHour()
{
    QFETCH(Decisions, decided);
    QFETCH(int, maxHours);
    QFETCH(QStringList, hours);
    QFETCH(QStringList, reviewers);
    QFETCH(QStringList, counts);
    const HourlyDecisions h = Statistics::decisionsPerHour(decided, maxHours);
    QStringList gotHours;
    for (const QDateTime &d : h.hours)
        gotHours << d.toUTC().toString(QStringLiteral("HH:mm"));
    QCOMPARE(gotHours, hours);
    QCOMPARE(h.reviewers, reviewers);
    QStringList gotCounts;
    for (const auto &row : h.counts) {
        QStringList cells;
        for (int c : row)
            cells << QString::number(c);
        gotCounts << cells.join(QLatin1Char(','));
    }
    QCOMPARE(gotCounts, counts);
}

void StatisticsTest::share_data()
{
    QTest::addColumn<Decisions>("decided");
    QTest::addColumn<int>("approve");
    QTest::addColumn<int>("reject");
    QTest::addColumn<int>("changes");

    QTest::newRow("none") << Decisions{} << 0 << 0 << 0;
    QTest::newRow("each-once")
        << decisions({QStringLiteral("A approve ann 1"), QStringLiteral("B reject ann 2"),
                      QStringLiteral("C changes ann 3")})
        << 1 << 1 << 1;
    QTest::newRow("superseded-counts-once")
        << decisions({QStringLiteral("A reject ann 1"), QStringLiteral("A approve ann 2")},
                     {QString(), QStringLiteral("u0")})
        << 1 << 0 << 0;
    QTest::newRow("retracted-counts-nothing")
        << decisions({QStringLiteral("A approve ann 1"), QStringLiteral("A retract ann 2"),
                      QStringLiteral("B approve bob 3")},
                     {QString(), QStringLiteral("u0")})
        << 1 << 0 << 0;
    QTest::newRow("two-reviewers-one-proposal")
        << decisions({QStringLiteral("A approve ann 1"), QStringLiteral("A changes bob 2")})
        << 1 << 0 << 1;
}

void StatisticsTest::share()
{
    QFETCH(Decisions, decided);
    QFETCH(int, approve);
    QFETCH(int, reject);
    QFETCH(int, changes);
    const VerdictShare s = Statistics::verdictShare(decided);
    QCOMPARE(s.approve, approve);
    QCOMPARE(s.reject, reject);
    QCOMPARE(s.changes, changes);
    QCOMPARE(s.total(), approve + reject + changes);
}

void StatisticsTest::rules_data()
{
    QTest::addColumn<Diagnostics>("diagnostics");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QStringList>("expected"); // "rule:count:severity"

    const auto E = DiagnosticSeverity::Error;
    const auto W = DiagnosticSeverity::Warning;
    const auto I = DiagnosticSeverity::Info;
    QTest::newRow("none") << Diagnostics{} << 8 << QStringList{};
    QTest::newRow("most-frequent-first-ties-by-name")
        << Diagnostics{diag(QStringLiteral("secret"), E), diag(QStringLiteral("syntax-error"), E),
                       diag(QStringLiteral("secret"), E), diag(QStringLiteral("missing-field"), W),
                       diag(QStringLiteral("destructive-sql"), W)}
        << 8
        << QStringList{QStringLiteral("secret:2:error"),
                       QStringLiteral("destructive-sql:1:warning"),
                       QStringLiteral("missing-field:1:warning"),
                       QStringLiteral("syntax-error:1:error")};
    QTest::newRow("most-severe-wins")
        << Diagnostics{diag(QStringLiteral("sql-lint"), I), diag(QStringLiteral("sql-lint"), W)}
        << 8 << QStringList{QStringLiteral("sql-lint:2:warning")};
    QTest::newRow("limit")
        << Diagnostics{diag(QStringLiteral("a"), I), diag(QStringLiteral("b"), I),
                       diag(QStringLiteral("b"), I), diag(QStringLiteral("c"), I)}
        << 2 << QStringList{QStringLiteral("b:2:info"), QStringLiteral("a:1:info")};
}

void StatisticsTest::rules()
{
    QFETCH(Diagnostics, diagnostics);
    QFETCH(int, limit);
    QFETCH(QStringList, expected);
    QStringList got;
    for (const RuleCount &r : Statistics::topRules(diagnostics, limit))
        got << QStringLiteral("%1:%2:%3").arg(r.rule).arg(r.count).arg(severityId(r.severity));
    QCOMPARE(got, expected);
}

void StatisticsTest::computeSummarizes()
{
    StatisticsInput input;
    input.queue = {entry(QStringLiteral("A"), 0), entry(QStringLiteral("B"), 0)};
    input.queue[0].status = Status::Approved;
    input.decisions = decisions({QStringLiteral("A approve ann 5")});
    input.diagnostics = {diag(QStringLiteral("secret"), DiagnosticSeverity::Error)};
    const StatisticsData data = Statistics::compute(input);
    QCOMPARE(data.proposals, 2);
    QCOMPARE(data.pending, 1);
    QCOMPARE(describe(data.queueSize),
             (QStringList{QStringLiteral("0:2/2"), QStringLiteral("5:2/1")}));
    QCOMPARE(data.share.approve, 1);
    QCOMPARE(data.perHour.total(), 1);
    QCOMPARE(int(data.rules.size()), 1);
}

QTEST_GUILESS_MAIN(StatisticsTest)
#include "statistics_test.moc"
