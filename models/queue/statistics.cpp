// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/statistics.h"
#include "domain/utc.h"

#include "domain/status.h"

#include <QHash>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <map>

namespace verdict {

int HourlyDecisions::total() const
{
    int n = 0;
    for (const auto &row : counts)
        for (int c : row)
            n += c;
    return n;
}

std::vector<QueuePoint> Statistics::queueSizeOverTime(const std::vector<QueueEntry> &queue,
                                                      const std::vector<Decision> &decisions,
                                                      int quorum, const QDateTime &until)
{
    // Events in time order; each one changes the state of one proposal only, so only that
    // proposal's status is derived again.
    struct Event
    {
        QDateTime at;
        size_t entry = 0;
        const Decision *decision = nullptr; // null: the import
    };
    QHash<QString, size_t> byId;
    for (size_t i = 0; i < queue.size(); ++i)
        byId.insert(queue[i].id, i);
    std::vector<Event> events;
    for (size_t i = 0; i < queue.size(); ++i) {
        if (queue[i].importedAt.isValid())
            events.push_back(Event{queue[i].importedAt.toUTC(), i, nullptr});
    }
    for (const Decision &d : decisions) {
        const auto it = byId.constFind(d.proposalId);
        if (it == byId.cend() || queue[*it].revision != d.revision || !d.decidedAt.isValid())
            continue;
        events.push_back(Event{d.decidedAt.toUTC(), *it, &d});
    }
    // Imports before decisions at the same time; otherwise the order decisions were given.
    std::stable_sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
        if (a.at != b.at)
            return a.at < b.at;
        return a.decision == nullptr && b.decision != nullptr;
    });

    struct State
    {
        bool imported = false;
        bool pending = false;
        std::vector<Decision> decided;
    };
    std::vector<State> states(queue.size());
    std::vector<QueuePoint> points;
    int total = 0;
    int pending = 0;
    for (size_t i = 0; i < events.size(); ++i) {
        const Event &e = events[i];
        State &s = states[e.entry];
        if (s.imported)
            pending -= s.pending ? 1 : 0;
        if (!e.decision) {
            if (!s.imported)
                ++total;
            s.imported = true;
        } else {
            s.decided.push_back(*e.decision);
        }
        if (s.imported) {
            s.pending = deriveStatus(s.decided, quorum) == Status::Pending;
            pending += s.pending ? 1 : 0;
        }
        // Teammates' decisions may predate the local import: nothing to draw before it.
        if (total > 0 && (i + 1 == events.size() || events[i + 1].at != e.at))
            points.push_back(QueuePoint{e.at, total, pending});
    }
    if (until.isValid() && !points.empty() && until.toUTC() > points.back().at)
        points.push_back(QueuePoint{until.toUTC(), total, pending});
    return points;
}

HourlyDecisions Statistics::decisionsPerHour(const std::vector<Decision> &decisions,
                                             int maxHours)
{
    std::map<QDateTime, std::map<QString, int>> byHour;
    QSet<QString> reviewers;
    for (const Decision &d : decisions) {
        if (d.verdict == Verdict::Retract || !d.decidedAt.isValid())
            continue;
        const QDateTime utc = d.decidedAt.toUTC();
        const QDateTime hour = utcDateTime(utc.date(), QTime(utc.time().hour(), 0));
        ++byHour[hour][d.reviewer];
        reviewers.insert(d.reviewer);
    }
    while (maxHours > 0 && int(byHour.size()) > maxHours)
        byHour.erase(byHour.begin());

    HourlyDecisions out;
    // Only reviewers active in the hours kept.
    QSet<QString> kept;
    for (const auto &hour : byHour)
        for (const auto &r : hour.second)
            kept.insert(r.first);
    out.reviewers = QStringList(kept.cbegin(), kept.cend());
    std::sort(out.reviewers.begin(), out.reviewers.end());
    out.counts.assign(size_t(out.reviewers.size()), std::vector<int>(byHour.size(), 0));
    size_t h = 0;
    for (const auto &hour : byHour) {
        out.hours.push_back(hour.first);
        for (const auto &r : hour.second)
            out.counts[size_t(out.reviewers.indexOf(r.first))][h] = r.second;
        ++h;
    }
    return out;
}

VerdictShare Statistics::verdictShare(const std::vector<Decision> &decisions)
{
    // Per proposal revision, oldest first: what is in effect there (verdictsInEffect), so a
    // changed mind counts once, a retraction not at all, and votes a lead's resolution
    // overruled not at all.
    std::map<std::pair<QString, int>, std::vector<Decision>> byRevision;
    for (const Decision &d : decisions)
        byRevision[{d.proposalId, d.revision}].push_back(d);
    VerdictShare share;
    for (auto &entry : byRevision) {
        std::vector<Decision> &onRevision = entry.second;
        std::stable_sort(onRevision.begin(), onRevision.end(),
                         [](const Decision &x, const Decision &y) {
                             return x.decidedAt < y.decidedAt;
                         });
        const QHash<QString, Verdict> inEffect = verdictsInEffect(onRevision);
        for (const Verdict v : inEffect) {
            switch (v) {
            case Verdict::Approve:
                ++share.approve;
                break;
            case Verdict::Reject:
                ++share.reject;
                break;
            case Verdict::Changes:
                ++share.changes;
                break;
            case Verdict::Retract:
                break;
            }
        }
    }
    return share;
}

std::vector<RuleCount> Statistics::topRules(const std::vector<Diagnostic> &diagnostics,
                                            int limit)
{
    std::map<QString, RuleCount> byRule;
    for (const Diagnostic &d : diagnostics) {
        auto it = byRule.find(d.rule);
        if (it == byRule.end())
            it = byRule.emplace(d.rule, RuleCount{d.rule, d.severity, 0}).first;
        ++it->second.count;
        // Error < Warning < Info in the enum: the smaller is the more severe.
        if (int(d.severity) < int(it->second.severity))
            it->second.severity = d.severity;
    }
    std::vector<RuleCount> out;
    for (auto &r : byRule)
        out.push_back(r.second);
    std::stable_sort(out.begin(), out.end(),
                     [](const RuleCount &a, const RuleCount &b) { return a.count > b.count; });
    if (limit >= 0 && int(out.size()) > limit)
        out.resize(size_t(limit));
    return out;
}

StatisticsData Statistics::compute(const StatisticsInput &input)
{
    StatisticsData data;
    data.queueSize =
        queueSizeOverTime(input.queue, input.decisions, input.quorum, input.until);
    data.perHour = decisionsPerHour(input.decisions);
    data.share = verdictShare(input.decisions);
    data.rules = topRules(input.diagnostics);
    data.proposals = int(input.queue.size());
    for (const QueueEntry &e : input.queue)
        data.pending += e.status == Status::Pending ? 1 : 0;
    return data;
}

QStringList TimeAxis::labels(const QTimeZone &zone) const
{
    QStringList out;
    for (int i = 0; i < tickCount; ++i)
        out << QLocale::c().toString(min.addSecs(i * stepSecs).toTimeZone(zone), format);
    return out;
}

namespace {

qint64 floorTo(qint64 value, qint64 step)
{
    const qint64 q = value / step;
    return (value % step != 0 && value < 0 ? q - 1 : q) * step;
}

qint64 ceilTo(qint64 value, qint64 step)
{
    return -floorTo(-value, step);
}

} // namespace

TimeAxis Statistics::timeAxis(const QDateTime &from, const QDateTime &to,
                              const QTimeZone &zone, int maxTicks)
{
    constexpr qint64 minute = 60;
    constexpr qint64 hour = 3600;
    constexpr qint64 day = 86400;
    // Sub-day steps divide a day, so ticks land on round local times.
    static const qint64 steps[] = {1,          2,          5,          10,         15,
                                   30,         minute,     2 * minute, 5 * minute, 10 * minute,
                                   15 * minute, 30 * minute, hour,     2 * hour,   3 * hour,
                                   6 * hour,   12 * hour,  day,        2 * day,    7 * day,
                                   14 * day,   30 * day,   61 * day,   91 * day,   182 * day,
                                   365 * day};
    const int intervalsMax = std::max(1, maxTicks - 1);
    const QDateTime first = std::min(from, to);
    const QDateTime last = std::max(from, to);
    // Local milliseconds (the zone's offset at the start) so steps align to the wall clock.
    const qint64 offsetMs = qint64(zone.offsetFromUtc(first)) * 1000;
    const qint64 fromMs = first.toMSecsSinceEpoch() + offsetMs;
    const qint64 toMs = last.toMSecsSinceEpoch() + offsetMs;

    TimeAxis axis;
    for (size_t i = 0;; ++i) {
        // Beyond the table: whole years, doubling.
        const qint64 step = i < std::size(steps)
                                ? steps[i]
                                : 365 * day * (qint64(1) << std::min<size_t>(
                                                   i - std::size(steps) + 1, 20));
        const qint64 stepMs = step * 1000;
        qint64 lo = 0;
        qint64 hi = 0;
        if (step <= day) {
            lo = floorTo(fromMs, stepMs);
            hi = ceilTo(toMs, stepMs);
        } else {
            lo = floorTo(fromMs, day * 1000); // from local midnight
            hi = lo + ceilTo(toMs - lo, stepMs);
        }
        if (hi == lo)
            hi = lo + stepMs; // a single instant still gets a range
        const qint64 intervals = (hi - lo) / stepMs;
        if (intervals > intervalsMax)
            continue;
        axis.min = utcFromMSecs(lo - offsetMs);
        axis.max = utcFromMSecs(hi - offsetMs);
        axis.tickCount = int(intervals) + 1;
        axis.stepSecs = step;
        const bool crossesMidnight =
            floorTo(lo, day * 1000) != floorTo(hi - 1, day * 1000);
        if (step < minute)
            axis.format = QStringLiteral("HH:mm:ss");
        else if (step < day)
            axis.format = crossesMidnight ? QStringLiteral("MMM d HH:mm")
                                          : QStringLiteral("HH:mm");
        else if (step < 30 * day)
            axis.format = QStringLiteral("MMM d");
        else
            axis.format = QStringLiteral("yyyy-MM-dd");
        // A daylight saving change can make two ticks read the same: take a larger step.
        const QStringList labels = axis.labels(zone);
        if (QSet<QString>(labels.cbegin(), labels.cend()).size() == labels.size()
            || i > std::size(steps) + 20)
            return axis;
    }
}

} // namespace verdict
