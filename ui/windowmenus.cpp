// SPDX-License-Identifier: GPL-3.0-or-later
#include "windowmenus.h"

#include "actionregistry.h"

namespace verdict {

void WindowMenus::layOut(ActionRegistry *actions)
{
    // An empty id is a separator.
    const QString sep;
    QStringList find{QStringLiteral("filter"), QStringLiteral("saveView"), sep};
    for (int i = 1; actions->action(QStringLiteral("view%1").arg(i)); ++i)
        find << QStringLiteral("view%1").arg(i);
    actions->addMenu(tr("&File"), {QStringLiteral("openReports"), QStringLiteral("openFolder"),
                                   QStringLiteral("watchFolder"), QStringLiteral("setReviewer"),
                                   QStringLiteral("editReasonPresets"), sep,
                                   QStringLiteral("exportAuditLog"), QStringLiteral("settings"),
                                   sep, QStringLiteral("quit")});
    actions->addMenu(
        tr("&Review"),
        {QStringLiteral("approve"), QStringLiteral("cancelSecondStep"), QStringLiteral("reject"),
         QStringLiteral("requestChanges"), QStringLiteral("undo"),
         QStringLiteral("copyProposalId"), sep, QStringLiteral("resolveApprove"),
         QStringLiteral("resolveReject"), QStringLiteral("resolveChanges"), sep,
         QStringLiteral("nextProposal"), QStringLiteral("previousProposal"),
         QStringLiteral("otherWriter"), QStringLiteral("defer"), QStringLiteral("pinTab"),
         QStringLiteral("wrapCode"), QStringLiteral("nextDiagnostic"),
         QStringLiteral("previousDiagnostic"), QStringLiteral("nextTab"),
         QStringLiteral("previousTab"), QStringLiteral("pageDown"), QStringLiteral("pageUp"),
         QStringLiteral("history")});
    actions->addMenu(tr("&Find"), find);
    actions->addMenu(tr("&View"), {QStringLiteral("statistics"), QStringLiteral("viewsPane")});
    actions->addMenu(tr("&Team"), {QStringLiteral("syncNow")});
    actions->addMenu(tr("&Help"), {QStringLiteral("keyboardShortcuts")});
}

} // namespace verdict
