// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/filterquery.h"

#include <QWidget>

class QCompleter;
class QLabel;
class QLineEdit;
class QStringListModel;

namespace verdict {

// The queue's filter: a line for the query language (see FilterQuery) with completion of
// keys and values for the word under the cursor, and a malformed query explained inline
// (the previous valid query stays applied meanwhile).
class FilterBar final : public QWidget
{
    Q_OBJECT

public:
    explicit FilterBar(QWidget *parent = nullptr);
    ~FilterBar() override;

    QLineEdit *lineEdit() const { return m_edit; }
    QCompleter *completer() const { return m_completer; }
    QString text() const;
    void setText(const QString &text);
    const FilterQuery &query() const { return m_query; }
    // The inline message for a malformed query; empty when the query is valid.
    QString errorText() const;
    // Values seen in the data (e.g. kinds), offered after the built-in completions.
    void setExtraCompletions(const QStringList &completions);
    // "searching text…" beside the line while the whole-text search runs.
    void setSearching(bool searching);
    bool isSearching() const;

Q_SIGNALS:
    void queryChanged(const verdict::FilterQuery &query);
    // Enter or Escape: the reviewer is done with the filter (Escape also clears it).
    void finished();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply();
    void updateCompletion();
    void insertCompletion(const QString &completion);
    int tokenStart() const;

    QLineEdit *m_edit = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_searching = nullptr;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_completions = nullptr;
    FilterQuery m_query;
    QString m_appliedText; // the text m_query was parsed from
};

} // namespace verdict
