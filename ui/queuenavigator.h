// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSet>
#include <QStringList>

class QTableView;

namespace verdict {

class ActionRegistry;
class QueueFilterProxy;
class QueueModel;

// Where the reviewer is in the queue: the current row and the selection, J/K, the next
// pending proposal after a decision, O (the other proposals writing the same file), D
// (defer: skip for now, kept per reviewer and database in QSettings), and copying the
// selected rows' whole values. Owns those actions.
class QueueNavigator final : public QObject
{
    Q_OBJECT

public:
    // `storeUrl` names the database the deferrals belong to.
    QueueNavigator(QTableView *view, QueueModel *model, QueueFilterProxy *proxy,
                   const QString &storeUrl, ActionRegistry *actions, QObject *parent = nullptr);
    ~QueueNavigator() override;

    QString currentProposalId() const;
    int currentRevision() const;
    int currentProxyRow() const;
    // Proposal ids of the selected rows, in queue order (the current one when alone).
    QStringList selectedProposalIds() const;
    bool selectProposal(const QString &id);
    // Selects a row of the queue as shown (sorted); false when out of range.
    bool selectRow(int proxyRow);
    // Selects the first of `ids` and adds the others (shown ones) to the selection.
    void selectProposals(const QStringList &ids);

    // The next pending, not deferred proposal after these rows, in the order shown (wraps);
    // empty when none. Asked before a decision changes (and maybe moves) the rows.
    // `skip`: proposals whose decision is on its way to the store (still pending here).
    QString nextPendingAfter(const QStringList &ids, const QSet<QString> &skip = {}) const;

    // Deferrals are per reviewer: reloads them.
    void setReviewer(const QString &name);

public Q_SLOTS:
    void nextProposal();
    void previousProposal();
    void nextSharingTarget();
    void toggleDeferred();
    // Puts a queue role's whole value (ids, opportunities, paths) of the selected rows on
    // the clipboard, one per line: the cells and labels show them cut.
    void copySelected(int role);

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);
    // D was pressed on the current proposal (before the queue moves on).
    void deferring();

private:
    QString deferredKey() const;
    void loadDeferred();

    QTableView *m_view;
    QueueModel *m_model;
    QueueFilterProxy *m_proxy;
    QString m_storeUrl;
    QString m_reviewer;
    QSet<QString> m_deferred; // this reviewer's, see deferredKey()
};

} // namespace verdict
