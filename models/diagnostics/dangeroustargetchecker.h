// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/diagnostic.h"
#include "domain/proposal.h"

#include <vector>

namespace verdict {

// `dangerous-target` (proposal level, error): an artifact's path leaves the project (an
// absolute path, Windows drive or share, '..' above the project after normalising, a home
// folder or an environment variable) or names a file that runs code or grants access by
// itself (shell start-up files, SSH keys and config, cron, sudoers, systemd units, CI
// workflows, .git hooks and config). Approving such a proposal is rarely what the reviewer
// means, so each gets an error saying why, at its "Create or update the file PATH" sentence.
// It depends on the path, not the content: never cached with the artifact checks.
class DangerousTargetChecker final
{
public:
    static QString version() { return QStringLiteral("1"); }
    // Why writing `path` is dangerous ("writes outside the project: absolute path; shell
    // start-up file: ..."), or empty when it is not.
    static QString reason(const QString &path);
    static std::vector<Diagnostic> check(const Proposal &proposal);
};

} // namespace verdict
