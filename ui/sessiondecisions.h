// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/store.h"
#include "storejobs.h"

#include <QHash>
#include <QObject>

#include <optional>
#include <vector>

class QAction;
class QTableView;

namespace verdict {

class StoreWorker;

class ActionRegistry;
class DecisionController;
class QueueModel;
class QueueNavigator;
class RecentDecisions;

// This reviewer's decisions in this window: the undo stack (Ctrl+Z retracts the last
// decision or bulk decision, else the latest one of theirs still standing in the store),
// the Recent strip that leads back to them, and the "decided today" count. Owns the undo
// action.
class SessionDecisions final : public QObject
{
    Q_OBJECT

public:
    SessionDecisions(StoreWorker *worker, DecisionController *decisions, QueueModel *model,
                     QueueNavigator *navigator, QTableView *queueView, ActionRegistry *actions,
                     QObject *parent = nullptr);
    ~SessionDecisions() override;

    RecentDecisions *recent() const { return m_recent; }

    // One keystroke's decisions (a bulk decision is one group): one undo step.
    void push(const std::vector<Decision> &group);
    // A decision was recorded (by anyone in this window, an undo included).
    void applyDecided(const Decision &decision);
    // Decisions each reviewer made since local midnight, as read with the queue.
    void setDecidedToday(const QHash<QString, int> &counts);
    int decidedToday() const;
    // Ctrl+Z is enabled while something of mine could be undone.
    void updateUndoAction();

public Q_SLOTS:
    // Retracts this reviewer's last decision (or last bulk decision) of the session, else
    // their latest decision still standing in the store (an earlier session's): a new
    // superseding event, the proposal back to the queue and selected.
    void undoLast();

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);
    void decidedTodayChanged(int count);

private:
    struct Retracted
    {
        QStringList undone;
        QString failure;
    };
    // Retracts on the store thread; applyRetracted() when it answers.
    void retract(const std::vector<Decision> &group);

    void applyLastStanding(const std::optional<Decision> &last);
    void applyRetracted(const Retracted &retracted);

    StoreWorker *m_worker;
    DecisionController *m_decisions;
    QueueModel *m_model;
    QueueNavigator *m_navigator;
    QTableView *m_queueView;
    RecentDecisions *m_recent = nullptr;
    QAction *m_undoAction = nullptr;
    std::vector<std::vector<Decision>> m_undo;
    QHash<QString, int> m_decidedToday; // reviewer -> decisions since local midnight
};

} // namespace verdict
