// SPDX-License-Identifier: GPL-3.0-or-later
#include "riskspage.h"

#include "queue/boilerplate.h"

#include "plaintext.h"

#include <QLabel>
#include <QVBoxLayout>

namespace verdict {

namespace {

QLabel *sectionTitle(const QString &text)
{
    QLabel *l = PlainText::label(text);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}

} // namespace

RisksPage::RisksPage(QWidget *parent)
    : QScrollArea(parent)
    , m_risks(PlainText::label())
    , m_mitigations(PlainText::label())
{
    // Names for tests and accessibility tools: each field's copy action is found by them.
    m_risks->setObjectName(QStringLiteral("proposalRisks"));
    m_mitigations->setObjectName(QStringLiteral("proposalMitigations"));
    for (QLabel *l : {m_risks, m_mitigations})
        l->setWordWrap(true);

    setWidgetResizable(true);
    setAccessibleName(tr("Risks and mitigations"));
    setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(4);
    layout->addWidget(sectionTitle(tr("Risks")));
    layout->addWidget(m_risks);
    layout->addSpacing(8);
    layout->addWidget(sectionTitle(tr("Mitigations")));
    layout->addWidget(m_mitigations);
    layout->addStretch(1);
    setWidget(content);
}

RisksPage::~RisksPage() = default;

void RisksPage::setRisks(const QStringList &risks, const QStringList &mitigations)
{
    m_riskTexts = risks;
    m_mitigationTexts = mitigations;
    showRisks();
}

void RisksPage::setBoilerplate(std::shared_ptr<const Boilerplate> index)
{
    m_boilerplate = std::move(index);
    showRisks();
}

QString RisksPage::risksText() const
{
    return m_risks->text() + QLatin1Char('\n') + m_mitigations->text();
}

void RisksPage::showRisks()
{
    m_generic = 0;
    const auto marked = [&](const QStringList &texts) {
        QStringList out;
        for (const QString &text : texts) {
            const QString label = m_boilerplate ? m_boilerplate->label(text) : QString();
            // The mark after the text (bounded), so the reviewer reads what it is first.
            out << (label.isEmpty() ? PlainText::line(text)
                                    : tr("%1  — generic: %2").arg(PlainText::line(text), label));
            m_generic += label.isEmpty() ? 0 : 1;
        }
        return out;
    };
    const QStringList risks = marked(m_riskTexts);
    const QStringList mitigations = marked(m_mitigationTexts);
    PlainText::setCopyable(m_risks,
                           risks.isEmpty() ? tr("none listed")
                                           : PlainText::wrappable(PlainText::lines(risks, QStringLiteral("• "))),
                           m_riskTexts.join(QLatin1Char('\n')), tr("Copy risks"));
    PlainText::setCopyable(m_mitigations,
                           mitigations.isEmpty()
                               ? tr("none listed")
                               : PlainText::wrappable(PlainText::lines(mitigations, QStringLiteral("• "))),
                           m_mitigationTexts.join(QLatin1Char('\n')), tr("Copy mitigations"));
}

QString RisksPage::tabTitle() const
{
    const int all = int(m_riskTexts.size() + m_mitigationTexts.size());
    return m_generic == 0 ? tr("Risks (%1)").arg(m_riskTexts.size())
           : m_generic == all
               ? tr("Risks (%1, generic)").arg(m_riskTexts.size())
               : tr("Risks (%1, %2 generic)").arg(m_riskTexts.size()).arg(m_generic);
}

QString RisksPage::tabToolTip() const
{
    return m_generic == 0 ? tr("%1 risks and %2 mitigations")
                                .arg(m_riskTexts.size())
                                .arg(m_mitigationTexts.size())
                          : tr("%1 risks and %2 mitigations; %3 of them word for word "
                               "the same in many other proposals (generic, not about "
                               "this one)")
                                .arg(m_riskTexts.size())
                                .arg(m_mitigationTexts.size())
                                .arg(m_generic);
}

} // namespace verdict
