// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/decision.h"
#include "domain/diagnostic.h"
#include "store/store.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <vector>

namespace verdict {

// The queue after everything that happened at `at`.
struct QueuePoint
{
    QDateTime at;    // UTC
    int total = 0;   // proposals imported so far
    int pending = 0; // of those, still waiting for a decision
};

// Decisions (approve, reject, changes; retractions are not work) per clock hour (UTC).
struct HourlyDecisions
{
    std::vector<QDateTime> hours;         // start of each hour that had a decision, oldest first
    QStringList reviewers;                // sorted
    std::vector<std::vector<int>> counts; // counts[reviewer][hour]
    int total() const;
};

// The verdicts in effect on each proposal revision (verdictsInEffect): a reviewer's latest,
// no retractions, no votes a lead's resolution overruled.
struct VerdictShare
{
    int approve = 0;
    int reject = 0;
    int changes = 0;
    int total() const { return approve + reject + changes; }
};

struct RuleCount
{
    QString rule;
    DiagnosticSeverity severity = DiagnosticSeverity::Info; // the most severe seen
    int count = 0;
};

// A time axis whose ticks fall on whole steps (1 s ... 15 min ... 1 day ...) and read
// distinct: the label format is as precise as the step (seconds, minutes, days) and names
// the date when minute ticks cross midnight.
struct TimeAxis
{
    QDateTime min;       // the first tick (UTC)
    QDateTime max;       // the last tick (UTC)
    int tickCount = 2;   // min, max and the evenly spaced steps between
    qint64 stepSecs = 1;
    QString format;      // QDateTime::toString format, for local time in the zone
    // The tick labels as an axis shows them (C locale month names).
    QStringList labels(const QTimeZone &zone) const;
};

struct StatisticsInput
{
    std::vector<QueueEntry> queue;
    std::vector<Decision> decisions;    // every decision, any order
    std::vector<Diagnostic> diagnostics; // every diagnostic of the queue
    int quorum = 1;
    QDateTime until; // extends the queue curve to this time (e.g. now); invalid = last event
};

struct StatisticsData
{
    std::vector<QueuePoint> queueSize;
    HourlyDecisions perHour;
    VerdictShare share;
    std::vector<RuleCount> rules;
    int proposals = 0;
    int pending = 0;
    QString error; // why loading failed (the rest is then empty)
};

// The numbers behind the statistics view: pure functions, no store, no widgets.
class Statistics final
{
public:
    // Pending and total after each import or decision (one point per distinct time). A
    // proposal enters the queue when its current revision was imported; its status at a time
    // derives from the decisions on that revision made up to then (deriveStatus, quorum).
    static std::vector<QueuePoint> queueSizeOverTime(const std::vector<QueueEntry> &queue,
                                                     const std::vector<Decision> &decisions,
                                                     int quorum = 1,
                                                     const QDateTime &until = {});
    // The last `maxHours` hours that had decisions.
    static HourlyDecisions decisionsPerHour(const std::vector<Decision> &decisions,
                                            int maxHours = 24);
    static VerdictShare verdictShare(const std::vector<Decision> &decisions);
    // Most frequent rules first (ties by rule id), at most `limit`.
    static std::vector<RuleCount> topRules(const std::vector<Diagnostic> &diagnostics,
                                           int limit = 8);

    static StatisticsData compute(const StatisticsInput &input);

    // The x axis for events from `from` to `to` shown in `zone`: at most `maxTicks` ticks,
    // the smallest step that fits, the range widened to whole steps (never empty).
    static TimeAxis timeAxis(const QDateTime &from, const QDateTime &to, const QTimeZone &zone,
                             int maxTicks = 6);
};

} // namespace verdict
