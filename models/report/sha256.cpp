// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/sha256.h"

#include <QCryptographicHash>

#include <memory>

#ifdef VERDICT_HAVE_LIBCRYPTO
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#endif

namespace verdict {

namespace {

QString toHex(const unsigned char *digest, int length)
{
    static const char16_t hex[] = u"0123456789abcdef";
    QString out(length * 2, Qt::Uninitialized);
    auto *d = reinterpret_cast<char16_t *>(out.data());
    for (int i = 0; i < length; ++i) {
        d[2 * i] = hex[digest[i] >> 4];
        d[2 * i + 1] = hex[digest[i] & 0xf];
    }
    return out;
}

#ifdef VERDICT_HAVE_LIBCRYPTO
// An import hashes every report and every artifact on all cores. EVP_Digest with
// EVP_sha256() looks the algorithm up (under a lock shared by all threads) and allocates a
// context on every call; the algorithm is fetched once here and each thread keeps its context.
const EVP_MD *sha256Md()
{
#if OPENSSL_VERSION_MAJOR >= 3
    static EVP_MD *md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md ? md : EVP_sha256();
#else
    return EVP_sha256();
#endif
}

struct CtxDeleter
{
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
#endif

} // namespace

QString sha256Hex(const char *data, qsizetype size)
{
#ifdef VERDICT_HAVE_LIBCRYPTO
    thread_local std::unique_ptr<EVP_MD_CTX, CtxDeleter> ctx(EVP_MD_CTX_new());
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (ctx && EVP_DigestInit_ex(ctx.get(), sha256Md(), nullptr) == 1
        && EVP_DigestUpdate(ctx.get(), data, size_t(size)) == 1
        && EVP_DigestFinal_ex(ctx.get(), digest, &length) == 1) {
        return toHex(digest, int(length));
    }
#endif
    // Also the fallback should libcrypto ever fail (it does not for SHA-256).
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArray::fromRawData(data, int(size)));
    const QByteArray result = hash.result();
    return toHex(reinterpret_cast<const unsigned char *>(result.constData()),
                 int(result.size()));
}

} // namespace verdict
