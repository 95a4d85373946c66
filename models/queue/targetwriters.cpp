// SPDX-License-Identifier: GPL-3.0-or-later
#include "targetwriters.h"

#include <QDir>
#include <QSet>

namespace verdict {

QString TargetWriters::normalised(const QString &path)
{
    QString p = path.trimmed();
    p.replace(QLatin1Char('\\'), QLatin1Char('/'));
    return QDir::cleanPath(p);
}

bool TargetWriters::mayCollide(Status s)
{
    return s == Status::Pending || s == Status::Approved || s == Status::Conflict;
}

void TargetWriters::rebuild(const std::vector<QueueEntry> &entries)
{
    m_writers.clear();
    for (const QueueEntry &e : entries) {
        if (!mayCollide(e.status))
            continue;
        for (const QString &t : e.targets) {
            QStringList &ids = m_writers[normalised(t)];
            if (ids.isEmpty() || ids.constLast() != e.id)
                ids << e.id;
        }
    }
}

bool TargetWriters::statusChanged(const QueueEntry &e, Status before)
{
    const bool was = mayCollide(before);
    const bool is = mayCollide(e.status);
    if (was == is)
        return false;
    bool crossed = false;
    for (const QString &t : e.targets) {
        QStringList &ids = m_writers[normalised(t)];
        const qsizetype size = ids.size();
        if (is && !ids.contains(e.id))
            ids << e.id;
        else if (!is)
            ids.removeAll(e.id);
        crossed = crossed || (size >= 2) != (ids.size() >= 2);
    }
    return crossed;
}

QStringList TargetWriters::others(const QueueEntry &e, int limit) const
{
    QStringList out;
    QSet<QString> seen;
    for (const QString &t : e.targets) {
        const auto it = m_writers.constFind(normalised(t));
        if (it == m_writers.cend())
            continue;
        for (const QString &id : *it) {
            if (id == e.id || seen.contains(id))
                continue;
            seen.insert(id);
            out << id;
            if (limit >= 0 && out.size() >= limit)
                return out;
        }
    }
    return out;
}

int TargetWriters::othersCount(const QueueEntry &e) const
{
    // One target (the common case): no set needed.
    if (e.targets.size() == 1) {
        const auto it = m_writers.constFind(normalised(e.targets.first()));
        if (it == m_writers.cend())
            return 0;
        return int(it->size()) - (it->contains(e.id) ? 1 : 0);
    }
    return int(others(e).size());
}

} // namespace verdict
