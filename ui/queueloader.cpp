// SPDX-License-Identifier: GPL-3.0-or-later
#include "queueloader.h"

#include "queue/filterquery.h"

#include <QCoreApplication>

namespace verdict {

QueueSnapshot QueueLoader::load(const QString &storeUrl)
{
    auto store = openStore(storeUrl);
    if (!store) {
        QueueSnapshot s;
        s.error = QCoreApplication::translate("verdict::QueueLoader",
                                              "Cannot open the database %1: %2")
                      .arg(redactStoreUrl(storeUrl),
                           redactStoreUrl(store.errorMessage(), storeUrl));
        return s;
    }
    return load(store.value().get());
}

QueueSnapshot QueueLoader::load(Store *store)
{
    QueueSnapshot s;
    auto queue = store->queue();
    if (!queue) {
        s.error = queue.errorMessage();
        return s;
    }
    s.entries = std::move(queue).value();
    auto decisions = store->allDecisions();
    if (decisions) {
        s.reviewers = FilterQuery::reviewersByProposal(decisions.value());
        const QDate today = QDate::currentDate();
        for (const Decision &d : decisions.value()) {
            if (d.verdict != Verdict::Retract && d.decidedAt.toLocalTime().date() == today)
                ++s.decidedToday[d.reviewer];
        }
    }
    s.ok = true;
    return s;
}

} // namespace verdict
