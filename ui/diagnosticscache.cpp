// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnosticscache.h"

#include "store/storeworker.h"

#include "diagnostics/diagnosticsengine.h"
#include "queue/queuemodel.h"

#include <QCoreApplication>
#include <QSet>

namespace verdict {

DiagnosticsCache::DiagnosticsCache(QueueModel *model, StoreWorker *worker, const QString &storeUrl,
                                   QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_storeUrl(storeUrl)
    , m_worker(worker)
{
}

DiagnosticsCache::~DiagnosticsCache() = default;

void DiagnosticsCache::enable()
{
    if (m_engine || m_storeUrl.isEmpty())
        return;
    m_engine = new DiagnosticsEngine(this);
    m_engine->setStoreUrl(m_storeUrl);
    connect(m_engine, &DiagnosticsEngine::proposalDiagnosed, this, &DiagnosticsCache::set);
}

std::optional<std::vector<Diagnostic>> DiagnosticsCache::find(const QString &proposalId,
                                                              int revision) const
{
    const auto it = m_known.constFind(proposalId);
    if (it == m_known.cend() || it->revision != revision)
        return std::nullopt;
    return it->list;
}

void DiagnosticsCache::request(const StoredProposal &proposal)
{
    if (m_engine) // cached results come back at once; the GUI does not wait for them
        m_engine->diagnose(std::vector<StoredProposal>{proposal}, m_model->entries());
}

void DiagnosticsCache::set(const QString &proposalId, int revision,
                           const std::vector<Diagnostic> &diagnostics)
{
    m_known.insert(proposalId, Known{revision, diagnostics});
    m_requested.remove(proposalId);
    applyCounts(proposalId);
    Q_EMIT diagnosed(proposalId, revision, diagnostics);
}

void DiagnosticsCache::applyAllCounts()
{
    for (auto it = m_known.cbegin(); it != m_known.cend(); ++it)
        applyCounts(it.key());
}

void DiagnosticsCache::applyCounts(const QString &id)
{
    const auto it = m_known.constFind(id);
    const QueueEntry *entry = m_model->entryAt(m_model->rowForId(id));
    if (it == m_known.cend() || !entry || entry->revision != it->revision)
        return;
    int counts[3] = {0, 0, 0};
    for (const Diagnostic &d : it->list)
        ++counts[int(d.severity)];
    QStringList rules;
    for (const Diagnostic &d : it->list) {
        if (!rules.contains(d.rule))
            rules << d.rule;
    }
    m_model->setDiagnosticRules(id, rules);
    m_model->setDiagnosticCounts(id, counts[int(DiagnosticSeverity::Error)],
                                 counts[int(DiagnosticSeverity::Warning)],
                                 counts[int(DiagnosticSeverity::Info)]);
}

void DiagnosticsCache::diagnoseUncomputed()
{
    if (!m_engine)
        return;
    QStringList ids;
    for (const QueueEntry &e : m_model->entries()) {
        // Asked for already (every queue read calls this; a check of 100,000 proposals
        // outlasts several): not asked again.
        const auto asked = m_requested.constFind(e.id);
        if (e.errors < 0 && !m_known.contains(e.id)
            && (asked == m_requested.cend() || *asked != e.revision)) {
            ids << e.id;
            m_requested.insert(e.id, e.revision);
        }
    }
    if (ids.isEmpty())
        return;
    // Reading every proposal is a long job: the store's background connection, not the
    // reviewer's.
    m_worker->postBackground(
        this, [ids](Store &store) { return loadProposals(store, ids); },
        [this](const std::vector<StoredProposal> &proposals) { diagnoseLoaded(proposals); });
}

void DiagnosticsCache::reloadDisabledRules()
{
    if (!m_engine)
        return;
    QStringList ids;
    QSet<QString> seen;
    for (const QueueEntry &e : m_model->entries()) {
        if (!seen.contains(e.id)) {
            seen.insert(e.id);
            ids << e.id;
        }
    }
    for (auto it = m_known.cbegin(); it != m_known.cend(); ++it) {
        if (!seen.contains(it.key()))
            ids << it.key();
    }
    if (ids.isEmpty())
        return;
    m_worker->postBackground(
        this, [ids](Store &store) { return loadProposals(store, ids); },
        [this](const std::vector<StoredProposal> &proposals) { diagnoseLoaded(proposals); });
}

std::vector<StoredProposal> DiagnosticsCache::loadProposals(Store &store,
                                                            const QStringList &ids)
{
    std::vector<StoredProposal> proposals;
    for (const QString &id : ids) {
        auto p = store.proposal(id);
        if (p)
            proposals.push_back(std::move(p).value());
    }
    return proposals;
}

void DiagnosticsCache::diagnoseLoaded(const std::vector<StoredProposal> &proposals)
{
    if (m_engine)
        m_engine->diagnose(proposals, m_model->entries());
}

bool DiagnosticsCache::waitForDone(int msecs)
{
    if (!m_engine)
        return true;
    m_worker->waitForIdle(msecs); // the proposals read and handed to the engine
    const bool done = m_engine->waitForDone(msecs);
    QCoreApplication::processEvents(); // delivers the queued results
    return done;
}

} // namespace verdict
