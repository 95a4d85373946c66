// SPDX-License-Identifier: GPL-3.0-or-later
#include "filterquery.h"

#include "report/languages.h"

#include <QCoreApplication>

namespace verdict {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("verdict::FilterQuery", text);
}

const QStringList &knownKeys()
{
    static const QStringList keys{
        QStringLiteral("status"), QStringLiteral("severity"), QStringLiteral("block"),
        QStringLiteral("lang"),   QStringLiteral("kind"),     QStringLiteral("target"),
        QStringLiteral("has"),    QStringLiteral("id"),       QStringLiteral("text"),
        QStringLiteral("reviewer"), QStringLiteral("rule"),   QStringLiteral("deferred")};
    return keys;
}

const QStringList &statusValues()
{
    static const QStringList v{QStringLiteral("pending"), QStringLiteral("approved"),
                               QStringLiteral("rejected"), QStringLiteral("changes"),
                               QStringLiteral("conflict")};
    return v;
}

const QStringList &blockValues()
{
    static const QStringList v{QStringLiteral("true"), QStringLiteral("false"),
                               QStringLiteral("unknown")};
    return v;
}

const QStringList &hasValues()
{
    static const QStringList v{QStringLiteral("error"),       QStringLiteral("warning"),
                               QStringLiteral("info"),        QStringLiteral("diagnostics"),
                               QStringLiteral("problems"),    QStringLiteral("shared-target")};
    return v;
}

// Language ids, from the language table.
const QStringList &languageValues()
{
    static const QStringList v = Languages::ids();
    return v;
}

bool isKeyChar(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
           || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_');
}

bool isOpChar(QChar c)
{
    return c == QLatin1Char(':') || c == QLatin1Char('=') || c == QLatin1Char('<')
           || c == QLatin1Char('>');
}

Error errorAt(int position, const QString &message, int *errorPosition)
{
    if (errorPosition)
        *errorPosition = position;
    return makeError(tr("column %1: %2").arg(position + 1).arg(message));
}

bool containsCi(const QString &haystack, const QString &needle)
{
    return haystack.contains(needle, Qt::CaseInsensitive);
}

bool anyContains(const QStringList &list, const QString &needle)
{
    for (const QString &s : list) {
        if (s.contains(needle, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

Result<FilterQuery> FilterQuery::parse(const QString &text, int *errorPosition)
{
    if (errorPosition)
        *errorPosition = -1;
    FilterQuery query;
    query.m_text = text;
    const int n = int(text.size());
    int p = 0;
    // Reads a value at p: "quoted" (no escapes) or up to the next blank.
    auto readValue = [&](QString *out, Error *error) {
        if (p < n && text.at(p) == QLatin1Char('"')) {
            const int close = int(text.indexOf(QLatin1Char('"'), p + 1));
            if (close < 0) {
                *error = errorAt(p, tr("the quote is not closed"), errorPosition);
                return false;
            }
            *out = text.mid(p + 1, close - p - 1);
            p = close + 1;
            if (p < n && !text.at(p).isSpace()) {
                *error = errorAt(p, tr("expected a space after the closing quote"),
                                 errorPosition);
                return false;
            }
            return true;
        }
        const int start = p;
        while (p < n && !text.at(p).isSpace())
            ++p;
        *out = text.mid(start, p - start);
        return true;
    };

    while (true) {
        while (p < n && text.at(p).isSpace())
            ++p;
        if (p >= n)
            break;
        Term term;
        term.position = p;
        if (text.at(p) == QLatin1Char('-') && p + 1 < n && !text.at(p + 1).isSpace()) {
            term.negated = true;
            ++p;
        }
        int q = p;
        while (q < n && isKeyChar(text.at(q)))
            ++q;
        Error error;
        if (q > p && q < n && isOpChar(text.at(q))) {
            term.key = text.mid(p, q - p).toLower();
            if (!knownKeys().contains(term.key)) {
                return errorAt(p, tr("unknown key '%1' (keys: %2)")
                                      .arg(term.key, knownKeys().join(QStringLiteral(", "))),
                               errorPosition);
            }
            const int opPosition = q;
            const QChar c = text.at(q);
            const bool orEqual = q + 1 < n && text.at(q + 1) == QLatin1Char('=');
            if (c == QLatin1Char(':') || c == QLatin1Char('=')) {
                term.op = Op::Equal;
                ++q;
            } else if (c == QLatin1Char('<')) {
                term.op = orEqual ? Op::LessEqual : Op::Less;
                q += orEqual ? 2 : 1;
            } else {
                term.op = orEqual ? Op::GreaterEqual : Op::Greater;
                q += orEqual ? 2 : 1;
            }
            if (term.op != Op::Equal && term.key != QLatin1String("severity")) {
                return errorAt(opPosition,
                               tr("'%1' compares numbers: only severity takes it; use '%2:'")
                                   .arg(text.mid(opPosition, q - opPosition), term.key),
                               errorPosition);
            }
            p = q;
            const int valuePosition = p;
            QString value;
            if (!readValue(&value, &error))
                return error;
            if (value.trimmed().isEmpty()) {
                return errorAt(valuePosition,
                               tr("'%1' needs a value").arg(text.mid(term.position,
                                                                     q - term.position)),
                               errorPosition);
            }
            term.value = value.toLower();
            const auto oneOf = [&](const QStringList &allowed) -> std::optional<Error> {
                if (allowed.contains(term.value))
                    return std::nullopt;
                return errorAt(valuePosition,
                               tr("%1 cannot be '%2' (one of: %3)")
                                   .arg(term.key, value, allowed.join(QStringLiteral(", "))),
                               errorPosition);
            };
            if (term.key == QLatin1String("severity")) {
                bool ok = false;
                term.number = term.value.toInt(&ok);
                if (!ok) {
                    return errorAt(valuePosition,
                                   tr("severity needs a whole number, not '%1'").arg(value),
                                   errorPosition);
                }
            } else if (term.key == QLatin1String("status")) {
                if (auto e = oneOf(statusValues()))
                    return *e;
            } else if (term.key == QLatin1String("block")) {
                if (term.value == QLatin1String("yes"))
                    term.value = QStringLiteral("true");
                else if (term.value == QLatin1String("no"))
                    term.value = QStringLiteral("false");
                if (auto e = oneOf(blockValues()))
                    return *e;
            } else if (term.key == QLatin1String("has")) {
                if (term.value == QLatin1String("errors") || term.value == QLatin1String("warnings"))
                    term.value.chop(1);
                if (auto e = oneOf(hasValues()))
                    return *e;
            } else if (term.key == QLatin1String("deferred")) {
                if (term.value == QLatin1String("me") || term.value == QLatin1String("true"))
                    term.value = QStringLiteral("yes");
                else if (term.value == QLatin1String("false"))
                    term.value = QStringLiteral("no");
                if (auto e = oneOf({QStringLiteral("yes"), QStringLiteral("no")}))
                    return *e;
            } else if (term.key == QLatin1String("lang")) {
                if (auto e = oneOf(languageValues()))
                    return *e;
            }
        } else {
            // A bare word, or a quoted phrase: searched as text.
            term.key = QStringLiteral("text");
            const int valuePosition = p;
            QString value;
            if (!readValue(&value, &error))
                return error;
            if (value.isEmpty()) {
                return errorAt(valuePosition, tr("empty quotes: type the words between them"),
                               errorPosition);
            }
            term.value = value.toLower();
        }
        query.m_terms.push_back(std::move(term));
    }
    return query;
}

bool FilterQuery::usesKey(const QString &key) const
{
    for (const Term &t : m_terms) {
        if (t.key == key)
            return true;
    }
    return false;
}

bool FilterQuery::matches(const QueueEntry &entry, const FilterContext &context) const
{
    for (const Term &term : m_terms) {
        if (matchesTerm(term, entry, context) == term.negated)
            return false;
    }
    return true;
}

bool FilterQuery::matchesTerm(const Term &term, const QueueEntry &e,
                              const FilterContext &context) const
{
    const QString &v = term.value;
    // Keys are compared by their first letters: all differ there but target/text.
    switch (term.key.at(0).unicode()) {
    case 's':
        if (term.key.size() == 6) // status
            return statusId(e.status) == v;
        if (!e.severity)
            return false;
        switch (term.op) {
        case Op::Equal: return *e.severity == term.number;
        case Op::Less: return *e.severity < term.number;
        case Op::LessEqual: return *e.severity <= term.number;
        case Op::Greater: return *e.severity > term.number;
        case Op::GreaterEqual: return *e.severity >= term.number;
        }
        return false;
    case 'b':
        if (v == QLatin1String("unknown"))
            return !e.blockExecution.has_value();
        return e.blockExecution && *e.blockExecution == (v == QLatin1String("true"));
    case 'l':
        return e.languages.contains(v, Qt::CaseInsensitive);
    case 'k':
        return containsCi(e.kind, v);
    case 'h':
        if (v == QLatin1String("error"))
            return e.errors > 0;
        if (v == QLatin1String("warning"))
            return e.warnings > 0;
        if (v == QLatin1String("info"))
            return e.infos > 0;
        if (v == QLatin1String("problems"))
            return e.problems > 0;
        if (v == QLatin1String("shared-target"))
            return context.sharedTarget;
        return e.errors > 0 || e.warnings > 0 || e.infos > 0; // diagnostics
    case 'i':
        return containsCi(e.id, v);
    case 'd': {
        const bool deferred = context.deferred && context.deferred->contains(e.id);
        return deferred == (v == QLatin1String("yes"));
    }
    case 'r': {
        if (term.key.size() == 4) { // rule: an id, or a family ("shellcheck" for shellcheck/…)
            if (!context.rules)
                return false;
            for (const QString &r : *context.rules) {
                if (r.compare(v, Qt::CaseInsensitive) == 0
                    || (r.size() > v.size() && r.at(v.size()) == QLatin1Char('/')
                        && r.startsWith(v, Qt::CaseInsensitive)))
                    return true;
            }
            return false;
        }
        if (!context.reviewers)
            return false;
        const QString who = v == QLatin1String("me") ? context.me : v;
        const auto it = context.reviewers->constFind(e.id);
        return it != context.reviewers->cend() && !who.isEmpty()
               && it->contains(who, Qt::CaseInsensitive);
    }
    case 't':
        if (term.key.size() == 6) // target
            return anyContains(e.targets, v);
        if (context.searchText ? context.searchText->contains(v) // both lower case already
                               : searchText(e).contains(v))
            return true;
        if (context.textMatches) {
            const auto it = context.textMatches->constFind(v);
            return it != context.textMatches->cend() && it->contains(e.id);
        }
        return false;
    default:
        return false;
    }
}

QString FilterQuery::searchText(const QueueEntry &e)
{
    const QChar nl = QLatin1Char('\n');
    QString s = e.id + nl + e.kind + nl + e.opportunity + nl + e.targets.join(nl) + nl
                + e.languages.join(nl) + nl + e.sourceFile;
    return s.toLower();
}

QStringList FilterQuery::textValues() const
{
    QStringList out;
    for (const Term &t : m_terms) {
        if (t.key == QLatin1String("text") && !out.contains(t.value))
            out << t.value;
    }
    return out;
}

Result<TextMatches> FilterQuery::searchStore(Store &store, const QStringList &values)
{
    TextMatches out;
    for (const QString &value : values) {
        auto ids = store.searchText({value});
        if (!ids)
            return ids.error();
        out.insert(value, QSet<QString>(ids->cbegin(), ids->cend()));
    }
    return out;
}

QStringList FilterQuery::keys()
{
    return knownKeys();
}

QStringList FilterQuery::completions()
{
    QStringList out;
    for (const QString &s : statusValues())
        out << QStringLiteral("status:") + s;
    for (const char *op : {"severity>=", "severity<=", "severity:"})
        out << QString::fromLatin1(op);
    out << QStringLiteral("block:true") << QStringLiteral("block:false")
        << QStringLiteral("block:unknown");
    for (const QString &s : languageValues())
        out << QStringLiteral("lang:") + s;
    out << QStringLiteral("kind:idea_implementation") << QStringLiteral("kind:self_improvement");
    out << QStringLiteral("target:");
    for (const QString &s : hasValues())
        out << QStringLiteral("has:") + s;
    out << QStringLiteral("id:") << QStringLiteral("text:\"") << QStringLiteral("reviewer:me")
        << QStringLiteral("deferred:yes");
    for (const char *rule : {"syntax-error", "language-mismatch", "missing-field",
                             "target-conflict", "destructive-sql", "secret", "dangerous-target"})
        out << QStringLiteral("rule:") + QLatin1String(rule);
    return out;
}

QHash<QString, QStringList> FilterQuery::reviewersByProposal(const std::vector<Decision> &all)
{
    // Latest verdict per (proposal, reviewer), then keep the ones that still stand.
    QHash<QString, QHash<QString, Verdict>> latest;
    for (const Decision &d : all)
        latest[d.proposalId].insert(d.reviewer, d.verdict);
    QHash<QString, QStringList> out;
    for (auto it = latest.cbegin(); it != latest.cend(); ++it) {
        QStringList names;
        for (auto r = it->cbegin(); r != it->cend(); ++r) {
            if (r.value() != Verdict::Retract)
                names << r.key();
        }
        if (!names.isEmpty()) {
            names.sort();
            out.insert(it.key(), names);
        }
    }
    return out;
}

} // namespace verdict
