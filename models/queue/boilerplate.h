// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace verdict {

// Risks and mitigations that are word for word the same in many proposals are generic:
// a reviewer must not read them as an assurance about this proposal. Counts how many
// proposals hold each text, compared as a person reads them: case, spacing and numbers
// (dates, versions) aside, so "degradation by 2028-01-02" and "... by 2028-01-01" are the
// same sentence.
class Boilerplate final
{
public:
    // From this many proposals on, a text is shown as generic.
    static constexpr int kGenericFrom = 3;

    // The form texts are compared in: lower case, runs of white space one space, runs of
    // digits one '#', trailing punctuation dropped.
    static QString normalized(const QString &text);

    // One proposal's risks and mitigations (a text twice in one proposal counts once).
    void addProposal(const QStringList &texts);
    // How many proposals hold `text` (0 for a text no proposal added holds).
    int proposalsWith(const QString &text) const;
    bool isGeneric(const QString &text) const { return proposalsWith(text) >= kGenericFrom; }
    // "same text in 2,341 proposals" for a generic text, else empty.
    QString label(const QString &text) const;

    int proposals() const { return m_proposals; }
    // Keeps only texts held by at least `minimum` proposals (memory for a large queue).
    void prune(int minimum = kGenericFrom);

private:
    // The normalized text's SHA-256 -> proposals holding it: a hostile report's megabyte
    // risks cost 32 bytes each here, not their length.
    static QByteArray key(const QString &text);
    QHash<QByteArray, int> m_counts;
    int m_proposals = 0;
};

} // namespace verdict
