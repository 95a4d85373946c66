// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/sha256.h"

#include <QCryptographicHash>

#ifdef VERDICT_HAVE_LIBCRYPTO
#include <openssl/evp.h>
#endif

namespace verdict {

QString sha256Hex(const char *data, qsizetype size)
{
#ifdef VERDICT_HAVE_LIBCRYPTO
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data, size_t(size), digest, &length, EVP_sha256(), nullptr) == 1)
        return QString::fromLatin1(
            QByteArray::fromRawData(reinterpret_cast<const char *>(digest), int(length))
                .toHex());
#endif
    // Also the fallback should libcrypto ever fail (it does not for SHA-256).
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArray::fromRawData(data, int(size)));
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace verdict
