// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storejobs.h"

#include <QObject>
#include <QSet>

#include <functional>

namespace verdict {

class StoreWorker;

// Records decisions: the one path from the UI to Store::decide(). A batch goes to the store
// thread (StoreWorker) and is written there, each decision durable before the next, in the
// order they were submitted; the window goes on at once and hears back here.
class DecisionController final : public QObject
{
    Q_OBJECT

public:
    using Outcomes = std::vector<StoreJobs::DecisionOutcome>;

    DecisionController(StoreWorker *worker, const QString &reviewer, QObject *parent = nullptr);
    ~DecisionController() override;

    QString reviewer() const { return m_reviewer; }
    void setReviewer(const QString &reviewer) { m_reviewer = reviewer; }

    // Writes `batch` (its reviewer is this controller's) on the store thread; then emits
    // decided() for each decision recorded and calls done(outcomes) in `context`'s lifetime.
    // A resolution with Retract is refused before anything is written.
    void submit(StoreJobs::DecisionBatch batch, QObject *context,
                std::function<void(const Outcomes &)> done);
    // Proposals with a decision submitted and not yet answered.
    const QSet<QString> &inFlight() const { return m_inFlight; }
    bool isBusy() const { return m_batches > 0; }

    // A team server refuses a resolution from anyone outside verdict_lead.
    static bool isPermissionError(const Error &error);
    // QSettings "reviewer", else $VERDICT_REVIEWER, else the login name.
    static QString defaultReviewer();

Q_SIGNALS:
    void decided(const verdict::Decision &decision, verdict::Status status);
    // Every submitted batch is answered.
    void settled();

private:
    StoreWorker *m_worker;
    QString m_reviewer;
    QSet<QString> m_inFlight;
    int m_batches = 0;
};

} // namespace verdict
