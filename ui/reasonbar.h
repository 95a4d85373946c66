// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/decision.h"

#include <QFrame>

class QCompleter;
class QLabel;
class QLineEdit;
class QStringListModel;

namespace verdict {

class ElidedLabel;

// Inline reason box for reject / needs-changes: names the verdict (and how many proposals
// when several are selected), Enter confirms, Escape cancels, an empty reason is refused
// with a message. The team's presets are offered: keys 1-9 in the empty box pick one, and
// the completer suggests them while typing.
class ReasonBar final : public QFrame
{
    Q_OBJECT

public:
    explicit ReasonBar(QWidget *parent = nullptr);
    ~ReasonBar() override;

    // Shows the bar for one proposal revision and focuses the reason field. `resolution`:
    // a lead settling a conflict (the prompt says so; read back with isResolution()).
    void ask(Verdict verdict, const QString &proposalId, int revision, int count = 1,
             bool resolution = false);
    void setPresets(const QStringList &presets);
    QStringList presets() const { return m_presets; }
    QString presetHint() const;
    bool isAsking() const { return !isHidden(); }
    Verdict verdict() const { return m_verdict; }
    bool isResolution() const { return m_resolution; }
    QString proposalId() const { return m_proposalId; }
    QLineEdit *lineEdit() const { return m_edit; }
    QString message() const; // the refusal message, empty when none

public Q_SLOTS:
    void confirm();
    void cancel();

Q_SIGNALS:
    void confirmed(verdict::Verdict verdict, const QString &proposalId, int revision,
                   const QString &reason);
    void cancelled();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showMessage(const QString &text);

    QLabel *m_prompt = nullptr;
    QLineEdit *m_edit = nullptr;
    ElidedLabel *m_message = nullptr;
    ElidedLabel *m_presetHint = nullptr;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_presetModel = nullptr;
    QStringList m_presets;
    Verdict m_verdict = Verdict::Reject;
    QString m_proposalId;
    int m_revision = 0;
    bool m_resolution = false;
};

} // namespace verdict
