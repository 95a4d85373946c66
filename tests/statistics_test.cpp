// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/statistics.h"
#include "domain/utc.h"

#include <QSet>
#include <QTest>

using namespace verdict;

using Entries = std::vector<QueueEntry>;
using Decisions = std::vector<Decision>;
using Diagnostics = std::vector<Diagnostic>;
Q_DECLARE_METATYPE(Entries)
Q_DECLARE_METATYPE(Decisions)
Q_DECLARE_METATYPE(Diagnostics)

namespace {

const QDateTime t0 = utcDateTime(QDate(2026, 1, 2), QTime(9, 30));

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
        // "approve!" is a lead's resolution.
        d.resolution = p[1].endsWith(QLatin1Char('!'));
        d.verdict = *verdictFromId(d.resolution ? p[1].chopped(1) : p[1]);
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
    void timeAxis_data();
    void timeAxis();
    void timeAxisLabelsAreDistinct();
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
    QTest::newRow("resolution-overrules-earlier-votes")
        << decisions({QStringLiteral("A approve ann 1"), QStringLiteral("A reject bob 2"),
                      QStringLiteral("A approve! lea 3")})
        << 1 << 0 << 0;
    QTest::newRow("votes-after-a-resolution-count")
        << decisions({QStringLiteral("A approve ann 1"), QStringLiteral("A reject bob 2"),
                      QStringLiteral("A reject! lea 3"), QStringLiteral("A approve cy 4")})
        << 1 << 1 << 0;
    QTest::newRow("retracted-resolution-brings-the-votes-back")
        << decisions({QStringLiteral("A approve ann 1"), QStringLiteral("A reject bob 2"),
                      QStringLiteral("A approve! lea 3"), QStringLiteral("A retract lea 4")})
        << 1 << 1 << 0;
    QTest::newRow("resolution-on-another-proposal-overrules-nothing")
        << decisions({QStringLiteral("A approve ann 1"), QStringLiteral("A reject bob 2"),
                      QStringLiteral("B approve! lea 3")})
        << 2 << 1 << 0;
    QTest::newRow("each-revision-counts-its-own")
        << decisions({QStringLiteral("A#1 reject ann 1"), QStringLiteral("A#2 approve ann 2"),
                      QStringLiteral("A#2 approve! lea 3")})
        << 1 << 1 << 0;
    QTest::newRow("input-order-does-not-matter")
        << decisions({QStringLiteral("A approve! lea 3"), QStringLiteral("A reject bob 2"),
                      QStringLiteral("A approve ann 1")})
        << 1 << 0 << 0;
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

namespace {

QDateTime utc(const QString &text)
{
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return utcDateTime(t.date(), t.time());
}

} // namespace

void StatisticsTest::timeAxis_data()
{
    QTest::addColumn<QString>("from"); // UTC
    QTest::addColumn<QString>("to");
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("labels");
    const auto row = [](const char *name, const char *from, const char *to, const char *zone,
                        const char *format, std::initializer_list<const char *> labels) {
        QStringList expected;
        for (const char *l : labels)
            expected << QString::fromLatin1(l);
        QTest::newRow(name) << QString::fromLatin1(from) << QString::fromLatin1(to)
                            << QByteArray(zone) << QString::fromLatin1(format) << expected;
    };
    row("within one second", "2026-01-02T13:26:21.100", "2026-01-02T13:26:21.900", "UTC",
        "HH:mm:ss", {"13:26:21", "13:26:22"});
    row("a single instant", "2026-01-02T13:26:21.000", "2026-01-02T13:26:21.000", "UTC",
        "HH:mm:ss", {"13:26:21", "13:26:22"});
    row("seconds apart", "2026-01-02T13:26:21.000", "2026-01-02T13:26:24.500", "UTC",
        "HH:mm:ss", {"13:26:21", "13:26:22", "13:26:23", "13:26:24", "13:26:25"});
    row("under a minute", "2026-01-02T13:26:05.000", "2026-01-02T13:26:55.000", "UTC",
        "HH:mm:ss", {"13:26:00", "13:26:15", "13:26:30", "13:26:45", "13:27:00"});
    row("forty minutes", "2026-01-02T13:26:00.000", "2026-01-02T14:06:00.000", "UTC", "HH:mm",
        {"13:20", "13:30", "13:40", "13:50", "14:00", "14:10"});
    row("hours across midnight", "2026-01-02T20:10:00.000", "2026-01-03T03:00:00.000", "UTC",
        "MMM d HH:mm",
        {"Jan 2 20:00", "Jan 2 22:00", "Jan 3 00:00", "Jan 3 02:00", "Jan 3 04:00"});
    row("local time of another zone", "2026-01-02T22:30:00.000", "2026-01-02T23:10:00.000",
        "UTC+02:00", "HH:mm", {"00:30", "00:40", "00:50", "01:00", "01:10"});
    row("days", "2026-01-02T09:30:00.000", "2026-01-06T18:00:00.000", "UTC", "MMM d",
        {"Jan 2", "Jan 3", "Jan 4", "Jan 5", "Jan 6", "Jan 7"});
    row("months", "2026-01-02T09:30:00.000", "2026-06-20T00:00:00.000", "UTC", "yyyy-MM-dd",
        {"2026-01-02", "2026-03-04", "2026-05-04", "2026-07-04"});
    // 02:00-03:00 happens twice in Berlin that night: half-hour ticks would repeat.
    row("daylight saving ends", "2025-10-26T00:00:00.000", "2025-10-26T01:50:00.000",
        "Europe/Berlin", "HH:mm", {"02:00", "03:00"});
}

void StatisticsTest::timeAxis()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QByteArray, zone);
    QFETCH(QString, format);
    QFETCH(QStringList, labels);
    const QTimeZone tz(zone);
    if (!tz.isValid())
        QSKIP("time zone data not installed");
    const TimeAxis axis = Statistics::timeAxis(utc(from), utc(to), tz);
    QCOMPARE(axis.format, format);
    QCOMPARE(axis.labels(tz), labels);
    QCOMPARE(axis.tickCount, int(labels.size()));
    QVERIFY(axis.min <= utc(from));
    QVERIFY(axis.max >= utc(to));
}

void StatisticsTest::timeAxisLabelsAreDistinct()
{
    // Every span from a second to years, at an awkward start: distinct labels, few ticks.
    const QDateTime start = utc(QStringLiteral("2026-03-29T00:59:59.250"));
    for (const QByteArray &zone : {QByteArray("UTC"), QByteArray("UTC+05:30")}) {
        const QTimeZone tz(zone);
        for (qint64 span = 1; span < qint64(12) * 365 * 86400; span = span * 3 / 2 + 1) {
            const TimeAxis axis = Statistics::timeAxis(start, start.addSecs(span), tz);
            const QStringList labels = axis.labels(tz);
            QVERIFY2(QSet<QString>(labels.cbegin(), labels.cend()).size() == labels.size(),
                     qPrintable(labels.join(QStringLiteral(" | "))));
            QVERIFY(axis.tickCount >= 2 && axis.tickCount <= 6);
            QVERIFY(axis.max >= start.addSecs(span));
        }
    }
}

QTEST_GUILESS_MAIN(StatisticsTest)
#include "statistics_test.moc"
