// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/store.h"

#include <QHash>
#include <QStringList>

#include <vector>

namespace verdict {

// Which proposals write each file, among those a new approval could collide with (pending,
// approved, in conflict): the one index behind the queue's "shared target" mark, the
// has:shared-target filter and the approval guard. Targets are compared normalised
// ("./a/../b.sql" is "b.sql").
class TargetWriters final
{
public:
    void rebuild(const std::vector<QueueEntry> &entries);
    // After `entry`'s status changed from `before`: true when some target of it became, or
    // stopped being, shared (other rows' marks change too).
    bool statusChanged(const QueueEntry &entry, Status before);

    // The other proposals that write one of `entry`'s targets (each once, queue order).
    QStringList others(const QueueEntry &entry, int limit = -1) const;
    int othersCount(const QueueEntry &entry) const;
    bool shared(const QueueEntry &entry) const { return othersCount(entry) > 0; }

    static QString normalised(const QString &path);
    static bool mayCollide(Status status);

private:
    QHash<QString, QStringList> m_writers;
};

} // namespace verdict
