// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"

namespace verdict {

// Schema design warnings from the SQL parse tree, for tables created in the artifact:
// `fk-without-index` (a foreign key column no index leads with), `table-without-primary-key`,
// `id-array` (an array of ids standing in for a relation).
class SqlLintChecker final : public Checker
{
public:
    QString id() const override { return QStringLiteral("sql-lint"); }
    QString version() const override { return QStringLiteral("2"); }
    bool appliesTo(const Artifact &artifact) const override;
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal) override;
};

} // namespace verdict
