// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/decision.h"

#include <QListWidget>

namespace verdict {

// The last decisions made in this window, newest first (a retraction shows as "undone"):
// where the reviewer has just been, one click (or Enter) away, with Ctrl+Z beside it.
class RecentDecisions final : public QListWidget
{
    Q_OBJECT

public:
    static constexpr int kMaxItems = 12;

    explicit RecentDecisions(QWidget *parent = nullptr);
    void add(const Decision &decision);

Q_SIGNALS:
    void proposalActivated(const QString &proposalId);
};

} // namespace verdict
