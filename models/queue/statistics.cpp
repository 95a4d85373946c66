// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/statistics.h"

#include "domain/status.h"

#include <QHash>
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
        const QDateTime hour(utc.date(), QTime(utc.time().hour(), 0), Qt::UTC);
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
    QSet<QString> superseded;
    for (const Decision &d : decisions) {
        if (!d.supersedes.isEmpty())
            superseded.insert(d.supersedes);
    }
    VerdictShare share;
    for (const Decision &d : decisions) {
        if (superseded.contains(d.uuid))
            continue;
        switch (d.verdict) {
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

} // namespace verdict
