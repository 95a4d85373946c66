// SPDX-License-Identifier: GPL-3.0-or-later
#include "boilerplate.h"

#include <QCryptographicHash>
#include <QLocale>
#include <QSet>

namespace verdict {

QString Boilerplate::normalized(const QString &text)
{
    QString out;
    out.reserve(text.size());
    bool space = false;
    bool digits = false;
    for (const QChar c : text) {
        if (c.isSpace()) {
            space = !out.isEmpty();
            digits = false;
            continue;
        }
        if (space) {
            out += QLatin1Char(' ');
            space = false;
        }
        if (c.isDigit()) {
            if (!digits)
                out += QLatin1Char('#');
            digits = true;
            continue;
        }
        digits = false;
        out += c.toLower();
    }
    while (!out.isEmpty() && out.back().isPunct())
        out.chop(1);
    return out;
}

QByteArray Boilerplate::key(const QString &text)
{
    const QString n = normalized(text);
    if (n.isEmpty())
        return {};
    return QCryptographicHash::hash(n.toUtf8(), QCryptographicHash::Sha256);
}

void Boilerplate::addProposal(const QStringList &texts)
{
    QSet<QByteArray> seen;
    for (const QString &text : texts) {
        const QByteArray k = key(text);
        if (k.isEmpty() || seen.contains(k))
            continue;
        seen.insert(k);
        ++m_counts[k];
    }
    ++m_proposals;
}

int Boilerplate::proposalsWith(const QString &text) const
{
    const QByteArray k = key(text);
    return k.isEmpty() ? 0 : m_counts.value(k);
}

QString Boilerplate::label(const QString &text) const
{
    const int n = proposalsWith(text);
    if (n < kGenericFrom)
        return {};
    return QStringLiteral("same text in %1 proposals").arg(QLocale(QLocale::English, QLocale::UnitedStates).toString(n));
}

void Boilerplate::prune(int minimum)
{
    for (auto it = m_counts.begin(); it != m_counts.end();) {
        if (it.value() < minimum)
            it = m_counts.erase(it);
        else
            ++it;
    }
}

} // namespace verdict
