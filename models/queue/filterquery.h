// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "store/store.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

namespace verdict {

// Text-term value (lower case) -> ids of the proposals whose whole text (body, artifact
// contents, risks, mitigations) holds it, as Store::searchText finds them.
using TextMatches = QHash<QString, QSet<QString>>;

// What a query needs beyond the queue row itself.
struct FilterContext
{
    QString me; // the reviewer "reviewer:me" stands for
    // Proposal id -> reviewers whose latest decision on it is not a retraction.
    const QHash<QString, QStringList> *reviewers = nullptr;
    // FilterQuery::searchText(entry), when the caller keeps it (100,000 rows filter several
    // times faster with it); computed on the fly when null.
    const QString *searchText = nullptr;
    // Whole-text matches per text value: a text term matches the row's own text OR these.
    // A value missing here (not searched yet) matches the row's own text only.
    const TextMatches *textMatches = nullptr;
    // Another pending/approved proposal writes one of the row's files (has:shared-target).
    bool sharedTarget = false;
    // Rule ids of the row's diagnostics (rule:ID); null until diagnosed.
    const QStringList *rules = nullptr;
    // Proposals this reviewer deferred (skipped for now), for deferred:yes.
    const QSet<QString> *deferred = nullptr;
};

// The queue's small query language, e.g.
//   severity>=7 status:pending lang:sql has:error target:generated_1.sql -kind:self text:"a b"
// Terms are ANDed; `-` negates a term; bare words (or "quoted words") search the text of the
// row: id, kind, opportunity, target paths, languages and source file, and, through
// FilterContext::textMatches, the proposal's whole text. Case-insensitive throughout.
class FilterQuery final
{
public:
    enum class Op { Equal, Less, LessEqual, Greater, GreaterEqual };

    struct Term
    {
        QString key;       // status severity block lang kind target has id text reviewer
        Op op = Op::Equal;
        QString value;     // lower case
        int number = 0;    // severity
        bool negated = false;
        int position = 0;  // 0-based index of the term in the query text
    };

    // An empty or blank text is the query that matches everything. A malformed text is an
    // error whose message names the (1-based) column; *errorPosition gets the 0-based index.
    static Result<FilterQuery> parse(const QString &text, int *errorPosition = nullptr);

    bool isEmpty() const { return m_terms.empty(); }
    const std::vector<Term> &terms() const { return m_terms; }
    QString text() const { return m_text; }
    bool usesKey(const QString &key) const;

    bool matches(const QueueEntry &entry, const FilterContext &context = {}) const;

    // The distinct values of the text terms (bare words, quoted phrases, text:), negated
    // ones included: what the store's whole-text search has to look for.
    QStringList textValues() const;
    // Runs Store::searchText for each value (so a negated term gets its own set).
    static Result<TextMatches> searchStore(Store &store, const QStringList &values);

    // The keys, in the order they are documented ("status", "severity", ...).
    static QStringList keys();
    // Ready-made "key:value" completions for keys with a closed set of values.
    static QStringList completions();

    // The text bare words and text: search, lower case: id, kind, opportunity, targets,
    // languages and source file, one per line.
    static QString searchText(const QueueEntry &entry);

    // Who counts as having decided each proposal: reviewers whose latest decision (any
    // revision) is not a retraction. Decisions oldest first, as Store::decisions returns.
    static QHash<QString, QStringList> reviewersByProposal(const std::vector<Decision> &all);

private:
    bool matchesTerm(const Term &term, const QueueEntry &entry,
                     const FilterContext &context) const;

    QString m_text;
    std::vector<Term> m_terms;
};

} // namespace verdict
