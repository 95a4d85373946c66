// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"

namespace verdict {

// `syntax-error` for JSON, from Qt's JSON parser (its error offset mapped to line/column).
class JsonSyntaxChecker final : public Checker
{
public:
    QString id() const override { return QStringLiteral("json-syntax"); }
    QString version() const override { return QStringLiteral("1"); }
    bool appliesTo(const Artifact &artifact) const override;
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal) override;
};

} // namespace verdict
