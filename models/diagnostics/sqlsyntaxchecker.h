// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"

namespace verdict {

// `syntax-error` for SQL, from PostgreSQL's own parser (libpg_query): every statement is
// parsed, each error at its exact line and column.
class SqlSyntaxChecker final : public Checker
{
public:
    QString id() const override { return QStringLiteral("sql-syntax"); }
    QString version() const override { return QStringLiteral("2"); }
    bool appliesTo(const Artifact &artifact) const override;
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal) override;
};

} // namespace verdict
