// SPDX-License-Identifier: GPL-3.0-or-later
// The embedded store: open and migrate, decisions, settings, the diagnostics cache,
// the audit log's writes and what the sync engine needs.
#include "store/sqlitestoreprivate.h"

#include "audit/auditevents.h"
#include "domain/status.h"
#include "store/sqlitemigrations.h"

#include <QDir>
#include <QFileInfo>

namespace verdict {

namespace sqlite {

QString nowText()
{
    return TextForm::formatTime(QDateTime::currentDateTimeUtc());
}

// The audit event that records a decision, at the decision's time.
AuditEvent decisionEvent(const Decision &d, const QString &previousVerdict)
{
    AuditEvent e = AuditEvents::forDecision(d, previousVerdict);
    e.at = d.decidedAt;
    return e;
}

Decision readDecision(const Stmt &s, int first)
{
    Decision d;
    d.uuid = s.text(first);
    d.proposalId = s.text(first + 1);
    d.revision = s.integer(first + 2);
    d.verdict = verdictFromId(s.text(first + 3)).value_or(Verdict::Retract);
    d.reviewer = s.text(first + 4);
    d.reason = s.text(first + 5);
    d.decidedAt = TextForm::parseTime(s.text(first + 6));
    d.supersedes = s.text(first + 7);
    d.pushedBy = s.text(first + 8);
    d.resolution = s.integer(first + 9) != 0;
    return d;
}

} // namespace sqlite

Result<void> SqliteStore::Private::migrate()
{
    const auto &steps = sqliteMigrations();
    const int latest = steps.back().version;
    auto current = userVersion();
    if (!current)
        return current.error();
    if (*current > latest) {
        return makeError(QStringLiteral("%1 has schema version %2, newer than this Verdict "
                                        "understands (%3); use a newer Verdict")
                             .arg(path).arg(*current).arg(latest));
    }
    for (const SqliteMigration &step : steps) {
        if (step.version <= *current)
            continue;
        if (auto r = begin(); !r)
            return r;
        RollbackGuard guard{this};
        // Another process may have migrated while we waited for the write lock.
        auto now = userVersion();
        if (!now)
            return now.error();
        if (*now >= step.version) {
            current = *now;
            continue;
        }
        if (auto r = execScript(step.sql, QStringLiteral("migration to schema version %1 failed")
                                              .arg(step.version));
            !r) {
            return r;
        }
        // PRAGMA takes no bound parameters; the version is our own integer.
        const QByteArray pragma = "PRAGMA user_version = " + QByteArray::number(step.version);
        if (auto r = execScript(pragma.constData(), QStringLiteral("cannot set the schema "
                                                                   "version"));
            !r) {
            return r;
        }
        if (auto r = commit(); !r)
            return r;
        guard.active = false;
        current = step.version;
    }
    schemaVersion = *current;
    return {};
}

SqliteStore::SqliteStore(std::unique_ptr<Private> dd) : d(std::move(dd)) {}

SqliteStore::~SqliteStore()
{
    // PASSIVE: never blocks other connections' readers or writers. Runs where the store
    // is destroyed (the CLI's exit, the GUI's background import connection), so a later
    // decision on another connection does not pay for copying the import.
    if (d->checkpointPending)
        sqlite3_wal_checkpoint_v2(d->db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                  nullptr);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const QString &path)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return makeError(QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));

    // SQLite counts its allocations under a global mutex unless told not to; Verdict never
    // reads the counts. Only possible before SQLite initialises (else a no-op, harmless).
    static const bool configured = [] {
        return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    }();
    Q_UNUSED(configured)

    auto d = std::make_unique<Private>();
    d->path = info.absoluteFilePath();
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(d->path).constData(), &raw,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                       | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    d->db.reset(raw);
    if (rc != SQLITE_OK)
        return d->error(QStringLiteral("cannot open %1").arg(d->path));
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 10000);
    if (sqlite3_create_function_v2(raw, "verdict_icontains", 2,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                   icontains, nullptr, nullptr, nullptr)
        != SQLITE_OK) {
        return d->error(QStringLiteral("cannot open %1").arg(d->path));
    }
    // WAL: readers never block the writer; synchronous=FULL makes every commit durable
    // (imports relax it to NORMAL for their own transaction only).
    // page_size first: it only takes effect on a new, empty database. 16 KB pages make a
    // bulk import ~10% faster (fewer WAL frames, overflow pages and write calls for the
    // ~4 KB report bodies) and cost decisions nothing measurable (docs/PERFORMANCE.md).
    const char *const pragmas[] = {"PRAGMA page_size = 16384", "PRAGMA journal_mode = WAL",
                                   "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
                                   "PRAGMA cache_size = -16000"};
    for (const char *pragma : pragmas) {
        if (auto r = d->execScript(pragma, QStringLiteral("cannot open %1").arg(d->path)); !r)
            return r.error();
    }
    if (auto r = d->migrate(); !r)
        return r.error();
    return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(d)));
}

QString SqliteStore::libraryVersion()
{
    return QStringLiteral("SQLite ") + QString::fromLatin1(sqlite3_libversion());
}

Result<StoreProbe> SqliteStore::probe(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return makeError(QStringLiteral("%1 does not exist").arg(info.absoluteFilePath()),
                         kNotFound);
    auto d = std::make_unique<Private>();
    d->path = info.absoluteFilePath();
    sqlite3 *raw = nullptr;
    // READONLY without CREATE: the file is never created, migrated nor written (a WAL
    // database may get its -wal/-shm side files, as for any reader).
    const int rc = sqlite3_open_v2(QFile::encodeName(d->path).constData(), &raw,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    d->db.reset(raw);
    if (rc != SQLITE_OK)
        return d->error(QStringLiteral("cannot open %1").arg(d->path));
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 3000);

    StoreProbe probe;
    probe.url = d->path;
    probe.knownVersion = sqliteMigrations().back().version;
    // The first read is where a file that is not a database fails (SQLITE_NOTADB).
    auto version = d->userVersion();
    if (!version)
        return d->error(QStringLiteral("cannot read %1").arg(d->path));
    probe.schemaVersion = *version;
    if (probe.schemaVersion == 0) {
        auto s = d->prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
        if (!s)
            return s.error();
        if (s->step() != SQLITE_ROW)
            return d->error(QStringLiteral("cannot read the tables of %1").arg(d->path));
        probe.otherTables = s->integer(0);
        return probe;
    }
    auto s = d->prepare("SELECT count(*) FROM proposals");
    if (s && s->step() == SQLITE_ROW)
        probe.proposals = s->int64(0);
    else if (probe.schemaVersion <= probe.knownVersion)
        return d->error(QStringLiteral("cannot count the proposals in %1").arg(d->path));
    // A newer schema may have moved proposals elsewhere: its count stays unknown (-1).
    return probe;
}

QString SqliteStore::url() const
{
    return d->path;
}

QString SqliteStore::path() const
{
    return d->path;
}

int SqliteStore::schemaVersion() const
{
    return d->schemaVersion;
}

Result<Decision> SqliteStore::decide(const DecisionRequest &checked)
{
    const auto valid = StoreRules::validate(checked);
    if (!valid)
        return valid.error();
    const DecisionRequest &request = *valid;
    const QString &reviewer = request.reviewer;

    // synchronous=FULL is in effect (set at open, restored after imports): COMMIT returns
    // only once the WAL is on disk.
    if (auto r = d->begin(); !r)
        return r.error();
    Private::RollbackGuard guard{d.get()};
    auto latest = d->latestRevision(request.proposalId);
    if (!latest)
        return latest.error();
    const auto resolved =
        StoreRules::resolveRevision(request.proposalId, request.revision, *latest);
    if (!resolved)
        return resolved.error();
    const int rev = *resolved;

    QString supersedes;
    QString previousVerdict;
    {
        auto s = d->prepare("SELECT uuid, verdict FROM decisions WHERE proposal_id = ?1 "
                            "AND revision = ?2 AND reviewer = ?3 "
                            "ORDER BY decided_at DESC, seq DESC LIMIT 1");
        if (!s)
            return s.error();
        s->bind(1, request.proposalId).bind(2, rev).bind(3, reviewer);
        const int rc = s->step();
        if (rc == SQLITE_ROW) {
            supersedes = s->text(0);
            previousVerdict = s->text(1);
        } else if (rc != SQLITE_DONE) {
            return d->error(QStringLiteral("cannot read decisions"));
        }
    }
    if (auto refused = StoreRules::refuseRetract(request, rev, previousVerdict))
        return *refused;

    const QString atText = nowText();
    const Decision dec =
        StoreRules::newDecision(request, rev, supersedes, TextForm::parseTime(atText));
    {
        auto s = d->prepare("INSERT INTO decisions (uuid, proposal_id, revision, verdict, "
                            "reviewer, reason, decided_at, supersedes, resolution) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        if (!s)
            return s.error();
        s->bind(1, dec.uuid).bind(2, dec.proposalId).bind(3, rev);
        s->bind(4, verdictId(dec.verdict)).bind(5, reviewer).bind(6, dec.reason);
        s->bind(7, atText).bind(8, dec.supersedes).bind(9, dec.resolution ? 1 : 0);
        if (auto r = d->run(s.value(), QStringLiteral("cannot store the decision")); !r)
            return r.error();
    }
    {
        auto s = d->prepare("INSERT INTO outbox (decision_uuid, queued_at) VALUES (?1, ?2)");
        if (!s)
            return s.error();
        s->bind(1, dec.uuid).bind(2, atText);
        if (auto r = d->run(s.value(), QStringLiteral("cannot queue the decision for sync")); !r)
            return r.error();
    }
    auto tip = d->chainTip();
    if (!tip)
        return tip.error();
    AuditEvent e = decisionEvent(dec, previousVerdict);
    if (auto r = d->appendEvent(tip.value(), e, atText); !r)
        return r.error();
    if (auto r = d->commit(); !r)
        return r.error();
    guard.active = false;
    return dec;
}

Result<std::optional<std::vector<Diagnostic>>>
SqliteStore::cachedDiagnostics(const QString &artifactSha256, const QString &checkerVersion)
{
    auto s = d->prepare("SELECT diagnostics FROM diagnostic_cache "
                        "WHERE artifact_sha256 = ?1 AND checker_version = ?2");
    if (!s)
        return s.error();
    s->bind(1, artifactSha256).bind(2, checkerVersion);
    const int rc = s->step();
    if (rc == SQLITE_DONE)
        return std::optional<std::vector<Diagnostic>>();
    if (rc != SQLITE_ROW)
        return d->error(QStringLiteral("cannot read the diagnostics cache"));
    return std::optional<std::vector<Diagnostic>>(diagnosticsFromJson(s->bytes(0)));
}

Result<void> SqliteStore::cacheDiagnostics(const QString &artifactSha256,
                                           const QString &checkerVersion,
                                           const std::vector<Diagnostic> &diagnostics)
{
    auto s = d->prepare("INSERT INTO diagnostic_cache (artifact_sha256, checker_version, "
                        "diagnostics) VALUES (?1, ?2, ?3) ON CONFLICT (artifact_sha256, "
                        "checker_version) DO UPDATE SET diagnostics = excluded.diagnostics");
    if (!s)
        return s.error();
    s->bind(1, artifactSha256).bind(2, checkerVersion);
    s->bind(3, diagnosticsToJson(diagnostics));
    const QString what = QStringLiteral("cannot write the diagnostics cache");
    return d->withoutFsync(what, [&] { return d->run(s.value(), what); });
}

Result<void> SqliteStore::setDiagnosticCounts(const QString &proposalId, int revision,
                                              int errors, int warnings, int infos)
{
    auto s = d->prepare("UPDATE revisions SET errors = ?3, warnings = ?4, infos = ?5 "
                        "WHERE proposal_id = ?1 AND revision = CASE WHEN ?2 = 0 THEN "
                        "(SELECT latest_revision FROM proposals WHERE id = ?1) ELSE ?2 END");
    if (!s)
        return s.error();
    s->bind(1, proposalId).bind(2, revision).bind(3, errors).bind(4, warnings).bind(5, infos);
    const QString what = QStringLiteral("cannot store diagnostic counts");
    return d->withoutFsync(what, [&]() -> Result<void> {
        if (auto r = d->run(s.value(), what); !r)
            return r;
        if (sqlite3_changes(d->db.get()) == 0) {
            return makeError(QStringLiteral("no revision %1 of proposal %2")
                                 .arg(revision)
                                 .arg(proposalId),
                             kNotFound);
        }
        return {};
    });
}

Result<AuditEvent> SqliteStore::recordAuditEvent(const AuditEvent &event)
{
    if (auto r = d->begin(); !r)
        return r.error();
    Private::RollbackGuard guard{d.get()};
    auto tip = d->chainTip();
    if (!tip)
        return tip.error();
    AuditEvent e = event;
    const QString atText = TextForm::formatTime(
        event.at.isValid() ? event.at : QDateTime::currentDateTimeUtc());
    e.at = TextForm::parseTime(atText);
    if (auto r = d->appendEvent(tip.value(), e, atText); !r)
        return r.error();
    if (auto r = d->commit(); !r)
        return r.error();
    guard.active = false;
    return e;
}

Result<std::vector<Decision>> SqliteStore::outbox(int limit)
{
    auto s = d->prepare("SELECT d.uuid, d.proposal_id, d.revision, d.verdict, d.reviewer, "
                        "d.reason, d.decided_at, d.supersedes, d.pushed_by, d.resolution "
                        "FROM outbox o JOIN decisions d ON d.uuid = o.decision_uuid "
                        "WHERE o.pushed_at IS NULL ORDER BY o.rowid LIMIT ?1");
    if (!s)
        return s.error();
    s->bind(1, limit);
    std::vector<Decision> out;
    int rc;
    while ((rc = s->step()) == SQLITE_ROW)
        out.push_back(readDecision(*s));
    if (rc != SQLITE_DONE)
        return d->error(QStringLiteral("cannot read the outbox"));
    return out;
}

Result<void> SqliteStore::markPushed(const QStringList &uuids)
{
    if (auto r = d->begin(); !r)
        return r;
    Private::RollbackGuard guard{d.get()};
    const QString atText = nowText();
    for (const QString &uuid : uuids) {
        auto s = d->prepare("UPDATE outbox SET pushed_at = ?2 "
                            "WHERE decision_uuid = ?1 AND pushed_at IS NULL");
        if (!s)
            return s.error();
        s->bind(1, uuid).bind(2, atText);
        if (auto r = d->run(s.value(), QStringLiteral("cannot update the outbox")); !r)
            return r;
    }
    if (auto r = d->commit(); !r)
        return r;
    guard.active = false;
    return {};
}

Result<int> SqliteStore::applyRemoteDecisions(const std::vector<Decision> &decisions)
{
    if (auto r = d->begin(); !r)
        return r.error();
    Private::RollbackGuard guard{d.get()};
    auto tip = d->chainTip();
    if (!tip)
        return tip.error();
    int added = 0;
    for (const Decision &dec : decisions) {
        if (dec.uuid.isEmpty() || dec.proposalId.isEmpty() || !dec.decidedAt.isValid())
            return makeError(QStringLiteral("a remote decision lacks uuid, proposal or time"),
                             kInvalid);
        const QString atText = TextForm::formatTime(dec.decidedAt);
        auto s = d->prepare("INSERT INTO decisions (uuid, proposal_id, revision, verdict, "
                            "reviewer, reason, decided_at, supersedes, pushed_by, resolution) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                            "ON CONFLICT (uuid) DO NOTHING");
        if (!s)
            return s.error();
        s->bind(1, dec.uuid).bind(2, dec.proposalId).bind(3, dec.revision);
        s->bind(4, verdictId(dec.verdict)).bind(5, dec.reviewer).bind(6, dec.reason);
        s->bind(7, atText).bind(8, dec.supersedes).bind(9, dec.pushedBy);
        s->bind(10, dec.resolution ? 1 : 0);
        if (auto r = d->run(s.value(), QStringLiteral("cannot store a remote decision")); !r)
            return r.error();
        if (sqlite3_changes(d->db.get()) == 0)
            continue;
        ++added;
        Decision stored = dec;
        stored.decidedAt = TextForm::parseTime(atText);
        // The event is recorded now; the decision keeps the time it was made.
        AuditEvent e = decisionEvent(stored, QString());
        if (auto r = d->appendEvent(tip.value(), e, nowText()); !r)
            return r.error();
    }
    if (auto r = d->commit(); !r)
        return r.error();
    guard.active = false;
    return added;
}

Result<QString> SqliteStore::meta(const QString &key)
{
    auto s = d->prepare("SELECT value FROM settings WHERE key = ?1");
    if (!s)
        return s.error();
    s->bind(1, key);
    const int rc = s->step();
    if (rc == SQLITE_ROW)
        return s->text(0);
    if (rc != SQLITE_DONE)
        return d->error(QStringLiteral("cannot read setting %1").arg(key));
    return QString();
}

Result<void> SqliteStore::setMeta(const QString &key, const QString &value)
{
    auto s = d->prepare("INSERT INTO settings (key, value) VALUES (?1, ?2) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    if (!s)
        return s.error();
    s->bind(1, key).bind(2, value);
    return d->run(s.value(), QStringLiteral("cannot write setting %1").arg(key));
}

} // namespace verdict
