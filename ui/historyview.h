// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/store.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QTreeWidget;

namespace verdict {

class BoundedTextEdit;

// Everything that happened to one proposal: every decision by anyone (superseded ones
// marked, not hidden), conflicts, and the report's revisions with a line diff of the code
// between any two of them (+/- markers and colours, so not colour alone).
class HistoryView final : public QWidget
{
    Q_OBJECT

public:
    using RevisionLoader = std::function<Result<StoredProposal>(int revision)>;

    explicit HistoryView(QWidget *parent = nullptr);
    ~HistoryView() override;

    // `shown` is the revision on screen; other revisions are read through `loader` only
    // when the diff asks for them.
    void setHistory(const StoredProposal &shown, const std::vector<Decision> &decisions,
                    RevisionLoader loader);
    void clear();

    QTreeWidget *decisionsView() const { return m_decisions; }
    BoundedTextEdit *diffView() const { return m_diff; }
    QLabel *summaryLabel() const { return m_summary; }
    // Shows the diff between two revisions (1-based); false when either cannot be read.
    bool showDiff(int fromRevision, int toRevision);
    int decisionCount() const { return int(m_list.size()); }

private:
    void fillDecisions();
    void diffFromCombos();
    const StoredProposal *revision(int number);

    StoredProposal m_shown;
    std::vector<Decision> m_list;
    RevisionLoader m_loader;
    std::vector<std::optional<StoredProposal>> m_revisions; // index = revision - 1
    QLabel *m_summary = nullptr;
    QTreeWidget *m_decisions = nullptr;
    QComboBox *m_from = nullptr;
    QComboBox *m_to = nullptr;
    BoundedTextEdit *m_diff = nullptr;
    bool m_filling = false;
};

} // namespace verdict
