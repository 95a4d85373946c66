// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/store.h"

#include <QObject>

namespace verdict {

// Records decisions. The one path from the UI to Store::decide(), so the (durable, a few
// milliseconds) write can move to a writer thread later without touching the views.
class DecisionController final : public QObject
{
    Q_OBJECT

public:
    DecisionController(Store *store, const QString &reviewer, QObject *parent = nullptr);
    ~DecisionController() override;

    QString reviewer() const { return m_reviewer; }
    void setReviewer(const QString &reviewer) { m_reviewer = reviewer; }

    // Durable when it returns; on success emits decided() with the proposal's new status.
    Result<Decision> decide(const QString &proposalId, int revision, Verdict verdict,
                            const QString &reason = {});
    // A lead's decision that settles a conflict (DecisionRequest::resolution). A team server
    // refuses it from anyone outside verdict_lead: isPermissionError() tells that refusal.
    Result<Decision> resolve(const QString &proposalId, int revision, Verdict verdict,
                             const QString &reason = {});
    static bool isPermissionError(const Error &error);

    // QSettings "reviewer", else $VERDICT_REVIEWER, else the login name.
    static QString defaultReviewer();

Q_SIGNALS:
    void decided(const verdict::Decision &decision, verdict::Status status);

private:
    struct Recorded
    {
        Decision decision;
        Status status = Status::Pending;
    };
    // The store's part: the durable write and the proposal's status after it.
    static Result<Recorded> write(Store *store, const DecisionRequest &request);
    Result<Decision> record(const QString &proposalId, int revision, Verdict verdict,
                            const QString &reason, bool resolution);

    Store *m_store;
    QString m_reviewer;
};

} // namespace verdict
