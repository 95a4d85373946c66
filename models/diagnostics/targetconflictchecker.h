// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/diagnostic.h"
#include "domain/proposal.h"

#include <QHash>
#include <QStringList>

#include <vector>

namespace verdict {

// `target-conflict` (cross-proposal): two or more proposals write the same file path.
// Each artifact involved gets one warning naming the other proposals, at the line of its
// "Create or update the file PATH" sentence (column of PATH).
class TargetConflictChecker final
{
public:
    // path (normalised) -> ids of the proposals writing it.
    using TargetIndex = QHash<QString, QStringList>;

    static QString normalizedPath(const QString &path);
    static TargetIndex index(const std::vector<Proposal> &proposals);
    // Adds the targets of proposals known only by id and paths (e.g. the rest of the queue).
    static void addTargets(TargetIndex *index, const QString &proposalId,
                           const QStringList &paths);

    static std::vector<Diagnostic> check(const Proposal &proposal, const TargetIndex &index);
    static std::vector<Diagnostic> checkAll(const std::vector<Proposal> &proposals);

    // Line and column (report file) of the sentence that introduces the artifact.
    static std::pair<int, int> headerPosition(const Proposal &proposal,
                                              const Artifact &artifact);
};

} // namespace verdict
