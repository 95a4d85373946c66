// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteStore::searchText and the Unicode-folding verdict_icontains() it runs.
#include "store/sqlitestoreprivate.h"

#include "domain/proposaljson.h"

#include <algorithm>

namespace verdict {

namespace sqlite {

namespace {

// verdict_icontains(haystack, needle): 1 when needle occurs in haystack ignoring case, for
// all of Unicode (Qt's case folding), as PostgreSQL's lower() does on a UTF-8 server.
// SQLite's own lower() folds ASCII only, so "ÉTÉ" would not find "été". ASCII text (nearly
// all of it) is compared without decoding; the folded needle is kept across rows.
struct FoldedNeedle
{
    QString folded;
    QByteArray ascii; // the folded needle when it is ASCII, else empty
};

bool isAscii(const unsigned char *p, int n)
{
    for (int i = 0; i < n; ++i) {
        if (p[i] >= 0x80)
            return false;
    }
    return true;
}

unsigned char asciiLower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

bool asciiContains(const unsigned char *hay, int n, const QByteArray &needle)
{
    const int m = int(needle.size());
    const auto *k = reinterpret_cast<const unsigned char *>(needle.constData());
    for (int i = 0; i + m <= n; ++i) {
        int j = 0;
        while (j < m && asciiLower(hay[i + j]) == k[j])
            ++j;
        if (j == m)
            return true;
    }
    return false;
}

bool icontainsWith(const unsigned char *hay, int n, const FoldedNeedle &needle)
{
    if (needle.folded.isEmpty())
        return true;
    if (!needle.ascii.isEmpty() && isAscii(hay, n))
        return asciiContains(hay, n, needle.ascii);
    return QString::fromUtf8(reinterpret_cast<const char *>(hay), n)
        .toCaseFolded()
        .contains(needle.folded);
}

} // namespace

void icontains(sqlite3_context *ctx, int, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const auto *hay = sqlite3_value_text(argv[0]);
    const int n = sqlite3_value_bytes(argv[0]);
    if (const auto *kept = static_cast<const FoldedNeedle *>(sqlite3_get_auxdata(ctx, 1))) {
        sqlite3_result_int(ctx, icontainsWith(hay, n, *kept) ? 1 : 0);
        return;
    }
    auto needle = std::make_unique<FoldedNeedle>();
    needle->folded = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_value_text(argv[1])),
                                       sqlite3_value_bytes(argv[1]))
                         .toCaseFolded();
    const QByteArray utf8 = needle->folded.toUtf8();
    if (isAscii(reinterpret_cast<const unsigned char *>(utf8.constData()), int(utf8.size())))
        needle->ascii = utf8;
    sqlite3_result_int(ctx, icontainsWith(hay, n, *needle) ? 1 : 0);
    // Last, and not used afterwards: SQLite may free it at once.
    sqlite3_set_auxdata(ctx, 1, needle.release(),
                        [](void *p) { delete static_cast<FoldedNeedle *>(p); });
}

} // namespace sqlite

Result<QStringList> SqliteStore::searchText(const QStringList &words)
{
    // A word at a time (one cached statement), the id sets intersected here. A function,
    // not LIKE: no wildcard in the reviewer's words to escape, and case folded for all of
    // Unicode (verdict_icontains).
    QStringList ids;
    bool first = true;
    for (const QString &word : words) {
        if (word.isEmpty())
            continue;
        auto s = d->prepare(
            "SELECT p.id FROM proposals p JOIN revisions r ON r.proposal_id = p.id "
            "AND r.revision = p.latest_revision JOIN revision_texts t ON t.rev_id = r.rev_id "
            "WHERE verdict_icontains(t.body, ?1) "
            "OR EXISTS (SELECT 1 FROM json_each(t.risks) "
            "WHERE verdict_icontains(json_each.value, ?1)) "
            "OR EXISTS (SELECT 1 FROM json_each(t.mitigations) "
            "WHERE verdict_icontains(json_each.value, ?1)) "
            "OR EXISTS (SELECT 1 FROM artifacts a JOIN contents c ON c.sha256 = a.sha256 "
            "WHERE a.rev_id = r.rev_id AND verdict_icontains(c.content, ?1)) "
            "ORDER BY p.rowid");
        if (!s)
            return s.error();
        s->bind(1, word);
        QStringList found;
        int rc;
        while ((rc = s->step()) == SQLITE_ROW)
            found << s->text(0);
        if (rc != SQLITE_DONE)
            return d->error(QStringLiteral("cannot search the proposals' text"));
        if (first) {
            ids = found;
            first = false;
        } else {
            QHash<QString, bool> in;
            for (const QString &id : std::as_const(found))
                in.insert(id, true);
            QStringList kept;
            for (const QString &id : std::as_const(ids)) {
                if (in.contains(id))
                    kept << id;
            }
            ids = kept;
        }
        if (ids.isEmpty())
            break;
    }
    return ids;
}

Result<void> SqliteStore::forEachRiskList(const std::function<void(const QStringList &)> &each)
{
    auto s = d->prepare(
        "SELECT t.risks, t.mitigations FROM proposals p JOIN revisions r "
        "ON r.proposal_id = p.id AND r.revision = p.latest_revision "
        "JOIN revision_texts t ON t.rev_id = r.rev_id ORDER BY p.rowid");
    if (!s)
        return s.error();
    int rc;
    while ((rc = s->step()) == SQLITE_ROW)
        each(ProposalJson::stringsFrom(s->bytes(0)) + ProposalJson::stringsFrom(s->bytes(1)));
    if (rc != SQLITE_DONE)
        return d->error(QStringLiteral("cannot read the proposals' risks"));
    return {};
}

} // namespace verdict
