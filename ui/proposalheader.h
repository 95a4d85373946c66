// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/store.h"

#include <QWidget>

#include <optional>

namespace verdict {

class ElidedLabel;

// The selected proposal's header above its code: the title and the id line on one row, the
// fields (status, severity, blocks execution, timestamp, kind, parse problems, target files)
// on two more. Each value is report text: shown bounded and cut at its width, whole in its
// tool tip and its Copy action, so the header keeps three rows whatever the values.
class ProposalHeader final : public QWidget
{
    Q_OBJECT

public:
    explicit ProposalHeader(QWidget *parent = nullptr);
    ~ProposalHeader() override;

    // Call fitTitle() after it: the title's share depends on its text.
    void setProposal(const StoredProposal &stored);
    void setStatus(Status status);
    void clear();
    // The title whole when it fits in three fifths of `rowWidth`, the id line the rest.
    void fitTitle(int rowWidth);

private:
    QString fieldText(const std::optional<QString> &value) const;

    ElidedLabel *m_title = nullptr;
    ElidedLabel *m_meta = nullptr;
    ElidedLabel *m_status = nullptr;
    ElidedLabel *m_severity = nullptr;
    ElidedLabel *m_block = nullptr;
    ElidedLabel *m_kind = nullptr;
    ElidedLabel *m_timestamp = nullptr;
    ElidedLabel *m_targets = nullptr;
    ElidedLabel *m_problems = nullptr;
};

} // namespace verdict
