// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/auditevent.h"
#include "domain/decision.h"

namespace verdict {

// How audit events name things, shared by every store so all logs read alike.
namespace AuditEvents {

// "PROPOSAL_ID@REVISION"
QString subject(const QString &proposalId, int revision);

// The event that records a decision (time left for the store to set); `previousVerdict`
// is the verdict of the decision it supersedes.
AuditEvent forDecision(const Decision &decision, const QString &previousVerdict);

} // namespace AuditEvents
} // namespace verdict
