// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QLabel;
class QStackedWidget;
class QTableView;
class QWidget;

namespace verdict {

class StoreWorker;

class ActionRegistry;
class FilterBar;
class FilterQuery;
class QueueFilterProxy;
class QueueModel;
class QueueNavigator;
class SavedViews;
class TextSearch;
class ViewCounter;

// What the queue shows: the filter bar's query merged with the whole-text search behind
// its free words (run off the GUI thread), the saved views (Ctrl+1…9), the counts in the
// status bar ("2 of 12 shown · 40 proposals, 30 pending · 5 decided by you today") and the
// empty states (no reports yet; no proposal matches). Owns the Find actions.
class QueueFilter final : public QObject
{
    Q_OBJECT

public:
    QueueFilter(QueueModel *model, QueueFilterProxy *proxy, QTableView *view,
                QueueNavigator *navigator, StoreWorker *worker, ActionRegistry *actions,
                QObject *parent = nullptr);
    ~QueueFilter() override;

    FilterBar *filterBar() const { return m_filterBar; }
    SavedViews *savedViews() const { return m_savedViews; }
    TextSearch *textSearch() const { return m_textSearch; }
    ViewCounter *viewCounter() const { return m_viewCounter; }
    QLabel *countsLabel() const { return m_countsLabel; }
    // The queue's table, or "no proposal matches" in its place.
    QWidget *queuePane() const;
    // `proposalPage`, or "no reports yet" / "no proposal matches" in its place.
    QWidget *wrapProposalPage(QWidget *proposalPage);

    // Decisions the reviewer made today (the counts say so).
    void setDecidedToday(int count);
    // After the queue was read again: completions for the kinds seen, and the whole-text
    // matches searched again (new or changed reports).
    void queueReloaded();

public Q_SLOTS:
    void updateCounts();
    void updateEmptyStates();
    void focusFilter();
    void saveCurrentView();

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);
    // The counts were brought up to date (the current row, the rows shown may have changed).
    void countsUpdated();

private:
    void searchText(const FilterQuery &query);

    QueueModel *m_model;
    QueueFilterProxy *m_proxy;
    QTableView *m_view;
    QueueNavigator *m_navigator;
    FilterBar *m_filterBar = nullptr;
    SavedViews *m_savedViews = nullptr;
    TextSearch *m_textSearch = nullptr;
    ViewCounter *m_viewCounter = nullptr;
    QStackedWidget *m_queueStack = nullptr;
    QStackedWidget *m_rightStack = nullptr;
    QLabel *m_noMatchLabel = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_countsLabel = nullptr;
    int m_decidedToday = 0;
};

} // namespace verdict
