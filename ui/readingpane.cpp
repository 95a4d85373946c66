// SPDX-License-Identifier: GPL-3.0-or-later
#include "readingpane.h"

#include "actionregistry.h"
#include "diagnosticscache.h"
#include "historyview.h"
#include "plaintext.h"
#include "proposalview.h"

#include <QAction>
#include <QSettings>
#include <QTabWidget>

namespace verdict {

ReadingPane::ReadingPane(ProposalView *view, Store *store, DiagnosticsCache *diagnostics,
                         ActionRegistry *actions, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_store(store)
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
    if (id.isEmpty() || !m_store) {
        m_shownId.clear();
        m_view->clear();
        return;
    }
    if (id == m_shownId && revision == m_view->revision())
        return;
    applyProposal(id, revision, loadProposal(id, revision));
}

ReadingPane::Loaded ReadingPane::loadProposal(const QString &id, int revision) const
{
    Loaded loaded{m_store->proposal(id, revision), {}};
    if (loaded.proposal)
        loaded.decisions = loadDecisions(id);
    return loaded;
}

void ReadingPane::applyProposal(const QString &id, int revision, const Loaded &loaded)
{
    const Result<StoredProposal> &stored = loaded.proposal;
    if (!stored) {
        Q_EMIT message(tr("Cannot load %1: %2")
                           .arg(PlainText::line(id, PlainText::kShortChars),
                                stored.errorMessage()),
                       8000);
        m_view->clear();
        m_shownId.clear();
        return;
    }
    m_shownId = id;
    m_view->setProposal(stored.value());
    applyHistory(stored.value(), loaded.decisions);
    if (const auto known = m_diagnostics->find(id, revision))
        m_view->setDiagnostics(*known, true);
    else
        m_diagnostics->request(stored.value());
    Q_EMIT proposalShown(id);
}

std::vector<Decision> ReadingPane::loadDecisions(const QString &id) const
{
    if (!m_store)
        return {};
    auto decisions = m_store->decisions(id);
    return decisions ? std::move(decisions).value() : std::vector<Decision>{};
}

std::function<Result<StoredProposal>(int)> ReadingPane::revisionLoader(const QString &id) const
{
    Store *store = m_store;
    return [store, id](int revision) -> Result<StoredProposal> {
        if (!store)
            return makeError(tr("No database is open."));
        return store->proposal(id, revision);
    };
}

void ReadingPane::applyHistory(const StoredProposal &stored,
                               const std::vector<Decision> &decisions)
{
    m_view->historyView()->setHistory(stored, decisions, revisionLoader(stored.proposal.id));
    m_view->updateHistoryTitle();
}

void ReadingPane::applyDecided(const Decision &decision, Status status)
{
    if (m_view->proposalId() != decision.proposalId)
        return;
    m_view->setStatus(status);
    applyHistory(m_view->proposal(), loadDecisions(decision.proposalId));
}

void ReadingPane::applyDiagnostics(const QString &id, int revision,
                                   const std::vector<Diagnostic> &diagnostics)
{
    if (m_shownId == id && m_view->revision() == revision)
        m_view->setDiagnostics(diagnostics, true);
}

} // namespace verdict
