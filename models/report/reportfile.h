// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace verdict::ReportFile {

// The bytes of a regular file of at most ReportParser::kMaxFileBytes into `data`, or why
// not (an empty string when read). Examined before it is opened: a FIFO, a device, a
// folder or a dangling link is named, never opened.
QString readRegularFile(const QString &path, QByteArray *data);

} // namespace verdict::ReportFile
