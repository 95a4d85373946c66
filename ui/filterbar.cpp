// SPDX-License-Identifier: GPL-3.0-or-later
#include "filterbar.h"

#include "plaintext.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStringListModel>
#include <QHBoxLayout>
#include <QVBoxLayout>

namespace verdict {

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit)
    , m_error(PlainText::label())
    , m_searching(PlainText::label(tr("searching text…")))
    , m_completer(new QCompleter(this))
    , m_completions(new QStringListModel(FilterQuery::completions(), this))
{
    m_edit->setObjectName(QStringLiteral("filter"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setPlaceholderText(
        tr("Filter (Ctrl+F): severity>=7 status:pending lang:sql has:error text:\"words\""));
    m_edit->setToolTip(PlainText::toolTip(
        tr("Keys: status: severity (= >= <= > <) block: lang: kind: target: has:error|warning|"
           "info|diagnostics|problems id: text:\"...\" reviewer:NAME|me\n"
           "Bare words search id, kind, opportunity, targets, source file and the whole "
           "text (proposal, artifacts, risks, mitigations). "
           "-key:value excludes. Tab completes.")));
    m_edit->setAccessibleName(tr("Queue filter"));
    m_error->setObjectName(QStringLiteral("filterError"));
    m_error->setWordWrap(true);
    QPalette p = m_error->palette();
    p.setColor(QPalette::WindowText, QColor(0xc0, 0x39, 0x2b));
    m_error->setPalette(p);
    m_error->hide();
    m_searching->setObjectName(QStringLiteral("filterSearching"));
    QPalette dim = m_searching->palette();
    dim.setColor(QPalette::WindowText, dim.color(QPalette::Disabled, QPalette::WindowText));
    m_searching->setPalette(dim);
    m_searching->hide();

    m_completer->setModel(m_completions);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setWidget(m_edit);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &FilterBar::insertCompletion);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_edit, 1);
    row->addWidget(m_searching);
    layout->addLayout(row);
    layout->addWidget(m_error);

    connect(m_edit, &QLineEdit::textChanged, this, &FilterBar::apply);
    connect(m_edit, &QLineEdit::textEdited, this, &FilterBar::updateCompletion);
    m_edit->installEventFilter(this);
}

FilterBar::~FilterBar() = default;

QString FilterBar::text() const
{
    return m_edit->text();
}

void FilterBar::setText(const QString &text)
{
    m_edit->setText(text);
}

QString FilterBar::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void FilterBar::setExtraCompletions(const QStringList &completions)
{
    QStringList all = FilterQuery::completions();
    for (const QString &c : completions) {
        if (!all.contains(c))
            all << c;
    }
    m_completions->setStringList(all);
}

void FilterBar::setSearching(bool searching)
{
    m_searching->setVisible(searching);
}

bool FilterBar::isSearching() const
{
    return !m_searching->isHidden();
}

void FilterBar::apply()
{
    int position = -1;
    auto parsed = FilterQuery::parse(m_edit->text(), &position);
    if (!parsed) {
        // Say where, keep the last good query applied (the queue does not flicker to empty
        // on every keystroke), and say that the rows shown are that query's.
        m_error->setText(QStringLiteral("⚠ ") + parsed.errorMessage() + QStringLiteral("  ")
                         + (m_appliedText.trimmed().isEmpty()
                                ? tr("Showing every proposal until the filter is valid.")
                                : tr("Showing the last valid filter: %1")
                                      .arg(m_appliedText.left(200))));
        m_error->show();
        return;
    }
    m_error->hide();
    m_appliedText = m_edit->text();
    m_query = std::move(parsed).value();
    Q_EMIT queryChanged(m_query);
}

int FilterBar::tokenStart() const
{
    const QString text = m_edit->text();
    int start = m_edit->cursorPosition();
    while (start > 0 && !text.at(start - 1).isSpace())
        --start;
    if (start < text.size() && text.at(start) == QLatin1Char('-'))
        ++start; // complete after a negation
    return start;
}

void FilterBar::updateCompletion()
{
    const int start = tokenStart();
    const QString token = m_edit->text().mid(start, m_edit->cursorPosition() - start);
    if (token.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(token);
    if (m_completer->completionCount() == 0
        || (m_completer->completionCount() == 1
            && m_completer->currentCompletion().compare(token, Qt::CaseInsensitive) == 0)) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    m_completer->complete();
}

void FilterBar::insertCompletion(const QString &completion)
{
    const int start = tokenStart();
    QString text = m_edit->text();
    int end = m_edit->cursorPosition();
    while (end < text.size() && !text.at(end).isSpace())
        ++end;
    const bool open = completion.endsWith(QLatin1Char(':')) || completion.endsWith(QLatin1Char('='))
                      || completion.endsWith(QLatin1Char('"'));
    const QString insert = open ? completion : completion + QLatin1Char(' ');
    text.replace(start, end - start, insert);
    m_edit->setText(text);
    m_edit->setCursorPosition(start + int(insert.size()));
}

bool FilterBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool popup = m_completer->popup()->isVisible();
        // Tab completes and never leaves the field (focus elsewhere would turn the next
        // letters into A/R/C decisions): with the list open it takes the highlighted entry.
        if ((key->key() == Qt::Key_Tab || key->key() == Qt::Key_Backtab) && popup) {
            const QModelIndex current = m_completer->popup()->currentIndex();
            m_completer->popup()->hide();
            if (current.isValid())
                insertCompletion(current.data().toString());
            return true;
        }
        if (key->key() == Qt::Key_Backtab && !popup)
            return true;
        if (key->key() == Qt::Key_Tab && !popup) {
            updateCompletion();
            if (m_completer->completionCount() > 0 && !m_completer->completionPrefix().isEmpty())
                insertCompletion(m_completer->currentCompletion());
            return true;
        }
        if (!popup && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
            Q_EMIT finished();
            return true;
        }
        if (!popup && key->key() == Qt::Key_Escape) {
            m_edit->clear();
            Q_EMIT finished();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace verdict
