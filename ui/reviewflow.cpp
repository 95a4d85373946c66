// SPDX-License-Identifier: GPL-3.0-or-later
#include "reviewflow.h"

#include "actionregistry.h"
#include "decisioncontroller.h"
#include "guardbar.h"
#include "icons.h"
#include "plaintext.h"
#include "queue/queuemodel.h"
#include "queuenavigator.h"
#include "reasonbar.h"
#include "reasonpresets.h"
#include "sessiondecisions.h"
#include "store/storeworker.h"

#include <QAction>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>

namespace verdict {

namespace {

// An id in a status message: ids are report text, and may be of any length.
QString shownId(const QString &id)
{
    return PlainText::line(id, PlainText::kShortChars);
}

QString doneWord(Verdict v)
{
    switch (v) {
    case Verdict::Approve: return ReviewFlow::tr("approved");
    case Verdict::Reject: return ReviewFlow::tr("rejected");
    case Verdict::Changes: return ReviewFlow::tr("sent back for changes");
    case Verdict::Retract: break;
    }
    return ReviewFlow::tr("retracted");
}

} // namespace

ReviewFlow::ReviewFlow(StoreWorker *worker, DecisionController *decisions, QueueModel *model,
                       QueueNavigator *navigator, SessionDecisions *session,
                       QTableView *queueView, ActionRegistry *actions, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_decisions(decisions)
    , m_model(model)
    , m_navigator(navigator)
    , m_session(session)
    , m_queueView(queueView)
    , m_reasonBar(new ReasonBar)
    , m_guardBar(new GuardBar)
{
    auto *approve = new QPushButton(Icons::status(Status::Approved), tr("Approve  (A)"));
    auto *reject = new QPushButton(Icons::status(Status::Rejected), tr("Reject…  (R)"));
    auto *changes = new QPushButton(Icons::status(Status::Changes), tr("Request changes…  (C)"));
    approve->setObjectName(QStringLiteral("approveButton"));
    approve->setToolTip(tr("Approve the selected proposals (A)"));
    reject->setToolTip(tr("Reject the selected proposals, with a reason (R)"));
    changes->setToolTip(tr("Ask for changes on the selected proposals (C)"));
    m_decisionButtons = {approve, reject, changes};
    for (QPushButton *b : std::as_const(m_decisionButtons)) {
        b->setAutoDefault(false);
        b->setFocusPolicy(Qt::TabFocus); // a click must not steal the queue's keyboard focus
    }
    connect(approve, &QPushButton::clicked, this, &ReviewFlow::approveCurrent);
    connect(reject, &QPushButton::clicked, this, &ReviewFlow::rejectCurrent);
    connect(changes, &QPushButton::clicked, this, &ReviewFlow::requestChangesCurrent);
    // Placed by the window (DecisionArea): beside the guard's message, right-aligned.
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    for (QPushButton *b : std::as_const(m_decisionButtons))
        buttons->addWidget(b);
    m_buttons = buttons;

    connect(m_reasonBar, &ReasonBar::confirmed, this,
            [this](Verdict verdict, const QString &id, int revision, const QString &reason) {
                decide(verdict, id, revision, reason, m_reasonBar->isResolution());
            });
    connect(m_reasonBar, &ReasonBar::cancelled, this, [this] {
        m_bulkIds.clear();
        Q_EMIT message(tr("Cancelled: nothing recorded."), 3000);
        m_queueView->setFocus(Qt::OtherFocusReason);
    });

    using Spec = ActionRegistry::Spec;
    actions->add(Spec{QStringLiteral("approve"), tr("&Approve"), {QKeySequence(Qt::Key_A)}},
                 this, &ReviewFlow::approveCurrent);
    // Esc cancels a guarded approval's second step; enabled only while one is asked.
    m_guardCancel = actions->add(Spec{QStringLiteral("cancelSecondStep"),
                                      tr("Cancel the second step"),
                                      {QKeySequence(Qt::Key_Escape)}},
                                 this, &ReviewFlow::disarmGuard);
    m_guardCancel->setEnabled(false);
    actions->add(Spec{QStringLiteral("reject"), tr("&Reject…"), {QKeySequence(Qt::Key_R)}},
                 this, &ReviewFlow::rejectCurrent);
    actions->add(Spec{QStringLiteral("requestChanges"), tr("Request &changes…"),
                      {QKeySequence(Qt::Key_C)}},
                 this, &ReviewFlow::requestChangesCurrent);
    // A lead's word on a conflict; the team server accepts it from verdict_lead only.
    m_resolveActions = {
        actions->add(Spec{QStringLiteral("resolveApprove"), tr("Resolve conflict: a&pprove"),
                          {QKeySequence(Qt::SHIFT | Qt::Key_A)}},
                     this, [this] { resolveCurrent(Verdict::Approve); }),
        actions->add(Spec{QStringLiteral("resolveReject"), tr("Resolve conflict: re&ject…"),
                          {QKeySequence(Qt::SHIFT | Qt::Key_R)}},
                     this, [this] { resolveCurrent(Verdict::Reject); }),
        actions->add(Spec{QStringLiteral("resolveChanges"),
                          tr("Resolve conflict: request chan&ges…"),
                          {QKeySequence(Qt::SHIFT | Qt::Key_C)}},
                     this, [this] { resolveCurrent(Verdict::Changes); }),
    };
    for (QAction *a : std::as_const(m_resolveActions))
        a->setEnabled(false);
    actions->add(Spec{QStringLiteral("editReasonPresets"), tr("Edit reason &presets…"),
                      {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)}},
                 this, &ReviewFlow::editReasonPresets);

    m_confirm = [this](const QString &question) {
        return QMessageBox::question(m_queueView->window(), tr("Verdict"), question,
                                     QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Yes)
               == QMessageBox::Yes;
    };
    loadTeamSettings();
}

ReviewFlow::~ReviewFlow() = default;

// --- store access ---------------------------------------------------------------------

void ReviewFlow::loadTeamSettings()
{
    m_worker->post(
        this,
        [](Store &store) {
            return std::make_pair(ReasonPresets::load(&store), ApprovalGuard::fromStore(&store));
        },
        [this](const std::pair<QStringList, ApprovalGuard> &team) {
            applyTeamSettings(team.first, team.second);
        });
}

ReviewFlow::Recorded ReviewFlow::summarize(const std::vector<StoreJobs::DecisionOutcome> &outcomes,
                                           bool resolution)
{
    Recorded out;
    for (const StoreJobs::DecisionOutcome &o : outcomes) {
        if (o.unchanged) {
            ++out.unchanged;
        } else if (o.decision) {
            out.done.push_back(*o.decision);
        } else if (resolution && DecisionController::isPermissionError(o.error)) {
            // One plain sentence, not the server's text: the lead role is what is missing.
            out.failure = tr("%1: only a lead (a member of verdict_lead on the team server) "
                             "may resolve a conflict; it stays in conflict.")
                              .arg(shownId(o.id));
        } else {
            out.failure = tr("%1: %2").arg(shownId(o.id), o.error.message);
        }
    }
    return out;
}

void ReviewFlow::setReasonPresets(const QStringList &presets)
{
    m_worker->post(
        this, [presets](Store &store) { return ReasonPresets::save(&store, presets); },
        [this](const Result<void> &saved) { applyPresetsSaved(saved); });
}

// --- applying results -----------------------------------------------------------------

void ReviewFlow::applyTeamSettings(const QStringList &presets, const ApprovalGuard &guard)
{
    m_reasonBar->setPresets(presets);
    m_guard = guard;
}

void ReviewFlow::applyPresetsSaved(const Result<void> &saved)
{
    if (!saved) {
        Q_EMIT message(tr("Presets not saved: %1").arg(saved.errorMessage()), 15000);
        return;
    }
    loadTeamSettings(); // what the store holds now (blank lines dropped), and the guard
}

void ReviewFlow::showReasonPresets(const QStringList &presets)
{
    m_reasonBar->setPresets(presets);
}

QStringList ReviewFlow::reasonPresets() const
{
    return m_reasonBar->presets();
}

void ReviewFlow::editReasonPresets()
{
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(
        m_queueView->window(), tr("Reason presets"),
        tr("One reason per line. Everyone using this database sees them; the first nine "
           "get the keys 1-9 in the reason box."),
        reasonPresets().join(QLatin1Char('\n')), &ok);
    if (ok)
        setReasonPresets(text.split(QLatin1Char('\n'), Qt::SkipEmptyParts));
}

void ReviewFlow::currentChanged(const QString &proposalId)
{
    if (m_reasonBar->isAsking() && m_reasonBar->proposalId() != proposalId)
        m_reasonBar->cancel();
    updateResolveActions();
}

void ReviewFlow::applyDecided(const Decision &decision, Status status)
{
    m_model->setStatus(decision.proposalId, status);
    m_model->setReviewerDecision(decision.proposalId, decision.reviewer,
                                 decision.verdict != Verdict::Retract);
}

void ReviewFlow::updateButtons()
{
    const bool any = m_queueView->currentIndex().isValid();
    for (QPushButton *b : std::as_const(m_decisionButtons))
        b->setEnabled(any);
}

void ReviewFlow::setConfirmHandler(std::function<bool(const QString &)> handler)
{
    m_confirm = std::move(handler);
}

bool ReviewFlow::confirm(const QString &question)
{
    return m_confirm ? m_confirm(question) : true;
}

// --- deciding -------------------------------------------------------------------------

void ReviewFlow::approveCurrent()
{
    const QStringList ids = m_navigator->selectedProposalIds();
    if (ids.isEmpty())
        return;
    if (m_reasonBar->isAsking())
        m_reasonBar->cancel();
    if (ids.size() == 1) {
        // A guarded proposal takes A twice: the first says why, inline.
        const QueueEntry *entry = m_model->entryAt(m_model->rowForId(ids.first()));
        const QStringList why =
            entry ? m_guard.reasons(*entry, m_model->targetWriters()) : QStringList();
        if (!why.isEmpty() && !m_guardBar->isArmedFor(entry->id, entry->revision)) {
            m_guardBar->arm(entry->id, entry->revision, why);
            m_guardCancel->setEnabled(true);
            return;
        }
    } else if (!confirm(approvalQuestion(ids))) {
        return;
    }
    disarmGuard();
    decideMany(Verdict::Approve, ids, QString());
}

QString ReviewFlow::approvalQuestion(const QStringList &ids) const
{
    QStringList guarded;
    for (const QString &id : ids) {
        const QueueEntry *entry = m_model->entryAt(m_model->rowForId(id));
        const QStringList why =
            entry ? m_guard.reasons(*entry, m_model->targetWriters()) : QStringList();
        if (!why.isEmpty())
            guarded << QStringLiteral("%1: %2").arg(id.left(60), why.join(QStringLiteral("; ")));
    }
    QString question = tr("Approve %1 proposals?").arg(ids.size());
    if (!guarded.isEmpty()) {
        question += QLatin1Char('\n')
                    + tr("%n of them need a second look:", nullptr, int(guarded.size()));
        for (int i = 0; i < guarded.size() && i < 10; ++i)
            question += QStringLiteral("\n• ") + guarded.at(i);
        if (guarded.size() > 10)
            question += QStringLiteral("\n• ") + tr("… and %1 more").arg(guarded.size() - 10);
    }
    return question;
}

void ReviewFlow::disarmGuard()
{
    m_guardBar->disarm();
    m_guardCancel->setEnabled(false);
}

void ReviewFlow::rejectCurrent()
{
    disarmGuard();
    askReason(Verdict::Reject);
}

void ReviewFlow::requestChangesCurrent()
{
    disarmGuard();
    askReason(Verdict::Changes);
}

void ReviewFlow::askReason(Verdict verdict)
{
    const QModelIndex current = m_queueView->currentIndex();
    const QStringList ids = m_navigator->selectedProposalIds();
    if (!current.isValid() || ids.isEmpty())
        return;
    m_bulkIds = ids.size() > 1 ? ids : QStringList();
    m_reasonBar->ask(verdict, current.data(QueueModel::IdRole).toString(),
                     current.data(QueueModel::RevisionRole).toInt(), int(ids.size()));
}

bool ReviewFlow::currentIsConflict() const
{
    const QModelIndex current = m_queueView->currentIndex();
    return current.isValid()
           && current.data(QueueModel::StatusRole).toInt() == int(Status::Conflict);
}

void ReviewFlow::updateResolveActions()
{
    // One proposal at a time: a resolution is a considered call, never a bulk one.
    const bool enabled = currentIsConflict() && m_navigator->selectedProposalIds().size() == 1;
    for (QAction *a : std::as_const(m_resolveActions))
        a->setEnabled(enabled);
}

void ReviewFlow::resolveCurrent(Verdict verdict)
{
    if (!currentIsConflict() || verdict == Verdict::Retract)
        return;
    const QModelIndex current = m_queueView->currentIndex();
    const QString id = current.data(QueueModel::IdRole).toString();
    const int revision = current.data(QueueModel::RevisionRole).toInt();
    m_bulkIds.clear();
    if (verdict == Verdict::Approve) {
        if (m_reasonBar->isAsking())
            m_reasonBar->cancel();
        decide(verdict, id, revision, QString(), true);
        return;
    }
    m_reasonBar->ask(verdict, id, revision, 1, true);
}

void ReviewFlow::decide(Verdict verdict, const QString &proposalId, int revision,
                        const QString &reason, bool resolution)
{
    if (!resolution && !m_bulkIds.isEmpty() && m_bulkIds.contains(proposalId)) {
        const QStringList ids = std::exchange(m_bulkIds, QStringList());
        decideMany(verdict, ids, reason);
        return;
    }
    m_bulkIds.clear();
    // The reason bar asked about this revision: decide on it, not on whatever is latest now.
    const QueueEntry *entry = m_model->entryAt(m_model->rowForId(proposalId));
    if (entry && entry->revision != revision) {
        Q_EMIT message(tr("Not recorded: %1 changed to revision %2 while you were deciding; "
                          "look again.")
                           .arg(shownId(proposalId))
                           .arg(entry->revision),
                       15000);
        return;
    }
    decideMany(verdict, {proposalId}, reason, resolution);
}

void ReviewFlow::decideMany(Verdict verdict, const QStringList &ids, const QString &reason,
                            bool resolution)
{
    const QString nextId = m_navigator->nextPendingAfter(ids, m_decisions->inFlight());
    if (m_decisions->reviewer().trimmed().isEmpty() && !(m_askReviewer && m_askReviewer())) {
        Q_EMIT message(tr("Not recorded: a decision needs a reviewer name."), 15000);
        return;
    }
    const QString me = m_decisions->reviewer();
    StoreJobs::DecisionBatch batch;
    batch.verdict = verdict;
    batch.reason = reason;
    batch.resolution = resolution;
    // The reviewer moves on at once, the store writes behind: unless the answer decides
    // what happens next (a lead's resolution may be refused; the same verdict again
    // records nothing and stays).
    bool waitForAnswer = resolution;
    for (const QString &id : ids) {
        const QueueEntry *entry = m_model->entryAt(m_model->rowForId(id));
        StoreJobs::DecisionItem item;
        item.id = id;
        item.revision = entry ? entry->revision : 0;
        // The queue already knows who has a standing decision: only then the store is asked
        // which (A on an undecided proposal, the common case, costs no query).
        item.mayStand = !resolution && m_model->reviewers().value(id).contains(me);
        waitForAnswer = waitForAnswer || item.mayStand;
        batch.items.push_back(item);
    }
    const bool moved = !waitForAnswer && !nextId.isEmpty();
    m_decisions->submit(std::move(batch), this,
                        [this, verdict, ids, resolution, nextId, moved](
                            const DecisionController::Outcomes &outcomes) {
                            applyRecorded(verdict, ids, resolution, nextId, moved,
                                          summarize(outcomes, resolution));
                        });
    if (moved) {
        m_navigator->selectProposal(nextId);
        m_queueView->setFocus(Qt::OtherFocusReason);
    }
}

void ReviewFlow::applyRecorded(Verdict verdict, const QStringList &ids, bool resolution,
                               const QString &nextId, bool moved, const Recorded &recorded)
{
    if (!recorded.done.empty())
        m_session->push(recorded.done);
    if (recorded.done.empty() && recorded.failure.isEmpty() && recorded.unchanged > 0) {
        Q_EMIT message(ids.size() == 1
                           ? tr("Already %1 by you: nothing recorded.").arg(doneWord(verdict))
                           : tr("All %1 already %2 by you: nothing recorded.")
                                 .arg(ids.size())
                                 .arg(doneWord(verdict)),
                       6000);
        return;
    }
    if (!recorded.failure.isEmpty()) {
        Q_EMIT message(recorded.done.empty()
                           ? tr("Not recorded: %1").arg(recorded.failure)
                           : tr("Recorded %1 of %2; not recorded: %3")
                                 .arg(recorded.done.size())
                                 .arg(ids.size())
                                 .arg(recorded.failure),
                       15000);
        return;
    }
    const QueueEntry *first = m_model->entryAt(m_model->rowForId(ids.first()));
    const QString label = statusLabel(first ? first->status : Status::Pending);
    if (resolution) {
        Q_EMIT message(tr("Conflict resolved — %1: %2").arg(label, shownId(ids.first())), 6000);
    } else {
        Q_EMIT message(ids.size() == 1
                           ? tr("%1: %2  (Ctrl+Z undoes)").arg(label, shownId(ids.first()))
                           : tr("%1: %2 proposals  (Ctrl+Z undoes)").arg(label).arg(ids.size()),
                       4000);
    }
    if (moved)
        return;
    if (!nextId.isEmpty())
        m_navigator->selectProposal(nextId);
    else if (const int pending = m_model->pendingCount(); pending > 0)
        Q_EMIT message(tr("No pending proposal left in this view; %n pending in the whole "
                          "queue.",
                          nullptr, pending),
                       8000);
    else
        Q_EMIT message(tr("Every proposal in the queue has a decision."), 8000);
    m_queueView->setFocus(Qt::OtherFocusReason);
}

} // namespace verdict
