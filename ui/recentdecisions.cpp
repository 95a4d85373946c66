// SPDX-License-Identifier: GPL-3.0-or-later
#include "recentdecisions.h"

#include "icons.h"
#include "plaintext.h"

namespace verdict {

namespace {

QString verdictWord(Verdict v)
{
    switch (v) {
    case Verdict::Approve: return RecentDecisions::tr("Approved");
    case Verdict::Reject: return RecentDecisions::tr("Rejected");
    case Verdict::Changes: return RecentDecisions::tr("Changes");
    case Verdict::Retract: break;
    }
    return RecentDecisions::tr("Undone");
}

Status statusOf(Verdict v)
{
    switch (v) {
    case Verdict::Approve: return Status::Approved;
    case Verdict::Reject: return Status::Rejected;
    case Verdict::Changes: return Status::Changes;
    case Verdict::Retract: break;
    }
    return Status::Pending;
}

} // namespace

RecentDecisions::RecentDecisions(QWidget *parent) : QListWidget(parent)
{
    setObjectName(QStringLiteral("recentDecisions"));
    setAccessibleName(tr("Recent decisions"));
    setUniformItemSizes(true);
    setTextElideMode(Qt::ElideMiddle);
    const auto open = [this](QListWidgetItem *item) {
        if (item)
            Q_EMIT proposalActivated(item->data(Qt::UserRole).toString());
    };
    connect(this, &QListWidget::itemActivated, this, open);
    connect(this, &QListWidget::itemClicked, this, open);
}

void RecentDecisions::add(const Decision &d)
{
    // The id is report text: bounded here, whole in the data role.
    auto *item = new QListWidgetItem(Icons::status(statusOf(d.verdict)),
                                     verdictWord(d.verdict) + QStringLiteral(" · ")
                                         + PlainText::line(d.proposalId, PlainText::kShortChars));
    item->setData(Qt::UserRole, d.proposalId);
    item->setToolTip(PlainText::toolTip(d.proposalId));
    insertItem(0, item);
    while (count() > kMaxItems)
        delete takeItem(count() - 1);
}

} // namespace verdict
