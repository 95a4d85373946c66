// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/targetconflictchecker.h"

#include <QDir>

namespace verdict {

namespace {

// Proposals without an id (a missing-field error) are still told apart by where they are.
QString proposalKey(const Proposal &p)
{
    return p.id.isEmpty() ? p.sourceFile + QLatin1Char(':') + QString::number(p.sourceLine)
                          : p.id;
}

} // namespace

QString TargetConflictChecker::normalizedPath(const QString &path)
{
    QString p = QDir::cleanPath(path.trimmed());
    while (p.startsWith(QLatin1String("./")))
        p.remove(0, 2);
    return p;
}

void TargetConflictChecker::addTargets(TargetIndex *index, const QString &proposalId,
                                       const QStringList &paths)
{
    for (const QString &path : paths) {
        QStringList &ids = (*index)[normalizedPath(path)];
        if (!ids.contains(proposalId))
            ids.append(proposalId);
    }
}

TargetConflictChecker::TargetIndex
TargetConflictChecker::index(const std::vector<Proposal> &proposals)
{
    TargetIndex index;
    for (const Proposal &p : proposals) {
        QStringList paths;
        for (const Artifact &a : p.artifacts)
            paths << a.path;
        addTargets(&index, proposalKey(p), paths);
    }
    return index;
}

std::pair<int, int> TargetConflictChecker::headerPosition(const Proposal &proposal,
                                                          const Artifact &artifact)
{
    const QStringList lines = proposal.body.split(QLatin1Char('\n'));
    const int last = std::min(int(lines.size()), artifact.firstLine - proposal.bodyFirstLine);
    if (proposal.bodyFirstLine > 0) {
        for (int i = last; i >= 0; --i) {
            if (i >= lines.size())
                continue;
            const QString &text = lines.at(i);
            const int at = int(text.indexOf(QLatin1String("Create or update the file")));
            if (at < 0)
                continue;
            const int pathAt = int(text.indexOf(artifact.path, at));
            return {proposal.bodyFirstLine + i, (pathAt >= 0 ? pathAt : at) + 1};
        }
    }
    return {artifact.firstLine > 0 ? artifact.firstLine : proposal.sourceLine, 1};
}

std::vector<Diagnostic> TargetConflictChecker::check(const Proposal &proposal,
                                                     const TargetIndex &index)
{
    std::vector<Diagnostic> out;
    QStringList seen;
    for (const Artifact &a : proposal.artifacts) {
        const QString path = normalizedPath(a.path);
        if (seen.contains(path))
            continue;
        seen << path;
        QStringList others = index.value(path);
        others.removeAll(proposalKey(proposal));
        if (others.isEmpty())
            continue;
        const auto [line, column] = headerPosition(proposal, a);
        Diagnostic d;
        d.rule = QStringLiteral("target-conflict");
        d.severity = DiagnosticSeverity::Warning;
        d.file = proposal.sourceFile;
        d.proposalId = proposal.id;
        d.artifact = a.path;
        d.line = line;
        d.column = column;
        d.message = QStringLiteral("%1 is also written by %2: approving both means one silently "
                                   "overwrites the other")
                        .arg(a.path, others.join(QStringLiteral(", ")));
        out.push_back(d);
    }
    return out;
}

std::vector<Diagnostic> TargetConflictChecker::checkAll(const std::vector<Proposal> &proposals)
{
    const TargetIndex idx = index(proposals);
    std::vector<Diagnostic> out;
    for (const Proposal &p : proposals) {
        auto d = check(p, idx);
        out.insert(out.end(), d.begin(), d.end());
    }
    return out;
}

} // namespace verdict
