// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/diagnostic.h"
#include "domain/proposal.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <vector>

namespace verdict {

// `target-conflict` (cross-proposal): two or more proposals write the same file path.
// The proposals writing one path are a group. Each artifact involved gets one warning, at
// the line of its "Create or update the file PATH" sentence (column of PATH), naming the
// group's size and its first few members: a message is bounded whatever the group's size,
// and the whole rule is linear in the number of proposals (a flood of 100,000 reports
// writing one file once made 100,000 messages of 100,000 ids each).
class TargetConflictChecker final
{
public:
    // Members named in a message; the rest are counted.
    static constexpr int kNamed = 3;

    struct Group
    {
        QStringList first;     // the first kNamed + 1 members, in the order they were added
        QSet<QString> members; // every proposal (id, or file:line without one) writing it
    };
    // path (normalised) -> the proposals writing it.
    using TargetIndex = QHash<QString, Group>;

    static QString normalizedPath(const QString &path);
    // The proposal's id, or where it is when it has none.
    static QString proposalKey(const Proposal &proposal);
    static TargetIndex index(const std::vector<Proposal> &proposals);
    static void addProposal(TargetIndex *index, const Proposal &proposal);
    // Adds the targets of proposals known only by id and paths (e.g. the rest of the queue).
    static void addTargets(TargetIndex *index, const QString &proposalKey,
                           const QStringList &paths);

    static std::vector<Diagnostic> check(const Proposal &proposal, const TargetIndex &index);
    static std::vector<Diagnostic> checkAll(const std::vector<Proposal> &proposals);
};

} // namespace verdict
