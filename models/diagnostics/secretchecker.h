// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"

namespace verdict {

// `secret`: hard-coded credentials in any artifact: cloud access keys, private key blocks,
// well-known token formats, quoted literals assigned to secret-looking names, connection
// strings with a password. Obvious placeholders ("changeme", "${DB_PASSWORD}", "<token>",
// an environment variable's name) are not reported: they are not secrets, and reporting
// them would teach reviewers to ignore the rule. Messages never repeat the secret.
class SecretChecker final : public Checker
{
public:
    QString id() const override { return QStringLiteral("secret"); }
    QString version() const override { return QStringLiteral("1"); }
    bool appliesTo(const Artifact &artifact) const override;
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal) override;

    // True for values that are clearly not real credentials.
    static bool isPlaceholder(const QString &value);
};

} // namespace verdict
