// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QScrollArea>
#include <QStringList>

#include <memory>

class QLabel;

namespace verdict {

class Boilerplate;

// The proposal's Risks tab: its risks and mitigations (scrollable when long), each bounded
// and copied whole. Texts many proposals share word for word are marked generic ("same text
// in 2,341 proposals"): not an assurance about this one. The page also says what its tab's
// title and tool tip are (how many risks, how many generic); ProposalView sets them.
class RisksPage final : public QScrollArea
{
    Q_OBJECT

public:
    explicit RisksPage(QWidget *parent = nullptr);
    ~RisksPage() override;

    void setRisks(const QStringList &risks, const QStringList &mitigations);
    void clear() { setRisks({}, {}); }
    // Null: none marked.
    void setBoilerplate(std::shared_ptr<const Boilerplate> index);
    // The risks and mitigations as shown (with their generic marks), for tests.
    QString risksText() const;
    QString tabTitle() const;
    QString tabToolTip() const;

private:
    void showRisks();

    QStringList m_riskTexts;
    QStringList m_mitigationTexts;
    int m_generic = 0; // how many of them are marked generic
    std::shared_ptr<const Boilerplate> m_boilerplate;
    QLabel *m_risks = nullptr;
    QLabel *m_mitigations = nullptr;
};

} // namespace verdict
