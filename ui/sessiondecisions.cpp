// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessiondecisions.h"

#include "actionregistry.h"
#include "decisioncontroller.h"
#include "plaintext.h"
#include "queue/queuemodel.h"
#include "queuenavigator.h"
#include "recentdecisions.h"
#include "store/storeworker.h"

#include <QAction>
#include <QTableView>

namespace verdict {

namespace {
QString shownId(const QString &id)
{
    return PlainText::line(id, PlainText::kShortChars);
}
} // namespace

SessionDecisions::SessionDecisions(StoreWorker *worker, DecisionController *decisions,
                                   QueueModel *model, QueueNavigator *navigator,
                                   QTableView *queueView, ActionRegistry *actions,
                                   QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_decisions(decisions)
    , m_model(model)
    , m_navigator(navigator)
    , m_queueView(queueView)
    , m_recent(new RecentDecisions)
{
    m_recent->setFocusPolicy(Qt::TabFocus); // a click must not take the queue's keys
    connect(m_recent, &RecentDecisions::proposalActivated, this, [this](const QString &id) {
        if (!m_navigator->selectProposal(id))
            Q_EMIT message(tr("%1 is hidden by the current filter (Ctrl+1 shows every "
                              "proposal).")
                               .arg(shownId(id)),
                           6000);
        m_queueView->setFocus(Qt::OtherFocusReason);
    });
    m_undoAction = actions->add(ActionRegistry::Spec{QStringLiteral("undo"),
                                                     tr("&Undo my last decision"),
                                                     {QKeySequence(QKeySequence::Undo)}},
                                this, &SessionDecisions::undoLast);
    m_undoAction->setEnabled(false);
}

SessionDecisions::~SessionDecisions() = default;

void SessionDecisions::push(const std::vector<Decision> &group)
{
    m_undo.push_back(group);
    updateUndoAction();
}

void SessionDecisions::applyDecided(const Decision &decision)
{
    m_recent->add(decision);
    int &today = m_decidedToday[decision.reviewer];
    today = std::max(0, today + (decision.verdict == Verdict::Retract ? -1 : 1));
    Q_EMIT decidedTodayChanged(decidedToday());
}

void SessionDecisions::setDecidedToday(const QHash<QString, int> &counts)
{
    m_decidedToday = counts;
    Q_EMIT decidedTodayChanged(decidedToday());
}

int SessionDecisions::decidedToday() const
{
    return m_decidedToday.value(m_decisions->reviewer());
}

void SessionDecisions::updateUndoAction()
{
    // Cheap: the queue already knows who has a standing decision on what.
    bool any = !m_undo.empty();
    const QString me = m_decisions->reviewer();
    const auto &reviewers = m_model->reviewers();
    for (auto it = reviewers.cbegin(); !any && it != reviewers.cend(); ++it)
        any = it->contains(me);
    m_undoAction->setEnabled(any);
}

void SessionDecisions::undoLast()
{
    // A decision still on its way to the store is undone once it is there (its undo step
    // is pushed when the store answers).
    if (m_decisions->isBusy()) {
        auto *once = new QObject(this);
        connect(m_decisions, &DecisionController::settled, once, [this, once] {
            delete once;
            undoLast();
        });
        return;
    }
    if (m_undo.empty()) {
        // An earlier session's: the store remembers it.
        QHash<QString, int> shown; // what the queue shows: a decision on an older revision
        for (const QueueEntry &e : m_model->entries())
            shown.insert(e.id, e.revision);
        m_worker->post(
            this,
            [me = m_decisions->reviewer(), shown](Store &store) {
                return StoreJobs::lastStanding(store, me, shown);
            },
            [this](const std::optional<Decision> &last) { applyLastStanding(last); });
        return;
    }
    std::vector<Decision> group = std::move(m_undo.back());
    m_undo.pop_back();
    retract(group);
}

void SessionDecisions::applyLastStanding(const std::optional<Decision> &last)
{
    if (!last) {
        Q_EMIT message(tr("Nothing to undo: no decision of yours stands."), 5000);
        updateUndoAction();
        return;
    }
    retract({*last});
}

void SessionDecisions::retract(const std::vector<Decision> &group)
{
    StoreJobs::DecisionBatch batch;
    batch.verdict = Verdict::Retract; // a decision of its own: the audit trail keeps both
    batch.reason = tr("undo");
    for (const Decision &d : group) {
        StoreJobs::DecisionItem item;
        item.id = d.proposalId;
        item.revision = d.revision;
        batch.items.push_back(item);
    }
    m_decisions->submit(std::move(batch), this,
                        [this](const DecisionController::Outcomes &outcomes) {
                            Retracted out;
                            for (const StoreJobs::DecisionOutcome &o : outcomes) {
                                if (o.decision)
                                    out.undone << o.id;
                                else
                                    out.failure = tr("%1: %2").arg(shownId(o.id),
                                                                   o.error.message);
                            }
                            applyRetracted(out);
                        });
}

void SessionDecisions::applyRetracted(const Retracted &retracted)
{
    const QStringList &undone = retracted.undone;
    updateUndoAction();
    if (!retracted.failure.isEmpty()) {
        Q_EMIT message(tr("Could not undo %1").arg(retracted.failure), 15000);
        if (undone.isEmpty())
            return;
    }
    // Back in the queue, and selected (all of a bulk decision).
    m_navigator->selectProposals(undone);
    if (retracted.failure.isEmpty()) {
        Q_EMIT message(undone.size() == 1
                           ? tr("Undone: %1 is back in the queue.").arg(shownId(undone.first()))
                           : tr("Undone: %1 proposals are back in the queue.")
                                 .arg(undone.size()),
                       6000);
    }
    m_queueView->setFocus(Qt::OtherFocusReason);
}

} // namespace verdict
