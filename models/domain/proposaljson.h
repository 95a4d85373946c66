// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/proposal.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

#include <vector>

namespace verdict {

// The one JSON codec of proposals, for every store: the whole proposal as a document (the
// team server's proposal_revisions.document) and the list columns a revision row keeps
// (risks, mitigations, problems, artifact paths and languages). Strings go through
// TextForm, so U+0000 survives as \u0000.
namespace ProposalJson {

// {"sourceFile":...,"artifacts":[{...}],...,"sha256":...}: every member of Proposal but
// bodyUtf8; absent optionals are null.
QJsonObject toJson(const Proposal &proposal);
QByteArray toText(const Proposal &proposal); // compact
Proposal fromJson(const QJsonObject &object);
Proposal fromText(const QByteArray &text); // unreadable text gives an empty Proposal

// ["a","b"]
QByteArray strings(const QStringList &list);
QStringList stringsFrom(const QByteArray &json);
// [[line,"message"],...]
QByteArray problems(const std::vector<Problem> &problems);
std::vector<Problem> problemsFrom(const QByteArray &json);

} // namespace ProposalJson

} // namespace verdict
