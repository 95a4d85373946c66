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

#include <atomic>

namespace verdict {

namespace {

// What a pool task needs from the checkers and the store, borrowed for one proposal.
struct Workspace
{
    std::unique_ptr<CheckerSet> checkers;
    std::unique_ptr<Store> store;
    QString storeUrl;
    bool storeFailed = false;
};

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
    std::atomic<int> generation{0};
    std::atomic<int> pending{0};

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
        lock.unlock();
        if (!ws) {
            ws = std::make_unique<Workspace>();
            ws->checkers = std::make_unique<CheckerSet>(t);
        }
        if (ws->storeUrl != url) {
            ws->store.reset();
            ws->storeUrl = url;
            ws->storeFailed = false;
        }
        if (!url.isEmpty() && !ws->store && !ws->storeFailed) {
            auto opened = openStore(url);
            if (opened)
                ws->store = std::move(opened).value();
            else
                ws->storeFailed = true; // diagnose uncached rather than not at all
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

std::vector<Diagnostic> artifactDiagnostics(Workspace &ws, const Artifact &a,
                                            const Proposal &p)
{
    if (!ws.store)
        return ws.checkers->check(a, p);
    const QString hash = artifactHash(a);
    const QString version = ws.checkers->versionKey(a);
    // Cached lines are artifact-relative (the same content may sit anywhere in a report).
    const int shift = a.firstLine > 0 ? a.firstLine - 1 : 0;
    auto cached = ws.store->cachedDiagnostics(hash, version);
    if (cached && cached->has_value()) {
        std::vector<Diagnostic> out = **cached;
        for (Diagnostic &d : out) {
            d.line += shift;
            d.file = p.sourceFile;
            d.proposalId = p.id;
            d.artifact = a.path;
        }
        return out;
    }
    std::vector<Diagnostic> out = ws.checkers->check(a, p);
    if (cacheable(out)) {
        std::vector<Diagnostic> relative = out;
        for (Diagnostic &d : relative) {
            d.line -= shift;
            d.file.clear();
            d.proposalId.clear();
            d.artifact.clear();
        }
        (void)ws.store->cacheDiagnostics(hash, version, relative); // a cache miss next time
    }
    return out;
}

class ProposalTask final : public QRunnable
{
public:
    ProposalTask(std::shared_ptr<DiagnosticsEngine::Shared> shared, DiagnosticsEngine *engine,
                 Proposal proposal, int revision,
                 std::shared_ptr<const TargetConflictChecker::TargetIndex> targets,
                 int generation)
        : m_shared(std::move(shared)), m_engine(engine), m_proposal(std::move(proposal)),
          m_revision(revision), m_targets(std::move(targets)), m_generation(generation)
    {
    }

    void run() override;

private:
    std::shared_ptr<DiagnosticsEngine::Shared> m_shared;
    DiagnosticsEngine *m_engine;
    Proposal m_proposal;
    int m_revision;
    std::shared_ptr<const TargetConflictChecker::TargetIndex> m_targets;
    int m_generation;
};

} // namespace

void ProposalTask::run()
{
    auto &shared = *m_shared;
    if (shared.generation.load() == m_generation) {
        auto ws = shared.acquire();
        std::vector<Diagnostic> out = proposalDiagnostics(m_proposal);
        const auto conflicts = TargetConflictChecker::check(m_proposal, *m_targets);
        out.insert(out.end(), conflicts.begin(), conflicts.end());
        for (const Artifact &a : m_proposal.artifacts) {
            if (shared.generation.load() != m_generation)
                break;
            auto found = artifactDiagnostics(*ws, a, m_proposal);
            out.insert(out.end(), found.begin(), found.end());
        }
        sortDiagnostics(&out);
        if (ws->store && shared.generation.load() == m_generation && !m_proposal.id.isEmpty()) {
            int counts[3] = {0, 0, 0};
            for (const Diagnostic &d : out)
                ++counts[int(d.severity)];
            (void)ws->store->setDiagnosticCounts(m_proposal.id, m_revision, counts[0],
                                                 counts[1], counts[2]);
        }
        shared.release(std::move(ws));
        if (shared.generation.load() == m_generation)
            Q_EMIT m_engine->proposalDiagnosed(m_proposal.id, m_revision, out);
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
    d->pending += int(proposals.size());
    for (size_t i = 0; i < proposals.size(); ++i) {
        auto *task = new ProposalTask(d, this, std::move(all[i]), proposals[i].revision, targets,
                                      generation);
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
                                                       const CheckerTools &tools)
{
    std::vector<Diagnostic> all;
    QMutex mutex;
    {
        DiagnosticsEngine engine;
        engine.setStoreUrl(storeUrl);
        engine.setTools(tools);
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
