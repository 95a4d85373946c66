// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"

#include <QJsonParseError>

namespace verdict {

// `syntax-error` for JSON, from Qt's JSON parser (its error offset mapped to line/column).
class JsonSyntaxChecker final : public Checker
{
public:
    QString id() const override { return QStringLiteral("json-syntax"); }
    QString version() const override { return QStringLiteral("1"); }
    bool appliesTo(const Artifact &artifact) const override;
    std::vector<Diagnostic> check(const Artifact &artifact, const Proposal &proposal) override;

    // What Qt's JSON parser says of `content` (NoError when it is JSON). Memoized per
    // thread for the last content: language detection asks first, then check() reports
    // why not, and the text is parsed once.
    static QJsonParseError parse(const QString &content);
};

} // namespace verdict
