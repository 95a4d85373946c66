// SPDX-License-Identifier: GPL-3.0-or-later
#include "reasonbar.h"

#include "elidedlabel.h"
#include "plaintext.h"

#include <QCompleter>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

namespace verdict {

ReasonBar::ReasonBar(QWidget *parent)
    : QFrame(parent)
    , m_prompt(PlainText::label())
    , m_edit(new QLineEdit)
    , m_message(new ElidedLabel)
    , m_presetHint(new ElidedLabel)
    , m_completer(new QCompleter(this))
    , m_presetModel(new QStringListModel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_edit->setClearButtonEnabled(true);
    m_edit->setMaxLength(2000);
    auto *confirmButton = new QPushButton(tr("Confirm (Enter)"));
    auto *cancelButton = new QPushButton(tr("Cancel (Esc)"));
    confirmButton->setAutoDefault(false);
    cancelButton->setAutoDefault(false);

    // Two rows whatever the presets or the refusal: the prompt, the presets (or why the
    // reason was refused) and the buttons; then the reason field across the whole width
    // (its completion popup is as wide).
    auto *row = new QHBoxLayout;
    row->setSpacing(10);
    row->addWidget(m_prompt);
    row->addWidget(m_presetHint, 1);
    row->addWidget(m_message, 1);
    row->addWidget(confirmButton);
    row->addWidget(cancelButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 3, 8, 3);
    layout->setSpacing(3);
    layout->addLayout(row);
    layout->addWidget(m_edit);
    m_message->hide();
    m_message->setObjectName(QStringLiteral("reasonMessage"));
    m_presetHint->setObjectName(QStringLiteral("presetHint"));
    QPalette hintPalette = m_presetHint->palette();
    hintPalette.setColor(QPalette::WindowText,
                         hintPalette.color(QPalette::Disabled, QPalette::WindowText));
    m_presetHint->setPalette(hintPalette);
    QFont boldMessage = m_message->font();
    boldMessage.setBold(true);
    m_message->setFont(boldMessage);
    m_completer->setModel(m_presetModel);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_edit->setCompleter(m_completer);
    m_edit->installEventFilter(this);
    m_edit->setAccessibleName(tr("Reason"));
    QFont bold = m_prompt->font();
    bold.setBold(true);
    m_prompt->setFont(bold);

    connect(m_edit, &QLineEdit::returnPressed, this, &ReasonBar::confirm);
    connect(confirmButton, &QPushButton::clicked, this, &ReasonBar::confirm);
    connect(cancelButton, &QPushButton::clicked, this, &ReasonBar::cancel);
    connect(m_edit, &QLineEdit::textChanged, this, [this] { showMessage(QString()); });
    hide();
}

ReasonBar::~ReasonBar() = default;

void ReasonBar::setPresets(const QStringList &presets)
{
    m_presets = presets;
    m_presetModel->setStringList(presets);
    m_presetHint->setText(presetHint());
    m_presetHint->setToolTip(PlainText::toolTip(presetHint()));
    showMessage(message());
}

void ReasonBar::showMessage(const QString &text)
{
    // The refusal takes the presets' place while it stands.
    m_message->setText(text);
    m_message->setToolTip(PlainText::toolTip(text));
    m_message->setVisible(!text.isEmpty());
    m_presetHint->setVisible(text.isEmpty() && !m_presets.isEmpty());
}

QString ReasonBar::presetHint() const
{
    QStringList parts;
    for (int i = 0; i < m_presets.size() && i < 9; ++i)
        parts << QStringLiteral("%1 %2").arg(i + 1).arg(m_presets.at(i));
    return parts.isEmpty() ? QString()
                           : tr("Presets: %1  (or type your own)")
                                 .arg(parts.join(QStringLiteral("  ·  ")));
}

void ReasonBar::ask(Verdict verdict, const QString &proposalId, int revision, int count,
                    bool resolution)
{
    m_verdict = verdict;
    m_resolution = resolution;
    m_proposalId = proposalId;
    m_revision = revision;
    if (count > 1) {
        m_prompt->setText(verdict == Verdict::Reject
                              ? tr("Reject %1 proposals — one reason for all:").arg(count)
                              : tr("Request changes on %1 proposals — what to change:")
                                    .arg(count));
    } else if (resolution) {
        m_prompt->setText(verdict == Verdict::Reject
                              ? tr("Resolve conflict: reject — reason:")
                              : tr("Resolve conflict: request changes — what to change:"));
    } else {
        m_prompt->setText(verdict == Verdict::Reject ? tr("Reject — reason:")
                                                     : tr("Request changes — what to change:"));
    }
    m_edit->clear();
    m_edit->setPlaceholderText(verdict == Verdict::Reject
                                   ? tr("Why this proposal is rejected")
                                   : tr("What the author must change"));
    showMessage(QString());
    show();
    m_edit->setFocus(Qt::OtherFocusReason);
}

QString ReasonBar::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void ReasonBar::confirm()
{
    if (isHidden())
        return;
    const QString reason = m_edit->text().trimmed();
    if (reason.isEmpty()) {
        showMessage(m_verdict == Verdict::Reject
                        ? tr("A reason is required to reject. Type it, or press Esc.")
                        : tr("Say what to change, or press Esc."));
        m_edit->setFocus(Qt::OtherFocusReason);
        return;
    }
    const Verdict verdict = m_verdict;
    const QString id = m_proposalId;
    const int revision = m_revision;
    hide();
    Q_EMIT confirmed(verdict, id, revision, reason);
}

void ReasonBar::cancel()
{
    if (isHidden())
        return;
    hide();
    m_edit->clear();
    Q_EMIT cancelled();
}

bool ReasonBar::eventFilter(QObject *watched, QEvent *event)
{
    // A digit in the empty box picks that preset; once text is there digits are text.
    if (watched == m_edit && event->type() == QEvent::KeyPress && m_edit->text().isEmpty()) {
        auto *key = static_cast<QKeyEvent *>(event);
        const int n = key->key() - Qt::Key_1;
        if ((key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier && n >= 0 && n < 9
            && n < m_presets.size()) {
            m_edit->setText(m_presets.at(n));
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void ReasonBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        cancel();
        event->accept();
        return;
    }
    QFrame::keyPressEvent(event);
}

} // namespace verdict
