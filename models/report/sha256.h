// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace verdict {

// Lower-case hex SHA-256 of `size` bytes. Uses libcrypto when the build found it (its
// SHA-NI/AVX2 code is several times faster than QCryptographicHash, which matters when a
// 40 MB folder is hashed twice: once per report, once per artifact), else Qt's.
QString sha256Hex(const char *data, qsizetype size);

inline QString sha256Hex(const QByteArray &bytes)
{
    return sha256Hex(bytes.constData(), bytes.size());
}

} // namespace verdict
