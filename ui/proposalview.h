// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/store.h"

#include <QList>
#include <QWidget>

#include <memory>

class QLabel;
class QSplitter;
class QTabWidget;
class QTableView;

namespace verdict {

class Boilerplate;

class BoundedTextEdit;
class ElidedLabel;
class ProposalHeader;
class RisksPage;
class CodeView;
class DiagnosticsModel;
class HistoryView;

// The selected proposal: its header (ProposalHeader), one code view per artifact, its body
// as plain text, its risks and mitigations (RisksPage), its history, and the diagnostics
// list under the code.
class ProposalView final : public QWidget
{
    Q_OBJECT

public:
    explicit ProposalView(QWidget *parent = nullptr);
    ~ProposalView() override;

    void setProposal(const StoredProposal &proposal);
    void clear();
    QString proposalId() const { return m_proposal.proposal.id; }
    int revision() const { return m_proposal.revision; }
    const StoredProposal &proposal() const { return m_proposal; }
    void setStatus(Status status);

    // Diagnostics of the shown proposal; `computed` false shows "checking…".
    void setDiagnostics(const std::vector<Diagnostic> &diagnostics, bool computed = true);

    // One code view per artifact, the first kMaxCodeTabs of them (a report can name
    // thousands of files; the target list and the proposal text still have them all).
    static constexpr int kMaxCodeTabs = 30;
    QList<CodeView *> codeViews() const { return m_codeViews; }
    BoundedTextEdit *bodyView() const { return m_body; }
    QWidget *risksPage() const;
    // Risks and mitigations many proposals share word for word are marked generic ("same
    // text in 2,341 proposals"): not an assurance about this one. Null: none marked.
    void setBoilerplate(std::shared_ptr<const Boilerplate> index);
    // The risks and mitigations as shown (with their generic marks), for tests.
    QString risksText() const;
    QTabWidget *tabs() const { return m_tabs; }
    HistoryView *historyView() const { return m_history; }
    // Shows (selects) the history tab; it stays selected from proposal to proposal.
    void showHistory();
    bool isHistoryShown() const;
    // Refreshes the history tab's title after HistoryView::setHistory().
    void updateHistoryTitle();
    QTableView *diagnosticsView() const { return m_diagnosticsView; }
    DiagnosticsModel *diagnosticsModel() const { return m_diagnosticsModel; }

    // Shows the artifact's code view at the diagnostic's line (the body for
    // proposal-level diagnostics). Returns the code view used, null for the body.
    CodeView *showDiagnostic(int row);
    // Keyboard reading from the queue: the next/previous diagnostic (selected in the list,
    // its line shown in the code), the next/previous tab, a page of the shown text.
    void stepDiagnostic(int delta);
    // Long code lines wrap at the view's width instead of scrolling sideways.
    void setWrapCode(bool wrap);
    // Pinned: moving to another proposal keeps the chosen tab; else it opens on its code.
    void setTabPinned(bool pinned) { m_tabPinned = pinned; }
    bool isTabPinned() const { return m_tabPinned; }
    bool wrapsCode() const { return m_wrapCode; }
    void stepTab(int delta);
    void scrollPage(int delta);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    static constexpr int kMinDiagnosticRows = 3;
    int diagnosticsListHeight(int rows) const;
    void placeCodeSplitter();
    // A file's tab: the line over its code and the code. Made once, filled per proposal.
    struct CodePage
    {
        QWidget *page = nullptr;
        ElidedLabel *info = nullptr;
        CodeView *view = nullptr;
    };
    static CodePage makeCodePage();
    void fillCodePage(const CodePage &page, const Artifact &artifact);
    void rebuildTabs();
    void updateRisksTab(); // the Risks tab's title and tool tip, from the page

    StoredProposal m_proposal;
    ProposalHeader *m_header = nullptr;
    QTabWidget *m_tabs = nullptr;
    BoundedTextEdit *m_body = nullptr;
    RisksPage *m_risksPage = nullptr;
    HistoryView *m_history = nullptr;
    bool m_tabPinned = false;
    QWidget *m_keepTab = nullptr; // the pinned page while tabs are rebuilt
    int m_keptIndex = 0;          // the pinned index when that page was a code tab
    QList<CodeView *> m_codeViews; // the shown files' views: the first tabs
    QList<CodePage> m_codePages;   // every page made so far, the shown ones first
    QLabel *m_moreFiles = nullptr; // "N more files", after the files when there are more
    QLabel *m_diagnosticsTitle = nullptr;
    QTableView *m_diagnosticsView = nullptr;
    bool m_wrapCode = false;
    DiagnosticsModel *m_diagnosticsModel = nullptr;
    QSplitter *m_splitter = nullptr;
    QWidget *m_diagnosticsPane = nullptr;
    bool m_splitUserSized = false; // the reviewer dragged the code/diagnostics handle
};

} // namespace verdict
