// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/targetconflictchecker.h"

#include "diagnostics/checker.h"

#include <QDir>
#include <QLocale>

namespace verdict {

QString TargetConflictChecker::proposalKey(const Proposal &p)
{
    // Proposals without an id (a missing-field error) are still told apart by where they are.
    return p.id.isEmpty() ? p.sourceFile + QLatin1Char(':') + QString::number(p.sourceLine)
                          : p.id;
}

QString TargetConflictChecker::normalizedPath(const QString &path)
{
    QString p = QDir::cleanPath(path.trimmed());
    while (p.startsWith(QLatin1String("./")))
        p.remove(0, 2);
    return p;
}

void TargetConflictChecker::addTargets(TargetIndex *index, const QString &proposalKey,
                                       const QStringList &paths)
{
    for (const QString &path : paths) {
        Group &group = (*index)[normalizedPath(path)];
        const qsizetype before = group.members.size();
        group.members.insert(proposalKey);
        if (group.members.size() != before && group.first.size() <= kNamed)
            group.first.append(proposalKey);
    }
}

void TargetConflictChecker::addProposal(TargetIndex *index, const Proposal &proposal)
{
    QStringList paths;
    paths.reserve(int(proposal.artifacts.size()));
    for (const Artifact &a : proposal.artifacts)
        paths << a.path;
    addTargets(index, proposalKey(proposal), paths);
}

TargetConflictChecker::TargetIndex
TargetConflictChecker::index(const std::vector<Proposal> &proposals)
{
    TargetIndex index;
    for (const Proposal &p : proposals)
        addProposal(&index, p);
    return index;
}

std::vector<Diagnostic> TargetConflictChecker::check(const Proposal &proposal,
                                                     const TargetIndex &index)
{
    std::vector<Diagnostic> out;
    const QString self = proposalKey(proposal);
    QSet<QString> seen;
    std::vector<std::pair<int, int>> positions;
    for (size_t i = 0; i < proposal.artifacts.size(); ++i) {
        const Artifact &a = proposal.artifacts[i];
        const QString path = normalizedPath(a.path);
        if (seen.contains(path))
            continue;
        seen.insert(path);
        const auto group = index.constFind(path);
        if (group == index.constEnd())
            continue;
        const qsizetype others = group->members.size() - (group->members.contains(self) ? 1 : 0);
        if (others <= 0)
            continue;
        QStringList named;
        for (const QString &key : group->first) {
            if (key != self && named.size() < kNamed)
                named << elided(key, 64);
        }
        if (positions.empty())
            positions = artifactHeaderPositions(proposal);
        Diagnostic d;
        d.rule = QStringLiteral("target-conflict");
        d.severity = DiagnosticSeverity::Warning;
        d.file = proposal.sourceFile;
        d.proposalId = proposal.id;
        d.artifact = a.path;
        d.line = positions[i].first;
        d.column = positions[i].second;
        if (others == 1) {
            d.message = QStringLiteral("%1 is also written by %2: approving both means one "
                                       "silently overwrites the other")
                            .arg(elided(a.path), named.value(0));
        } else {
            const QString list = named.join(QStringLiteral(", "))
                                 + (others > named.size() ? QStringLiteral(", ...") : QString());
            d.message = QStringLiteral("%1 is also written by %2 other proposals: %3: approving "
                                       "two of them means one silently overwrites the other")
                            .arg(elided(a.path), QLocale(QLocale::English).toString(others),
                                 list);
        }
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
