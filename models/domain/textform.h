// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace verdict {

// The project's one writer of JSON text and of times as text: the audit log's canonical
// form (audit/hashchain.h), the exports, the stores' columns and the proposal codec
// (domain/proposaljson.h) all go through these, so they agree byte for byte.
namespace TextForm {

// "yyyy-MM-ddTHH:mm:ss.zzzZ" in UTC: the only time form hashed, stored and exported.
QString formatTime(const QDateTime &at);
// Parses formatTime()'s form and other ISO 8601 forms (no offset = UTC), to UTC;
// an invalid QDateTime on failure.
QDateTime parseTime(const QString &text);

// Appends `text` as a JSON string literal: '"' -> \", '\' -> \\, \b \f \n \r \t, other
// code points below U+0020 as \u00XX (lower-case hex); everything else literally (UTF-8).
void appendJsonString(QByteArray &out, const QString &text);
// A JSON array of strings, no whitespace: ["a","b"].
QByteArray jsonStringArray(const QStringList &strings);

} // namespace TextForm

} // namespace verdict
