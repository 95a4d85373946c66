// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/approvalguard.h"
#include "storejobs.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <vector>

class QAction;
class QLayout;
class QPushButton;
class QTableView;

namespace verdict {

class ActionRegistry;
class DecisionController;
class GuardBar;
class QueueModel;
class QueueNavigator;
class ReasonBar;
class SessionDecisions;
class StoreWorker;

// Deciding: A approves (a guarded proposal takes A twice, the guard bar says why; Esc
// cancels the second step), R and C ask for a reason in the reason bar, several selected
// rows make one bulk decision after a confirmation, Shift+A/R/C let a lead resolve a
// conflict. Records through the DecisionController, moves on to the next pending proposal,
// and hands each group of decisions to SessionDecisions (undo). Owns those actions, the
// decision buttons, the team's reason presets and approval guard thresholds.
class ReviewFlow final : public QObject
{
    Q_OBJECT

public:
    ReviewFlow(StoreWorker *worker, DecisionController *decisions, QueueModel *model,
               QueueNavigator *navigator, SessionDecisions *session, QTableView *queueView,
               ActionRegistry *actions, QObject *parent = nullptr);
    ~ReviewFlow() override;

    ReasonBar *reasonBar() const { return m_reasonBar; }
    GuardBar *guardBar() const { return m_guardBar; }
    // Approve, Reject…, Request changes… in a row, right-aligned.
    QLayout *buttonRow() const { return m_buttons; }

    // Bulk decisions ask "Approve 12 proposals?"; tests answer without a dialog.
    void setConfirmHandler(std::function<bool(const QString &question)> handler);
    // Asked when a decision is about to be made without a reviewer name; true when one was
    // set.
    void setReviewerPrompt(std::function<bool()> prompt) { m_askReviewer = std::move(prompt); }

    // The team's reason presets (stored in the database's settings).
    QStringList reasonPresets() const;
    // Saved on the store thread; the bar shows what the store holds once it answers.
    void setReasonPresets(const QStringList &presets);
    // Reads the presets and the approval guard's thresholds again (after Settings).
    void loadTeamSettings();
    // Presets changed elsewhere (the settings dialog saved them).
    void showReasonPresets(const QStringList &presets);

    // The current row changed: a second step or a reason belongs to the proposal it was
    // asked for.
    void currentChanged(const QString &proposalId);
    // A decision was recorded: its row shows the new status.
    void applyDecided(const Decision &decision, Status status);

public Q_SLOTS:
    void approveCurrent();
    void rejectCurrent();
    void requestChangesCurrent();
    // A lead settles the current proposal's conflict (approve at once; reject and changes
    // ask for a reason). Does nothing unless its status is Conflict.
    void resolveCurrent(verdict::Verdict verdict);
    void disarmGuard();
    void editReasonPresets();
    void updateResolveActions();
    void updateButtons();

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);

private:
    // What recording a group of decisions came to.
    struct Recorded
    {
        std::vector<Decision> done;
        QString failure;
        int unchanged = 0; // already my standing verdict: nothing recorded
    };

    static Recorded summarize(const std::vector<StoreJobs::DecisionOutcome> &outcomes,
                              bool resolution);
    void applyTeamSettings(const QStringList &presets, const ApprovalGuard &guard);
    void applyPresetsSaved(const Result<void> &saved);
    // `moved`: the selection already went on to `nextId` when the decision was submitted.
    void applyRecorded(Verdict verdict, const QStringList &ids, bool resolution,
                       const QString &nextId, bool moved, const Recorded &recorded);
    void decide(Verdict verdict, const QString &proposalId, int revision, const QString &reason,
                bool resolution = false);
    void decideMany(Verdict verdict, const QStringList &ids, const QString &reason,
                    bool resolution = false);
    void askReason(Verdict verdict);
    bool currentIsConflict() const;
    bool confirm(const QString &question);
    QString approvalQuestion(const QStringList &ids) const;

    StoreWorker *m_worker;
    DecisionController *m_decisions;
    QueueModel *m_model;
    QueueNavigator *m_navigator;
    SessionDecisions *m_session;
    QTableView *m_queueView;
    ReasonBar *m_reasonBar = nullptr;
    GuardBar *m_guardBar = nullptr;
    QLayout *m_buttons = nullptr;
    QList<QPushButton *> m_decisionButtons;
    QAction *m_guardCancel = nullptr;
    QList<QAction *> m_resolveActions; // enabled only on a proposal in conflict
    ApprovalGuard m_guard; // the team's thresholds, read with the presets
    QStringList m_bulkIds; // the selection a bulk reject/changes reason is being asked for
    std::function<bool(const QString &)> m_confirm;
    std::function<bool()> m_askReviewer;
};

} // namespace verdict
