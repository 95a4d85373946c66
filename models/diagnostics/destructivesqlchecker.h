// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"

namespace verdict {

// `destructive-sql`, from the parse tree (not text patterns): DROP TABLE / SCHEMA /
// DATABASE / COLUMN, TRUNCATE, DELETE or UPDATE without WHERE, at the statement's line.
class DestructiveSqlChecker final : public Checker
{
public:
    QString id() const override { return QStringLiteral("destructive-sql"); }
    QString version() const override { return QStringLiteral("2"); }
    bool appliesTo(const Artifact &artifact) const override;
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal) override;
};

} // namespace verdict
