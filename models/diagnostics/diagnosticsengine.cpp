// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/diagnosticsengine.h"

#include "diagnostics/dangeroustargetchecker.h"
#include "diagnostics/missingfieldchecker.h"
#include "diagnostics/targetconflictchecker.h"
#include "report/sha256.h"

#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QRunnable>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <optional>

namespace verdict {

namespace {

// What a pool task needs from the checkers and the store, borrowed for one batch.
struct Workspace
{
    std::unique_ptr<CheckerSet> checkers;
    std::unique_ptr<Store> store;
    QString storeUrl;
    bool storeFailed = false;
    // The rules not reported, as of settingsEpoch (the team setting is read once per
    // diagnose() call and workspace, not per proposal: it may be a server round trip).
    DisabledRules disabled;
    int settingsEpoch = -1;
};

// Proposals per pool task: enough for the parser workers and a batching linter to work
// long runs (32 -> 128: 10,000 reports checked 7% faster), few enough that the first
// results show soon and every core gets work from a small call (diagnose() makes at least
// four tasks per thread).
constexpr int kMaxBatch = 128;

// Results that depend on something passing (a timeout, a crashed parser) are not kept.
bool cacheable(const std::vector<Diagnostic> &diagnostics)
{
    for (const Diagnostic &d : diagnostics) {
        if (d.rule == QLatin1String("not-checked")
            && !d.message.contains(QLatin1String("not installed"))
            && !d.message.contains(QLatin1String("too large")))
            return false;
    }
    return true;
}

// The proposal-level rules: they read the report's fields and paths, never cached.
std::vector<Diagnostic> proposalDiagnostics(const Proposal &proposal)
{
    std::vector<Diagnostic> out = MissingFieldChecker::check(proposal);
    auto dangerous = DangerousTargetChecker::check(proposal);
    out.insert(out.end(), std::make_move_iterator(dangerous.begin()),
               std::make_move_iterator(dangerous.end()));
    return out;
}

QString artifactHash(const Artifact &a)
{
    if (!a.sha256.isEmpty())
        return a.sha256;
    return sha256Hex(a.content.toUtf8());
}

} // namespace

struct DiagnosticsEngine::Shared
{
    QThreadPool pool;
    mutable QMutex mutex;
    std::vector<std::unique_ptr<Workspace>> idle;
    CheckerTools tools;
    QString storeUrl;
    QString disabledRules; // setDisabledRules()
    std::atomic<int> generation{0};
    std::atomic<int> pending{0};
    std::atomic<int> settingsEpoch{0}; // bumped by each diagnose() call

    std::unique_ptr<Workspace> acquire()
    {
        QMutexLocker lock(&mutex);
        std::unique_ptr<Workspace> ws;
        if (!idle.empty()) {
            ws = std::move(idle.back());
            idle.pop_back();
        }
        const CheckerTools t = tools;
        const QString url = storeUrl;
        const QString extra = disabledRules;
        lock.unlock();
        if (!ws) {
            ws = std::make_unique<Workspace>();
            ws->checkers = std::make_unique<CheckerSet>(t);
        }
        if (ws->storeUrl != url) {
            ws->store.reset();
            ws->storeUrl = url;
            ws->storeFailed = false;
            ws->settingsEpoch = -1;
        }
        if (!url.isEmpty() && !ws->store && !ws->storeFailed) {
            auto opened = openStore(url);
            if (opened)
                ws->store = std::move(opened).value();
            else
                ws->storeFailed = true; // diagnose uncached rather than not at all
        }
        const int epoch = settingsEpoch.load();
        if (ws->settingsEpoch != epoch) {
            ws->disabled = DisabledRules(extra);
            if (ws->store) {
                // A store without settings, or one that fails to answer, disables nothing.
                const auto team = ws->store->setting(DisabledRules::kSettingKey);
                if (team)
                    ws->disabled.add(*team);
            }
            ws->checkers->setDisabledRules(ws->disabled);
            ws->settingsEpoch = epoch;
        }
        return ws;
    }

    void release(std::unique_ptr<Workspace> ws)
    {
        QMutexLocker lock(&mutex);
        idle.push_back(std::move(ws));
    }
};

std::vector<Diagnostic> DiagnosticsEngine::diagnoseProposal(const Proposal &proposal,
                                                            CheckerSet &checkers)
{
    std::vector<Diagnostic> out = proposalDiagnostics(proposal);
    for (const Artifact &a : proposal.artifacts) {
        auto found = checkers.check(a, proposal);
        out.insert(out.end(), found.begin(), found.end());
    }
    sortDiagnostics(&out);
    return out;
}

namespace {

// The cached diagnostics of an artifact, mapped to its report lines; nothing without a
// store or a cache entry.
std::optional<std::vector<Diagnostic>> cachedDiagnostics(Workspace &ws, const Artifact &a,
                                                         const Proposal &p)
{
    if (!ws.store)
        return std::nullopt;
    auto cached = ws.store->cachedDiagnostics(artifactHash(a), ws.checkers->versionKey(a));
    if (!cached || !cached->has_value())
        return std::nullopt;
    // Cached lines are artifact-relative (the same content may sit anywhere in a report).
    const int shift = a.firstLine > 0 ? a.firstLine - 1 : 0;
    std::vector<Diagnostic> out = **cached;
    for (Diagnostic &d : out) {
        d.line += shift;
        d.file = p.sourceFile;
        d.proposalId = p.id;
        d.artifact = a.path;
    }
    return out;
}

// Caches what the checkers found on an artifact.
void cacheDiagnostics(Workspace &ws, const Artifact &a, const std::vector<Diagnostic> &out)
{
    if (ws.store && cacheable(out)) {
        const int shift = a.firstLine > 0 ? a.firstLine - 1 : 0;
        std::vector<Diagnostic> relative = out;
        for (Diagnostic &d : relative) {
            d.line -= shift;
            d.file.clear();
            d.proposalId.clear();
            d.artifact.clear();
        }
        // A failed write is a cache miss next time.
        (void)ws.store->cacheDiagnostics(artifactHash(a), ws.checkers->versionKey(a), relative);
    }
}

struct BatchItem
{
    Proposal proposal;
    int revision = 1;
};

class BatchTask final : public QRunnable
{
public:
    BatchTask(std::shared_ptr<DiagnosticsEngine::Shared> shared, DiagnosticsEngine *engine,
              std::vector<BatchItem> items,
              std::shared_ptr<const TargetConflictChecker::TargetIndex> targets, int generation)
        : m_shared(std::move(shared)), m_engine(engine), m_items(std::move(items)),
          m_targets(std::move(targets)), m_generation(generation)
    {
    }

    void run() override;

private:
    bool current() const { return m_shared->generation.load() == m_generation; }

    std::shared_ptr<DiagnosticsEngine::Shared> m_shared;
    DiagnosticsEngine *m_engine;
    std::vector<BatchItem> m_items;
    std::shared_ptr<const TargetConflictChecker::TargetIndex> m_targets;
    int m_generation;
};

} // namespace

void BatchTask::run()
{
    auto &shared = *m_shared;
    if (current()) {
        auto ws = shared.acquire();
        // First what the cache has, then the checkers over everything else at once (a
        // batching linter runs once for the batch), then the proposals are assembled and
        // reported one by one.
        std::vector<std::vector<std::optional<std::vector<Diagnostic>>>> found(m_items.size());
        std::vector<CheckerSet::Item> uncached;
        std::vector<std::pair<size_t, size_t>> where; // (proposal, artifact) of each uncached
        for (size_t i = 0; i < m_items.size() && current(); ++i) {
            const Proposal &p = m_items[i].proposal;
            found[i].reserve(p.artifacts.size());
            for (size_t k = 0; k < p.artifacts.size(); ++k) {
                found[i].push_back(cachedDiagnostics(*ws, p.artifacts[k], p));
                if (!found[i].back()) {
                    uncached.emplace_back(&p.artifacts[k], &p);
                    where.emplace_back(i, k);
                }
            }
        }
        if (!uncached.empty() && current()) {
            auto checked = ws->checkers->checkAll(uncached);
            for (size_t u = 0; u < checked.size(); ++u) {
                cacheDiagnostics(*ws, *uncached[u].first, checked[u]);
                found[where[u].first][where[u].second] = std::move(checked[u]);
            }
        }
        for (size_t i = 0; i < m_items.size() && current(); ++i) {
            const Proposal &p = m_items[i].proposal;
            std::vector<Diagnostic> out = proposalDiagnostics(p);
            const auto conflicts = TargetConflictChecker::check(p, *m_targets);
            out.insert(out.end(), conflicts.begin(), conflicts.end());
            for (auto &artifact : found[i]) {
                if (!artifact)
                    continue;
                out.insert(out.end(), std::make_move_iterator(artifact->begin()),
                           std::make_move_iterator(artifact->end()));
            }
            ws->disabled.filter(&out);
            sortDiagnostics(&out);
            if (!current())
                break;
            if (ws->store && !p.id.isEmpty()) {
                int counts[3] = {0, 0, 0};
                for (const Diagnostic &d : out)
                    ++counts[int(d.severity)];
                (void)ws->store->setDiagnosticCounts(p.id, m_items[i].revision, counts[0],
                                                     counts[1], counts[2]);
            }
            Q_EMIT m_engine->proposalDiagnosed(p.id, m_items[i].revision, out);
        }
        shared.release(std::move(ws));
    }
    if (--shared.pending == 0)
        Q_EMIT m_engine->finished();
}

DiagnosticsEngine::DiagnosticsEngine(QObject *parent)
    : QObject(parent), d(std::make_shared<Shared>())
{
    qRegisterMetaType<std::vector<Diagnostic>>();
    d->pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
}

DiagnosticsEngine::~DiagnosticsEngine()
{
    cancel();
    d->pool.waitForDone();
}

void DiagnosticsEngine::setStoreUrl(const QString &url)
{
    QMutexLocker lock(&d->mutex);
    d->storeUrl = url;
}

QString DiagnosticsEngine::storeUrl() const
{
    QMutexLocker lock(&d->mutex);
    return d->storeUrl;
}

void DiagnosticsEngine::setTools(const CheckerTools &tools)
{
    QMutexLocker lock(&d->mutex);
    d->tools = tools;
    d->idle.clear(); // idle checker sets were built with the old tools
}

void DiagnosticsEngine::setDisabledRules(const QString &rules)
{
    QMutexLocker lock(&d->mutex);
    d->disabledRules = rules;
    ++d->settingsEpoch;
}

void DiagnosticsEngine::setMaxThreads(int threads)
{
    d->pool.setMaxThreadCount(std::max(1, threads));
}

void DiagnosticsEngine::diagnose(const std::vector<Proposal> &proposals)
{
    std::vector<StoredProposal> stored;
    stored.reserve(proposals.size());
    for (const Proposal &p : proposals) {
        StoredProposal s;
        s.proposal = p;
        stored.push_back(std::move(s));
    }
    diagnose(stored);
}

void DiagnosticsEngine::diagnose(const std::vector<StoredProposal> &proposals,
                                 const std::vector<QueueEntry> &queue)
{
    if (proposals.empty())
        return;
    // Building the path index is a hash insert per artifact: cheap enough for this thread.
    auto targets = std::make_shared<TargetConflictChecker::TargetIndex>();
    for (const QueueEntry &e : queue)
        TargetConflictChecker::addTargets(targets.get(), e.id, e.targets);
    std::vector<Proposal> all;
    all.reserve(proposals.size());
    for (const StoredProposal &s : proposals) {
        TargetConflictChecker::addProposal(targets.get(), s.proposal);
        all.push_back(s.proposal);
    }
    const int generation = d->generation.load();
    ++d->settingsEpoch; // the team's disabled rules are read again for this work
    const int threads = std::max(1, d->pool.maxThreadCount());
    const int n = int(proposals.size());
    // Four batches per thread at least, so the threads finish together.
    const int batch = std::clamp((n + threads * 4 - 1) / (threads * 4), 1, kMaxBatch);
    const int tasks = (n + batch - 1) / batch;
    d->pending += tasks;
    for (int t = 0; t < tasks; ++t) {
        std::vector<BatchItem> items;
        for (int i = t * batch; i < std::min(n, (t + 1) * batch); ++i)
            items.push_back({std::move(all[size_t(i)]), proposals[size_t(i)].revision});
        auto *task = new BatchTask(d, this, std::move(items), targets, generation);
        task->setAutoDelete(true);
        d->pool.start(task);
    }
}

void DiagnosticsEngine::cancel()
{
    ++d->generation;
}

bool DiagnosticsEngine::isBusy() const
{
    return d->pending.load() > 0;
}

bool DiagnosticsEngine::waitForDone(int msecs)
{
    return d->pool.waitForDone(msecs);
}

std::vector<Diagnostic> DiagnosticsEngine::diagnoseAll(const std::vector<Proposal> &proposals,
                                                       const QString &storeUrl,
                                                       const CheckerTools &tools,
                                                       const QString &disabledRules)
{
    std::vector<Diagnostic> all;
    QMutex mutex;
    {
        DiagnosticsEngine engine;
        engine.setStoreUrl(storeUrl);
        engine.setTools(tools);
        engine.setDisabledRules(disabledRules);
        connect(&engine, &DiagnosticsEngine::proposalDiagnosed, &engine,
                [&](const QString &, int, const std::vector<Diagnostic> &found) {
                    QMutexLocker lock(&mutex);
                    all.insert(all.end(), found.begin(), found.end());
                },
                Qt::DirectConnection);
        engine.diagnose(proposals);
        engine.waitForDone();
    }
    sortDiagnostics(&all);
    return all;
}

} // namespace verdict
