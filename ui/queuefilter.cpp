// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuefilter.h"

#include "actionregistry.h"
#include "filterbar.h"
#include "plaintext.h"
#include "queue/queuefilterproxy.h"
#include "queue/queuemodel.h"
#include "queuenavigator.h"
#include "savedviews.h"
#include "textsearch.h"
#include "viewcounter.h"

#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QTableView>

namespace verdict {

QueueFilter::QueueFilter(QueueModel *model, QueueFilterProxy *proxy, QTableView *view,
                         QueueNavigator *navigator, StoreWorker *worker,
                         ActionRegistry *actions, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_proxy(proxy)
    , m_view(view)
    , m_navigator(navigator)
{
    // "12 of 40 shown" follows the filter.
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &QueueFilter::updateCounts);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &QueueFilter::updateCounts);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &QueueFilter::updateCounts);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &QueueFilter::updateCounts);

    m_filterBar = new FilterBar;
    m_savedViews = new SavedViews;
    m_noMatchLabel = PlainText::label();
    m_noMatchLabel->setObjectName(QStringLiteral("noMatch"));
    m_noMatchLabel->setAlignment(Qt::AlignCenter);
    m_noMatchLabel->setWordWrap(true);
    m_noMatchLabel->setMargin(24);
    m_queueStack = new QStackedWidget;
    m_queueStack->addWidget(m_view);
    m_queueStack->addWidget(m_noMatchLabel);

    m_emptyLabel = PlainText::label(
        tr("No reports yet: File > Open reports… (Ctrl+O) or run `verdict resources/samples`"));
    m_emptyLabel->setObjectName(QStringLiteral("emptyState"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    QFont big = m_emptyLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_emptyLabel->setFont(big);

    m_countsLabel = PlainText::label();
    m_countsLabel->setContentsMargins(8, 0, 8, 0);

    m_textSearch = new TextSearch(this);
    m_textSearch->setStoreWorker(worker);
    connect(m_textSearch, &TextSearch::busyChanged, this, [this](bool busy) {
        m_filterBar->setSearching(busy);
        updateEmptyStates();
    });
    connect(m_textSearch, &TextSearch::finished, this, [this](const TextMatches &matches) {
        m_proxy->setTextMatches(matches);
        if (!m_view->currentIndex().isValid())
            m_navigator->selectRow(0);
        updateEmptyStates();
    });
    connect(m_textSearch, &TextSearch::failed, this, [this](const QString &text) {
        Q_EMIT message(tr("Cannot search the proposals' text: %1").arg(text), 15000);
    });
    connect(m_filterBar, &FilterBar::queryChanged, this, [this](const FilterQuery &query) {
        searchText(query);
        m_proxy->setQuery(query);
        m_savedViews->showQuery(query.text());
        if (!m_view->currentIndex().isValid())
            m_navigator->selectRow(0);
        updateEmptyStates();
    });
    connect(m_filterBar, &FilterBar::finished, this,
            [this] { m_view->setFocus(Qt::OtherFocusReason); });
    // Each view says how many proposals it matches, counted in slices a moment after a change.
    m_viewCounter = new ViewCounter(m_model, m_proxy, this);
    connect(m_viewCounter, &ViewCounter::counted, m_savedViews, &SavedViews::setCounts);
    connect(m_savedViews, &SavedViews::viewsChanged, this,
            [this] { m_viewCounter->setQueries(m_savedViews->queries()); });
    m_viewCounter->setQueries(m_savedViews->queries());
    connect(m_savedViews, &SavedViews::viewActivated, this, [this](const QString &query) {
        m_filterBar->setText(query);
        m_view->setFocus(Qt::OtherFocusReason);
    });

    using Spec = ActionRegistry::Spec;
    actions->add(Spec{QStringLiteral("filter"), tr("&Filter the queue…"),
                      {QKeySequence(QKeySequence::Find)}},
                 this, &QueueFilter::focusFilter);
    actions->add(Spec{QStringLiteral("saveView"), tr("&Save filter as a view…"),
                      {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)}},
                 this, &QueueFilter::saveCurrentView);
    const auto views = SavedViews::builtInViews();
    for (int i = 0; i < int(views.size()) && i < 9; ++i) {
        actions->add(Spec{QStringLiteral("view%1").arg(i + 1),
                          tr("View: %1").arg(views[size_t(i)].name),
                          {QKeySequence(int(Qt::CTRL) | int(Qt::Key_1 + i))}},
                     this, [this, i] { m_savedViews->activate(i); });
    }
}

QueueFilter::~QueueFilter() = default;

QWidget *QueueFilter::queuePane() const
{
    return m_queueStack;
}

QWidget *QueueFilter::wrapProposalPage(QWidget *proposalPage)
{
    m_rightStack = new QStackedWidget;
    m_rightStack->addWidget(m_emptyLabel);
    m_rightStack->addWidget(proposalPage);
    return m_rightStack;
}

void QueueFilter::setDecidedToday(int count)
{
    m_decidedToday = count;
    updateCounts();
}

void QueueFilter::queueReloaded()
{
    QStringList kinds;
    for (const QueueEntry &e : m_model->entries()) {
        // A completion list is no place for a kind of a megabyte (it can still be typed).
        if (!e.kind.isEmpty() && e.kind.size() <= PlainText::kShortChars
            && !kinds.contains(QStringLiteral("kind:") + e.kind) && kinds.size() < 50)
            kinds << QStringLiteral("kind:") + e.kind;
    }
    m_filterBar->setExtraCompletions(kinds);
    // New or changed reports: the whole-text matches are searched again.
    const QStringList textValues = m_proxy->query().textValues();
    if (!textValues.isEmpty())
        m_textSearch->search(textValues);
}

void QueueFilter::searchText(const FilterQuery &query)
{
    const QStringList values = query.textValues();
    // Results for values still in the query stay until the new search lands: typing a
    // second word does not make the rows the first one found flicker away.
    TextMatches kept;
    const TextMatches &old = m_proxy->textMatches();
    for (const QString &v : values) {
        const auto it = old.constFind(v);
        if (it != old.cend())
            kept.insert(v, *it);
    }
    m_proxy->setTextMatches(kept);
    if (values == m_textSearch->values()
        && (m_textSearch->isBusy() || kept.size() == values.size()))
        return; // same words (only other terms changed): searched or being searched
    m_textSearch->search(values);
}

void QueueFilter::updateEmptyStates()
{
    const bool noReports = m_model->rowCount() == 0;
    const bool noMatch = !noReports && m_proxy->rowCount() == 0;
    if (m_rightStack)
        m_rightStack->setCurrentIndex(noReports || noMatch ? 0 : 1);
    m_queueStack->setCurrentIndex(noMatch ? 1 : 0);
    if (noMatch) {
        QString text =
            tr("No proposal matches “%1”.\nPress Esc in the filter (Ctrl+F) to clear it, or "
               "pick a view on the left.")
                .arg(PlainText::line(m_filterBar->text()));
        if (m_textSearch->isBusy())
            text += QLatin1Char('\n') + tr("Still searching the proposals' whole text…");
        m_noMatchLabel->setText(text);
        m_emptyLabel->setText(text);
    } else {
        m_emptyLabel->setText(tr("No reports yet: File > Open reports… (Ctrl+O), File > Watch "
                                 "folder… (Ctrl+Shift+W), or run `verdict resources/samples`"));
    }
}

void QueueFilter::updateCounts()
{
    // Where I am, what the filter shows, what is left, what I did today: always true, from
    // the model itself.
    const int total = m_model->rowCount();
    const int pending = m_model->pendingCount();
    const int shown = m_proxy->rowCount();
    const int row = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
    QStringList parts;
    if (row >= 0)
        parts << tr("%1 of %2").arg(row + 1).arg(shown);
    else if (shown != total)
        parts << tr("%1 shown").arg(shown);
    if (shown != total && row >= 0)
        parts.last() += tr(" shown");
    parts << tr("%1 proposals, %2 pending").arg(total).arg(pending);
    parts << tr("%1 decided by you today").arg(m_decidedToday);
    m_countsLabel->setText(parts.join(QStringLiteral("  ·  ")));
    Q_EMIT countsUpdated();
}

void QueueFilter::focusFilter()
{
    m_filterBar->lineEdit()->setFocus(Qt::ShortcutFocusReason);
    m_filterBar->lineEdit()->selectAll();
}

void QueueFilter::saveCurrentView()
{
    const QString query = m_filterBar->text().trimmed();
    if (query.isEmpty() || !m_filterBar->errorText().isEmpty()) {
        Q_EMIT message(tr("Type a valid filter first (Ctrl+F); a view saves it under a name."),
                       8000);
        return;
    }
    bool ok = false;
    const QString name = QInputDialog::getText(m_view->window(), tr("Save view"),
                                               tr("Name for the view “%1”:").arg(query),
                                               QLineEdit::Normal, QString(), &ok)
                             .trimmed();
    if (ok && !name.isEmpty())
        m_savedViews->addView(name, query);
}

} // namespace verdict
