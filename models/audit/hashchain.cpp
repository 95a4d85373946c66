// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/hashchain.h"
#include "domain/textform.h"

#include "report/sha256.h"

namespace verdict {

QString HashChain::genesis()
{
    return QString(64, QLatin1Char('0'));
}

QStringList HashChain::fields(const AuditEvent &event)
{
    return {QString::number(event.seq), TextForm::formatTime(event.at), event.actor, event.action,
            event.subject, event.outcome, event.previous, event.detail};
}

QByteArray HashChain::canonical(const QStringList &fields)
{
    return TextForm::jsonStringArray(fields);
}

QByteArray HashChain::canonical(const AuditEvent &event)
{
    return canonical(fields(event));
}

QString HashChain::hash(const QString &prevHash, const QByteArray &canonical)
{
    // sha256Hex uses libcrypto when present: an import seals one event per proposal.
    return sha256Hex(prevHash.toLatin1() + canonical);
}

QString HashChain::computeHash(const AuditEvent &event)
{
    return hash(event.prevHash, canonical(event));
}

void HashChain::seal(AuditEvent &event, const QString &prevHash)
{
    event.prevHash = prevHash;
    event.hash = computeHash(event);
}

bool HashChain::isHash(const QString &text)
{
    if (text.size() != 64)
        return false;
    // On UTF-16 units directly: verify checks two per event it reads.
    const QChar *c = text.constData();
    bool ok = true;
    for (int i = 0; i < 64; ++i) {
        const char16_t u = c[i].unicode();
        ok &= (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f');
    }
    return ok;
}

} // namespace verdict
