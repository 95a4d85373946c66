// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>

namespace verdict {

// Whether `text` is one JSON object or array, as QJsonDocument::fromJson would accept it
// (RFC 8259 with Qt's leniencies in strings; nesting up to 1024 levels; white space
// ' ' \t \n \r), without building a document: validating is what the detector needs, and
// building the DOM of every JSON artifact cost a fifth of an import's parse time.
bool isJsonDocument(QStringView text);

} // namespace verdict
