// SPDX-License-Identifier: GPL-3.0-or-later
#include "readingpane.h"

#include "actionregistry.h"
#include "diagnosticscache.h"
#include "historyview.h"
#include "plaintext.h"
#include "proposalview.h"
#include "queue/boilerplate.h"
#include "store/storeworker.h"

#include <QAction>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>

namespace verdict {

namespace {
// A proposal not read by then is not left standing in for it: the pane clears.
constexpr int kLoadingAfterMs = 150;
} // namespace

ReadingPane::ReadingPane(ProposalView *view, StoreWorker *worker, DiagnosticsCache *diagnostics,
                         ActionRegistry *actions, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_worker(worker)
    , m_diagnostics(diagnostics)
{
    using Spec = ActionRegistry::Spec;
    QAction *pin = actions->add(Spec{QStringLiteral("pinTab"),
                                     tr("&Pin the tab (keep it for the next proposals)"),
                                     {QKeySequence(Qt::Key_P)}, Qt::WindowShortcut, nullptr,
                                     true});
    connect(pin, &QAction::toggled, this, [this](bool on) {
        m_view->setTabPinned(on);
        Q_EMIT message(on ? tr("Tab pinned: the next proposals open on it (P unpins).")
                          : tr("Tab unpinned: each proposal opens on its code."),
                       4000);
    });
    // Remembered: a reviewer who reads wrapped reads wrapped tomorrow too.
    QAction *wrap = actions->add(Spec{QStringLiteral("wrapCode"), tr("&Wrap code lines"),
                                      {QKeySequence(Qt::ALT | Qt::Key_Z)}, Qt::WindowShortcut,
                                      nullptr, true});
    wrap->setChecked(QSettings().value(QStringLiteral("code/wrap"), false).toBool());
    m_view->setWrapCode(wrap->isChecked());
    connect(wrap, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("code/wrap"), on);
        m_view->setWrapCode(on);
    });
    // Reading without leaving the queue: the focus stays on the row, J/K keep working.
    const auto add = [this, actions](const QString &id, const QString &text,
                                     const QKeySequence &key, auto slot) {
        actions->add(Spec{id, text, {key}}, this, slot);
    };
    add(QStringLiteral("nextDiagnostic"), tr("Next &diagnostic"), QKeySequence(Qt::Key_F8),
        [this] { m_view->stepDiagnostic(1); });
    add(QStringLiteral("previousDiagnostic"), tr("Previous diagnostic"),
        QKeySequence(Qt::SHIFT | Qt::Key_F8), [this] { m_view->stepDiagnostic(-1); });
    add(QStringLiteral("nextTab"), tr("Next file tab"), QKeySequence(Qt::Key_BracketRight),
        [this] { m_view->stepTab(1); });
    add(QStringLiteral("previousTab"), tr("Previous file tab"),
        QKeySequence(Qt::Key_BracketLeft), [this] { m_view->stepTab(-1); });
    add(QStringLiteral("pageDown"), tr("Scroll the code down a page"),
        QKeySequence(Qt::Key_Space), [this] { m_view->scrollPage(1); });
    add(QStringLiteral("pageUp"), tr("Scroll the code up a page"),
        QKeySequence(Qt::SHIFT | Qt::Key_Space), [this] { m_view->scrollPage(-1); });
    add(QStringLiteral("history"), tr("&History of this proposal"), QKeySequence(Qt::Key_H),
        [this] { toggleHistory(); });

    connect(m_diagnostics, &DiagnosticsCache::diagnosed, this, &ReadingPane::applyDiagnostics);
}

ReadingPane::~ReadingPane() = default;

void ReadingPane::toggleHistory()
{
    if (m_view->isHistoryShown())
        m_view->tabs()->setCurrentIndex(0);
    else
        m_view->showHistory();
}

void ReadingPane::show(const QString &id, int revision)
{
    if (id.isEmpty()) {
        m_shownId.clear();
        m_wantedId.clear();
        m_view->clear();
        return;
    }
    if (id == m_shownId && revision == m_view->revision()) {
        m_wantedId = id;
        m_wantedRevision = revision;
        return;
    }
    if (id == m_wantedId && revision == m_wantedRevision)
        return; // on its way
    m_wantedId = id;
    m_wantedRevision = revision;
    m_worker->post(
        this,
        [id, revision](Store &store) { return StoreJobs::loadProposal(store, id, revision); },
        [this](const StoreJobs::ProposalPage &page) { applyProposal(page); });
    // A slow store: never leave another proposal on screen under this one's row.
    QTimer::singleShot(kLoadingAfterMs, this, [this, id, revision] {
        if (m_wantedId == id && m_wantedRevision == revision && m_shownId != id) {
            m_shownId.clear();
            m_view->clear();
        }
    });
}

void ReadingPane::applyProposal(const StoreJobs::ProposalPage &page)
{
    if (page.id != m_wantedId || page.revision != m_wantedRevision)
        return; // the reviewer has moved on
    if (!page.stored) {
        Q_EMIT message(tr("Cannot load %1: %2")
                           .arg(PlainText::line(page.id, PlainText::kShortChars), page.error),
                       8000);
        m_view->clear();
        m_shownId.clear();
        return;
    }
    const StoredProposal &stored = *page.stored;
    m_shownId = page.id;
    m_view->setProposal(stored);
    applyHistory(stored, page.history,
                 std::make_shared<const std::vector<StoredProposal>>(page.otherRevisions));
    if (const auto known = m_diagnostics->find(page.id, page.revision))
        m_view->setDiagnostics(*known, true);
    else
        m_diagnostics->request(stored);
    Q_EMIT proposalShown(page.id);
}

void ReadingPane::applyHistory(const StoredProposal &stored,
                               const std::vector<Decision> &decisions,
                               std::shared_ptr<const std::vector<StoredProposal>> others)
{
    m_otherRevisions = others;
    // The diff reads other revisions from what was loaded with the proposal: the GUI thread
    // never reads the store.
    auto loader = [others](int revision) -> Result<StoredProposal> {
        if (others) {
            for (const StoredProposal &p : *others) {
                if (p.revision == revision)
                    return p;
            }
        }
        return makeError(tr("revision %1 was not loaded (only the %2 latest are)")
                             .arg(revision)
                             .arg(StoreJobs::kRevisionsLoaded));
    };
    m_view->historyView()->setHistory(stored, decisions, loader);
    m_view->updateHistoryTitle();
}

void ReadingPane::refreshBoilerplate()
{
    m_worker->postBackground(
        this,
        [](Store &store) -> std::shared_ptr<const Boilerplate> {
            auto index = std::make_shared<Boilerplate>();
            if (!store.forEachRiskList([&](const QStringList &texts) { index->addProposal(texts); }))
                return nullptr; // nothing marked rather than a wrong mark
            index->prune(); // only what repeats is kept
            return index;
        },
        [this](const std::shared_ptr<const Boilerplate> &index) { m_view->setBoilerplate(index); });
}

void ReadingPane::applyDecided(const Decision &decision, Status status)
{
    if (m_view->proposalId() != decision.proposalId)
        return;
    m_view->setStatus(status);
    const QString id = decision.proposalId;
    m_worker->post(
        this, [id](Store &store) { return store.decisions(id); },
        [this, id](const Result<std::vector<Decision>> &decisions) {
            if (decisions && m_view->proposalId() == id)
                applyHistory(m_view->proposal(), *decisions, m_otherRevisions);
        });
}

void ReadingPane::applyDiagnostics(const QString &id, int revision,
                                   const std::vector<Diagnostic> &diagnostics)
{
    if (m_shownId == id && m_view->revision() == revision)
        m_view->setDiagnostics(diagnostics, true);
}

} // namespace verdict
