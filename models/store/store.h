// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/auditevent.h"
#include "domain/decision.h"
#include "domain/diagnostic.h"
#include "domain/proposal.h"
#include "domain/result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QIODevice;

namespace verdict {

struct ImportSummary
{
    int files = 0;          // files read
    int proposals = 0;      // proposals seen
    int added = 0;          // new proposals
    int revised = 0;        // existing ids whose content changed: a new revision
    int unchanged = 0;      // same id, same content: nothing written
    // "PATH: why" for files that were not reports, "PATH:LINE: why" for reports not stored
    // (no id: StoreRules::refuseProposal).
    QStringList fileErrors;
    // "PATH:LINE: why" for reports stored despite an error in them (a duplicate id in one
    // file: the later report becomes a revision of the earlier one).
    QStringList reportErrors;
};

// One row of the triage queue: what the table shows, nothing more.
struct QueueEntry
{
    QString id;
    int revision = 1;
    std::optional<int> severity;
    std::optional<bool> blockExecution;
    QString kind;
    QString opportunity;
    QStringList targets;   // artifact paths
    QStringList languages; // content-based language per artifact
    Status status = Status::Pending;
    QString timestamp;     // report timestamp as written (may be empty)
    QDateTime importedAt;  // UTC, first import of this revision
    QString sourceFile;
    int sourceLine = 0;
    int problems = 0;      // parse problems
    // Diagnostic counts once computed; -1 while not computed yet.
    int errors = -1;
    int warnings = -1;
    int infos = -1;
};

// What a store promises beyond the Store interface (Store::capabilities()).
struct StoreCapabilities
{
    // importStream is one transaction: readers see all of an import or none of it.
    bool importsInOneTransaction = false;
    // exportAuditCsv streams from the database without loading the log into memory.
    bool streamsAuditCsv = false;
};

// A proposal revision with everything needed to show it.
struct StoredProposal
{
    Proposal proposal;
    int revision = 1;
    int latestRevision = 1;
    QDateTime importedAt;
    Status status = Status::Pending;
};

struct DecisionRequest
{
    QString proposalId;
    int revision = 0; // 0 = the latest revision
    Verdict verdict = Verdict::Approve;
    QString reviewer;
    QString reason;
    bool resolution = false; // a lead resolving a conflict (team store: verdict_lead only)
};

// What the statistics view reads from a store (Store::statistics()).
struct StoreStatistics
{
    std::vector<QueueEntry> queue;   // as queue() gives it
    std::vector<Decision> decisions; // every decision, oldest first (allDecisions())
    int quorum = 1;                  // the "quorum" setting
};

// Where proposals, decisions, the audit log and cached diagnostics live. SQLite on the
// laptop, PostgreSQL for the team; both behind this interface. Not thread-safe: one
// instance per thread (open another with openStore(url())).
class Store
{
public:
    virtual ~Store() = default;

    virtual QString url() const = 0;

    // Stores every proposal of the files in one transaction. Idempotent: the same report
    // twice is one proposal; changed content under the same id is a new revision. A report
    // without an id is not stored (nothing could decide on it by id): it is listed in
    // fileErrors as "FILE:LINE: ..." and the rest of its file is stored
    // (StoreRules::refuseProposal).
    virtual Result<ImportSummary> importFiles(const std::vector<ParsedFile> &files,
                                              const QString &actor) = 0;

    // Where a streamed import takes its parsed files from: fills `chunk` (given empty) and
    // returns true, false when there are no more, or an error (the import is rolled back).
    using ParsedFileSource = std::function<Result<bool>(std::vector<ParsedFile> &chunk)>;

    // importFiles for folders too big to hold parsed at once: chunk after chunk from
    // `next`, only one chunk in memory. The default stores each chunk with importFiles
    // (a transaction per chunk); SqliteStore keeps the whole import one transaction.
    virtual Result<ImportSummary> importStream(const ParsedFileSource &next,
                                               const QString &actor);

    // One entry per proposal (its latest revision), in first-import order: a revision
    // keeps its proposal's place.
    virtual Result<std::vector<QueueEntry>> queue() = 0;

    // revision 0 = latest.
    virtual Result<StoredProposal> proposal(const QString &id, int revision = 0) = 0;

    // Durable (committed, synced) before it returns. Reject and changes need a reason.
    virtual Result<Decision> decide(const DecisionRequest &request) = 0;

    // Ids of the proposals whose latest revision holds every word (each a substring, e.g. a
    // quoted phrase) in its body, an artifact's content, a risk or a mitigation;
    // case-insensitive (all of Unicode on SQLite; on PostgreSQL as its lower() folds, all
    // of Unicode on a UTF-8 locale), in queue order. No words: none.
    virtual Result<QStringList> searchText(const QStringList &words) = 0;

    // Every decision on a proposal, all revisions mixed, oldest first: by decision time,
    // then in the order the store recorded them (superseded ones included).
    virtual Result<std::vector<Decision>> decisions(const QString &proposalId) = 0;

    // Every decision in the store, oldest first, optionally since a UTC time.
    virtual Result<std::vector<Decision>> allDecisions(const QDateTime &since = {}) = 0;

    // The audit log in its global (seq) order. With `since`: from the first event at or
    // after that UTC time to the end, a contiguous run of the chain (a later event stamped
    // earlier, after a clock went back, stays in), so an export --since still verifies.
    virtual Result<std::vector<AuditEvent>> auditEvents(const QDateTime &since = {}) = 0;

    // Diagnostics cache, keyed by artifact sha256 and checker version.
    virtual Result<std::optional<std::vector<Diagnostic>>>
    cachedDiagnostics(const QString &artifactSha256, const QString &checkerVersion) = 0;
    virtual Result<void> cacheDiagnostics(const QString &artifactSha256,
                                          const QString &checkerVersion,
                                          const std::vector<Diagnostic> &diagnostics) = 0;
    // Per-proposal counts shown in the queue (artifact + cross-proposal diagnostics).
    virtual Result<void> setDiagnosticCounts(const QString &proposalId, int revision,
                                             int errors, int warnings, int infos) = 0;

    // Team settings ("quorum", "reason_presets", "disabled_rules", ...): kept in the
    // database, so whoever sets them sets them for everyone who uses it. Unset keys read as
    // "".
    virtual Result<QString> setting(const QString &key) = 0;
    virtual Result<void> setSetting(const QString &key, const QString &value) = 0;
    // The "quorum" setting as status derivation reads it: a whole number >= 1, else 1.
    Result<int> quorum();

    // Appends an export event to the audit log: the store assigns seq, prevHash and hash
    // (and `at` when unset; the team server always stamps its own clock and the database
    // user) and returns the event as stored.
    virtual Result<AuditEvent> recordAuditEvent(const AuditEvent &event) = 0;

    // Calls `each` with the risks and then the mitigations of every proposal's latest
    // revision, one proposal at a time, in queue order (nothing held for all of them: what
    // Boilerplate counts across a queue of 100,000).
    virtual Result<void> forEachRiskList(const std::function<void(const QStringList &)> &each) = 0;

    // What a store promises beyond this interface, for callers that adapt to it (never
    // dynamic_cast to a concrete store).
    virtual StoreCapabilities capabilities() const { return {}; }

    // The audit log from `since` on (the same events as auditEvents(since)) as AuditExport's
    // CSV; returns the head hash (HashChain::genesis() when empty). The default writes
    // auditEvents(since); a store with capabilities().streamsAuditCsv writes without
    // loading the log into memory.
    virtual Result<QString> exportAuditCsv(QIODevice &out, const QDateTime &since = {});

    // What the statistics view reads, in one call: the queue, every decision oldest first
    // and the quorum. The default reads queue(), allDecisions() and quorum().
    virtual Result<StoreStatistics> statistics();
};

// Opens (and creates/migrates) the store a URL names, per DESIGN.md: a path or sqlite:PATH
// is SQLite; postgresql://, postgres:// or a libpq key=value string is PostgreSQL.
Result<std::unique_ptr<Store>> openStore(const QString &url);

// What a store URL holds, as found without changing it (Settings' "Test connection").
struct StoreProbe
{
    QString url;           // safe to show: no password
    int schemaVersion = 0; // 0: no Verdict schema yet
    int knownVersion = 0;  // the version this Verdict migrates to
    qint64 proposals = -1; // -1 when there is no schema to count in
    QString user;          // PostgreSQL session_user; empty for SQLite
    int otherTables = 0;   // SQLite: tables in a file without a Verdict schema
};

// Same URLs as openStore, but connects and reads, never creates, migrates or writes: a
// missing SQLite file is an error, a PostgreSQL database is read in a read-only transaction.
Result<StoreProbe> probeStore(const QString &url);

// True when a store URL names a PostgreSQL server (postgresql://, postgres:// or a libpq
// key=value string); false for an SQLite file (a path or sqlite:PATH).
bool isServerUrl(const QString &url);
// The SQLite file a store URL names; empty for a server.
QString sqlitePathOf(const QString &url);

// `text` without any password: the one function everything that shows, logs or keys on a
// store URL goes through (store messages, the GUI's dialogs and status bar, the CLI's
// errors, sync cursors). `text` is a store URL (a path, sqlite:PATH, a postgresql:// URL or
// a libpq key=value string) or a message quoting one; removed from it: the password in a
// URL's user info (everything from the ':' after the user name to the last '@', whatever
// it holds), ?password= in a URL's query (key matched percent-decoded and in any case) and
// password=... of key=value strings (quoted with \' escapes or not, any case). A path is
// returned unchanged. When in doubt it hides more, never less.
// `connection`, when given, is the connection string the message is about: libpq quotes
// pieces of it in its errors (`invalid percent-encoded token: "Tiger%Lily99"`, a host name
// cut at an '@' of the password), so any quoted piece of the message that overlaps a
// password of `connection`, and any occurrence of such a password (as written or decoded),
// becomes ***.
QString redactStoreUrl(const QString &text, const QString &connection = {});

// The database libraries this build runs with, for --version: "SQLite 3.40.1, libpqxx
// 7.10.1, libpq 17.6".
QString storeLibraryVersions();

// --db, else $VERDICT_DB, else AppDataLocation/verdict.sqlite.
QString defaultStoreUrl(const QString &commandLineUrl = {});

} // namespace verdict
