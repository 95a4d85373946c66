// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decision.h"

#include <QHash>
#include <QString>

#include <vector>

namespace verdict {

// The status a proposal revision has, given every decision made on that revision (oldest
// first). Each reviewer's latest decision counts; superseded ones do not. Reviewers whose
// latest decisions disagree make a conflict; approvals count toward the quorum only from
// distinct reviewers; a retraction drops its reviewer's vote. A decision marked as a
// resolution (a lead's) ends a conflict: only it and the decisions after it count.
Status deriveStatus(const std::vector<Decision> &decisionsOnRevision, int quorum = 1);

// The verdicts in effect on a revision (decisions oldest first), by reviewer: each
// reviewer's latest since the latest resolution still standing (a lead's resolution
// overrules the votes before it; one its lead retracted does not), a retraction removing
// its reviewer. What deriveStatus weighs, and what the statistics count.
QHash<QString, Verdict> verdictsInEffect(const std::vector<Decision> &decisionsOnRevision);

} // namespace verdict
