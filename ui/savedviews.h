// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QListWidget>
#include <QVector>

namespace verdict {

// The sidebar of views: named filter expressions. Built-in ones (All, Pending, Blocking,
// Has errors, Conflicts, Decided by me) and the reviewer's own, kept in QSettings
// "savedViews" (an array of name + query).
class SavedViews final : public QListWidget
{
    Q_OBJECT

public:
    struct View
    {
        QString name;
        QString query;
        bool builtIn = false;
    };

    explicit SavedViews(QWidget *parent = nullptr);
    ~SavedViews() override;

    static std::vector<View> builtInViews();
    std::vector<View> views() const;

    // Adds (or replaces, by name) a user view and stores it.
    void addView(const QString &name, const QString &query);
    // Removes a user view; built-in ones stay. False when there is none by that name.
    bool removeView(const QString &name);
    // Marks the view whose query is `query` (none when no view has it), without emitting.
    void showQuery(const QString &query);
    // Activates the n-th view (0-based); false when out of range.
    bool activate(int row);
    // How many proposals each view matches, in list order (-1: not counted), shown at the
    // right of its name; countAt() reads one back.
    void setCounts(const QVector<int> &counts);
    int countAt(int row) const;
    QStringList queries() const; // every view's query, in list order

Q_SIGNALS:
    void viewsChanged(); // one added or removed
    void viewActivated(const QString &query);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void updateMinimumWidth();
    void store() const;
    std::vector<View> userViews() const;

};

} // namespace verdict
