// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sync.h"

#include "store/postgresstore.h"
#include "store/sqlitestore.h"

#include <map>
#include <set>

namespace verdict {

namespace {

// The laptop's revision numbers by content, per proposal id: server and laptop number
// revisions independently, sha256 says which is which.
class LocalRevisions
{
public:
    explicit LocalRevisions(SqliteStore *store) : m_store(store) {}

    // 0 when the laptop lacks that revision.
    Result<int> revisionOf(const QString &id, const QString &sha256)
    {
        auto it = m_byId.find(id);
        if (it == m_byId.end()) {
            std::map<QString, int> shas;
            auto latest = m_store->proposal(id, 0);
            if (latest) {
                for (int r = 1; r <= latest->latestRevision; ++r) {
                    auto p = r == latest->revision ? latest : m_store->proposal(id, r);
                    if (!p)
                        return p.error();
                    shas[p->proposal.sha256] = r;
                }
            } else if (latest.error().code != QLatin1String("not-found")) {
                return latest.error();
            }
            it = m_byId.emplace(id, std::move(shas)).first;
        }
        const auto found = it->second.find(sha256);
        return found == it->second.end() ? 0 : found->second;
    }

    void forget(const QString &id) { m_byId.erase(id); }

private:
    SqliteStore *m_store;
    std::map<QString, std::map<QString, int>> m_byId;
};

Error interrupted(SyncEngine::Stage stage)
{
    return makeError(QStringLiteral("sync interrupted (stage %1)").arg(int(stage)),
                     QStringLiteral("interrupted"));
}

bool isOffline(const Error &e)
{
    // Connection classes: 08 (connection), 28 (authentication), 3D (no database),
    // 57P (server shutting down).
    return e.code.startsWith(QLatin1String("08")) || e.code.startsWith(QLatin1String("28"))
           || e.code == QLatin1String("3D000") || e.code.startsWith(QLatin1String("57P"));
}

} // namespace

SyncEngine::SyncEngine(const QString &localPath, const QString &serverUrl, QObject *parent)
    : QObject(parent), m_localPath(localPath), m_serverUrl(serverUrl)
{
    qRegisterMetaType<verdict::SyncEngine::State>("verdict::SyncEngine::State");
}

SyncEngine::SyncEngine(SqliteStore *local, PostgresStore *server, QObject *parent)
    : QObject(parent), m_local(local), m_server(server)
{
    qRegisterMetaType<verdict::SyncEngine::State>("verdict::SyncEngine::State");
}

SyncEngine::~SyncEngine() = default;

QString SyncEngine::cursorKey(const QString &serverUrl, const QString &what)
{
    return QStringLiteral("sync:") + redactStoreUrl(serverUrl) + QLatin1Char(':')
           + what;
}

void SyncEngine::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SyncEngine::syncNow()
{
    const auto r = sync();
    Q_EMIT finished(r.ok(), r.ok() ? QString() : r.errorMessage());
}

Result<SyncReport> SyncEngine::sync()
{
    setState(State::Syncing);
    Result<SyncReport> r = makeError(QString());
    if (auto open = ensureStores(); !open)
        r = open.error();
    else
        r = run();
    if (r) {
        m_lastError.clear();
        m_lastReport = r.value();
        setState(State::Online);
    } else {
        m_lastError = r.errorMessage();
        setState(isOffline(r.error()) ? State::Offline : State::Online);
    }
    return r;
}

Result<void> SyncEngine::ensureStores()
{
    if (!m_local) {
        auto local = SqliteStore::open(m_localPath);
        if (!local)
            return local.error();
        m_ownLocal = std::move(local).value();
        m_local = m_ownLocal.get();
    }
    if (!m_server) {
        auto server = PostgresStore::open(m_serverUrl);
        if (!server) {
            Error error = server.error();
            error.message = redactStoreUrl(error.message, m_serverUrl);
            return error;
        }
        m_ownServer = std::move(server).value();
        m_server = m_ownServer.get();
    }
    return {};
}

Result<SyncReport> SyncEngine::run()
{
    SyncReport report;
    const QString server = m_server->url();
    const auto proceed = [this](Stage stage) { return !m_faultHook || m_faultHook(stage); };
    LocalRevisions local(m_local);

    // 1. Push the outbox, batch by batch, with the revisions its decisions refer to.
    QString previousFirst;
    for (;;) {
        auto box = m_local->outbox(m_batchSize);
        if (!box)
            return box.error();
        if (box->empty())
            break;
        if (box->front().uuid == previousFirst)
            return makeError(QStringLiteral("the local outbox did not advance after a push"));
        previousFirst = box->front().uuid;

        std::map<std::pair<QString, int>, int> serverRevision;
        std::vector<std::pair<QString, int>> keys;
        std::vector<Proposal> proposals;
        for (const Decision &d : box.value()) {
            const auto key = std::make_pair(d.proposalId, d.revision);
            if (serverRevision.count(key))
                continue;
            auto p = m_local->proposal(d.proposalId, d.revision);
            if (!p)
                return p.error();
            serverRevision[key] = 0;
            keys.push_back(key);
            proposals.push_back(p->proposal);
        }
        auto imported = m_server->importRevisions(proposals, m_server->userName());
        if (!imported)
            return imported.error();
        for (size_t i = 0; i < keys.size(); ++i) {
            serverRevision[keys[i]] = imported->at(i).revision;
            if (imported->at(i).added)
                ++report.proposalsPushed;
        }
        std::vector<Decision> decisions = box.value();
        QStringList uuids;
        for (Decision &d : decisions) {
            d.revision = serverRevision[{d.proposalId, d.revision}];
            uuids << d.uuid;
        }
        if (!proceed(Stage::BeforePush))
            return interrupted(Stage::BeforePush);
        auto pushed = m_server->pushDecisions(decisions);
        if (!pushed)
            return pushed.error();
        report.decisionsPushed += pushed.value();
        // The server has them now: a crash from here on re-pushes, which inserts nothing.
        if (!proceed(Stage::AfterPush))
            return interrupted(Stage::AfterPush);
        if (auto marked = m_local->markPushed(uuids); !marked)
            return marked.error();
        report.decisionsAcknowledged += uuids.size();
        if (!proceed(Stage::AfterMarkPushed))
            return interrupted(Stage::AfterMarkPushed);
        if (int(box->size()) < m_batchSize)
            break;
    }

    // 2. Pull the proposal revisions the laptop lacks (teammates imported them).
    const QString revisionKey = cursorKey(server, QStringLiteral("revision_seq"));
    for (;;) {
        auto cursor = m_local->meta(revisionKey);
        if (!cursor)
            return cursor.error();
        auto revisions = m_server->revisionsAfter(cursor->toLongLong(), m_batchSize);
        if (!revisions)
            return revisions.error();
        if (revisions->empty())
            break;
        ParsedFile batch;
        batch.path = QStringLiteral("sync");
        std::set<std::pair<QString, QString>> queued;
        for (const ServerRevision &r : revisions.value()) {
            auto have = local.revisionOf(r.proposal.id, r.proposal.sha256);
            if (!have)
                return have.error();
            if (have.value() == 0 && queued.insert({r.proposal.id, r.proposal.sha256}).second)
                batch.proposals.push_back(r.proposal);
        }
        if (!batch.proposals.empty()) {
            auto summary = m_local->importFiles({batch}, QStringLiteral("sync"));
            if (!summary)
                return summary.error();
            report.proposalsPulled += summary->added + summary->revised;
            for (const Proposal &p : batch.proposals)
                local.forget(p.id);
        }
        if (auto r = m_local->setMeta(revisionKey, QString::number(revisions->back().seq)); !r)
            return r.error();
        if (int(revisions->size()) < m_batchSize)
            break;
    }
    if (!proceed(Stage::AfterPullProposals))
        return interrupted(Stage::AfterPullProposals);

    // 3. Pull the decisions (ours come back too: the laptop skips uuids it has).
    const QString decisionKey = cursorKey(server, QStringLiteral("decision_seq"));
    for (;;) {
        auto cursor = m_local->meta(decisionKey);
        if (!cursor)
            return cursor.error();
        auto pulled = m_server->decisionsAfter(cursor->toLongLong(), m_batchSize);
        if (!pulled)
            return pulled.error();
        if (pulled->empty())
            break;
        std::vector<Decision> decisions;
        decisions.reserve(pulled->size());
        for (const ServerDecision &sd : pulled.value()) {
            auto rev = local.revisionOf(sd.decision.proposalId, sd.revisionSha256);
            if (!rev)
                return rev.error();
            if (rev.value() == 0) {
                return makeError(QStringLiteral("decision %1 refers to a revision of %2 "
                                                "this laptop does not have")
                                     .arg(sd.decision.uuid, sd.decision.proposalId));
            }
            Decision d = sd.decision;
            d.revision = rev.value();
            decisions.push_back(std::move(d));
        }
        auto applied = m_local->applyRemoteDecisions(decisions);
        if (!applied)
            return applied.error();
        report.decisionsPulled += applied.value();
        if (auto r = m_local->setMeta(decisionKey, QString::number(pulled->back().seq)); !r)
            return r.error();
        if (int(pulled->size()) < m_batchSize)
            break;
    }
    return report;
}

} // namespace verdict
