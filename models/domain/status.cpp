// SPDX-License-Identifier: GPL-3.0-or-later
#include "status.h"

#include <QHash>

#include <algorithm>

namespace verdict {

namespace {

// The latest resolution still standing (a resolution its lead retracted, undo, no longer
// ends the conflict), or the first decision when there is none.
std::vector<Decision>::const_iterator
effectiveBegin(const std::vector<Decision> &decisionsOnRevision)
{
    std::vector<bool> withdrawn(decisionsOnRevision.size(), false);
    QHash<QString, size_t> lastByReviewer;
    for (size_t i = 0; i < decisionsOnRevision.size(); ++i) {
        const Decision &d = decisionsOnRevision[i];
        const auto previous = lastByReviewer.constFind(countedAs(d));
        if (d.verdict == Verdict::Retract && previous != lastByReviewer.cend())
            withdrawn[*previous] = true;
        lastByReviewer.insert(countedAs(d), i);
    }
    auto begin = decisionsOnRevision.begin();
    for (auto it = decisionsOnRevision.begin(); it != decisionsOnRevision.end(); ++it) {
        if (it->resolution && !withdrawn[size_t(it - decisionsOnRevision.begin())])
            begin = it;
    }
    return begin;
}

QHash<QString, Verdict> latestFrom(std::vector<Decision>::const_iterator begin,
                                   std::vector<Decision>::const_iterator end)
{
    // Each person's latest verdict, in the order given (decided_at, then arrival): a
    // person who decided on two laptops offline is counted once, by the later clock.
    QHash<QString, Verdict> latest; // countedAs -> latest verdict
    for (auto it = begin; it != end; ++it) {
        if (it->verdict == Verdict::Retract)
            latest.remove(countedAs(*it));
        else
            latest.insert(countedAs(*it), it->verdict);
    }
    return latest;
}

} // namespace

QHash<QString, Verdict> verdictsInEffect(const std::vector<Decision> &decisionsOnRevision)
{
    return latestFrom(effectiveBegin(decisionsOnRevision), decisionsOnRevision.end());
}

Status deriveStatus(const std::vector<Decision> &decisionsOnRevision, int quorum)
{
    const auto begin = effectiveBegin(decisionsOnRevision);
    if (begin != decisionsOnRevision.end() && begin->resolution
        && begin->verdict != Verdict::Retract && begin + 1 == decisionsOnRevision.end()) {
        // A lead's resolution alone settles the proposal, whatever the quorum.
        switch (begin->verdict) {
        case Verdict::Approve: return Status::Approved;
        case Verdict::Reject: return Status::Rejected;
        case Verdict::Changes: return Status::Changes;
        case Verdict::Retract: break;
        }
    }

    const QHash<QString, Verdict> latest = latestFrom(begin, decisionsOnRevision.end());
    if (latest.isEmpty())
        return Status::Pending;

    const Verdict first = latest.cbegin().value();
    const bool agree = std::all_of(latest.cbegin(), latest.cend(),
                                   [first](Verdict v) { return v == first; });
    if (!agree)
        return Status::Conflict;
    switch (first) {
    case Verdict::Approve:
        return latest.size() >= std::max(1, quorum) ? Status::Approved : Status::Pending;
    case Verdict::Reject: return Status::Rejected;
    case Verdict::Changes: return Status::Changes;
    case Verdict::Retract: break;
    }
    return Status::Pending;
}

} // namespace verdict
