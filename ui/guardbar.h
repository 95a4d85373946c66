// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>
#include <QStringList>

class QLabel;

namespace verdict {

// The second step of a guarded approval, inline beside the Approve button (never a modal
// dialog): says why this proposal needs a second look; A again approves, Esc, moving on or
// any other decision disarms it. The keyboard focus stays in the queue.
class GuardBar final : public QFrame
{
    Q_OBJECT

public:
    explicit GuardBar(QWidget *parent = nullptr);

    void arm(const QString &proposalId, int revision, const QStringList &reasons);
    void disarm();
    bool isArmedFor(const QString &proposalId, int revision) const;
    QString text() const;
    // The bar's height for a message of `lines` lines.
    int heightForLines(int lines) const;

private:
    QLabel *m_label = nullptr;
    QString m_proposalId;
    int m_revision = 0;
};

} // namespace verdict
