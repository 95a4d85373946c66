// SPDX-License-Identifier: GPL-3.0-or-later
#include "decisioncontroller.h"

#include "store/storeworker.h"

#include <QPointer>
#include <QSettings>

namespace verdict {

DecisionController::DecisionController(StoreWorker *worker, const QString &reviewer,
                                       QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_reviewer(reviewer)
{
}

DecisionController::~DecisionController() = default;

void DecisionController::submit(StoreJobs::DecisionBatch batch, QObject *context,
                                std::function<void(const Outcomes &)> done)
{
    batch.reviewer = m_reviewer;
    QString refusal;
    if (m_reviewer.trimmed().isEmpty())
        refusal = tr("No reviewer name: set VERDICT_REVIEWER or the reviewer setting.");
    else if (batch.resolution && batch.verdict == Verdict::Retract)
        refusal = tr("A conflict is resolved by approving, rejecting or asking for changes.");
    if (!refusal.isEmpty()) {
        Outcomes refused;
        for (const StoreJobs::DecisionItem &item : batch.items) {
            StoreJobs::DecisionOutcome o;
            o.id = item.id;
            o.revision = item.revision;
            o.error = makeError(refusal);
            refused.push_back(o);
        }
        done(refused);
        return;
    }
    QStringList ids;
    for (const StoreJobs::DecisionItem &item : batch.items) {
        m_inFlight.insert(item.id);
        ids << item.id;
    }
    ++m_batches;
    QPointer<QObject> asker(context);
    m_worker->post(
        this, [batch](Store &store) { return StoreJobs::decide(store, batch); },
        [this, ids, asker, done = std::move(done)](const Outcomes &outcomes) {
            for (const QString &id : ids)
                m_inFlight.remove(id);
            --m_batches;
            for (const StoreJobs::DecisionOutcome &o : outcomes) {
                if (o.decision)
                    Q_EMIT decided(*o.decision, o.status);
            }
            if (asker)
                done(outcomes);
            if (m_batches == 0)
                Q_EMIT settled();
        });
}

bool DecisionController::isPermissionError(const Error &error)
{
    // SQLSTATE 42501 insufficient_privilege: the server's trigger for non-leads.
    return error.code == QLatin1String("42501");
}

QString DecisionController::defaultReviewer()
{
    // The name set in Settings, else the same rule as verdict-cli.
    const QString configured = QSettings().value(QStringLiteral("reviewer")).toString().trimmed();
    return configured.isEmpty() ? systemUserName() : configured;
}

} // namespace verdict
