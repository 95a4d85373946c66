// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/store.h"

#include <QHash>
#include <QMetaType>

namespace verdict {

// The queue as read from a store, with who decided what: what the window needs to show
// the queue and filter it by reviewer. A plain value that crosses threads.
struct QueueSnapshot
{
    bool ok = false;
    QString error;
    std::vector<QueueEntry> entries;
    QHash<QString, QStringList> reviewers;
    // Decisions (not retractions) each reviewer made since local midnight, for "N decided
    // today"; the window counts its own on from there.
    QHash<QString, int> decidedToday;
};

// Reads a snapshot with a store of its own: run on a worker thread, so a queue of 100,000
// proposals never holds up the window.
class QueueLoader final
{
public:
    static QueueSnapshot load(const QString &storeUrl);
    static QueueSnapshot load(Store *store);
};

} // namespace verdict

Q_DECLARE_METATYPE(verdict::QueueSnapshot)
