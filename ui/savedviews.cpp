// SPDX-License-Identifier: GPL-3.0-or-later
#include "savedviews.h"

#include "plaintext.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QSettings>
#include <QStyle>
#include <QStyledItemDelegate>

namespace verdict {

namespace {
constexpr int kQueryRole = Qt::UserRole + 1;
constexpr int kBuiltInRole = Qt::UserRole + 2;
constexpr int kCountRole = Qt::UserRole + 3; // -1 or missing: not counted

QString countText(const QModelIndex &index)
{
    const QVariant count = index.data(kCountRole);
    return count.isValid() && count.toInt() >= 0 ? QLocale().toString(count.toInt()) : QString();
}

// A view's name, and at the right how many proposals it matches, dimmed (as a mail
// client's folders show their unread counts).
class CountDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        const QString count = countText(index);
        const int margin = opt.fontMetrics.averageCharWidth();
        const int room = count.isEmpty() ? 0 : opt.fontMetrics.horizontalAdvance(count) + margin;
        opt.text = opt.fontMetrics.elidedText(opt.text, Qt::ElideRight,
                                              opt.rect.width() - room - 2 * margin);
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        if (count.isEmpty())
            return;
        painter->save();
        const bool selected = opt.state & QStyle::State_Selected;
        QColor colour = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
        if (!selected)
            colour.setAlphaF(0.6);
        painter->setPen(colour);
        painter->drawText(opt.rect.adjusted(0, 0, -margin, 0), Qt::AlignRight | Qt::AlignVCenter,
                          count);
        painter->restore();
    }
};
} // namespace

SavedViews::SavedViews(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(QStringLiteral("savedViews"));
    setAccessibleName(tr("Saved views"));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setUniformItemSizes(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTextElideMode(Qt::ElideRight);
    setItemDelegate(new CountDelegate(this));
    connect(this, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        Q_EMIT viewActivated(item->data(kQueryRole).toString());
    });
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT viewActivated(item->data(kQueryRole).toString());
    });
    rebuild();
}

SavedViews::~SavedViews() = default;

std::vector<SavedViews::View> SavedViews::builtInViews()
{
    return {
        {tr("All"), QString(), true},
        {tr("Pending"), QStringLiteral("status:pending"), true},
        {tr("Blocking"), QStringLiteral("block:true"), true},
        {tr("Has errors"), QStringLiteral("has:error"), true},
        {tr("Conflicts"), QStringLiteral("status:conflict"), true},
        {tr("Decided by me"), QStringLiteral("reviewer:me"), true},
        // Last, so Ctrl+1…6 keep meaning what they meant.
        {tr("Shared targets"), QStringLiteral("has:shared-target"), true},
        {tr("Deferred"), QStringLiteral("deferred:yes"), true},
    };
}

std::vector<SavedViews::View> SavedViews::userViews() const
{
    std::vector<View> out;
    QSettings settings;
    const int n = settings.beginReadArray(QStringLiteral("savedViews"));
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        View v;
        v.name = settings.value(QStringLiteral("name")).toString();
        v.query = settings.value(QStringLiteral("query")).toString();
        if (!v.name.isEmpty())
            out.push_back(v);
    }
    settings.endArray();
    return out;
}

std::vector<SavedViews::View> SavedViews::views() const
{
    std::vector<View> out = builtInViews();
    for (const View &v : userViews())
        out.push_back(v);
    return out;
}

void SavedViews::store() const
{
    QSettings settings;
    settings.beginWriteArray(QStringLiteral("savedViews"));
    int i = 0;
    for (int row = 0; row < count(); ++row) {
        const QListWidgetItem *it = item(row);
        if (it->data(kBuiltInRole).toBool())
            continue;
        settings.setArrayIndex(i++);
        settings.setValue(QStringLiteral("name"), it->text());
        settings.setValue(QStringLiteral("query"), it->data(kQueryRole));
    }
    settings.endArray();
}

void SavedViews::rebuild()
{
    clear();
    int row = 0;
    for (const View &v : views()) {
        auto *it = new QListWidgetItem(v.name, this);
        it->setData(kQueryRole, v.query);
        it->setData(kBuiltInRole, v.builtIn);
        QString tip = v.query.isEmpty() ? tr("Every proposal") : v.query;
        if (row < 9)
            tip += QStringLiteral("  (Ctrl+%1)").arg(row + 1);
        if (!v.builtIn)
            tip += tr("\nYour view: Delete removes it");
        it->setToolTip(PlainText::toolTip(tip));
        if (!v.builtIn) {
            QFont f = it->font();
            f.setItalic(true);
            it->setFont(f);
        }
        ++row;
    }
    updateMinimumWidth();
}

void SavedViews::setCounts(const QVector<int> &counts)
{
    for (int row = 0; row < count() && row < counts.size(); ++row) {
        QListWidgetItem *it = item(row);
        it->setData(kCountRole, counts.at(row));
        const QString n = countText(indexFromItem(it));
        it->setData(Qt::AccessibleTextRole,
                    n.isEmpty() ? it->text() : tr("%1, %2 proposals").arg(it->text(), n));
    }
    updateMinimumWidth();
}

int SavedViews::countAt(int row) const
{
    const QListWidgetItem *it = item(row);
    const QVariant count = it ? it->data(kCountRole) : QVariant();
    return count.isValid() ? count.toInt() : -1;
}

QStringList SavedViews::queries() const
{
    QStringList out;
    for (int row = 0; row < count(); ++row)
        out << item(row)->data(kQueryRole).toString();
    return out;
}

void SavedViews::updateMinimumWidth()
{
    // Wide enough for every name without eliding (longer own names elide, with the tool
    // tip), even with a vertical scroll bar: at 200 % on a laptop screen the list is short.
    int width = 0;
    for (int r = 0; r < count(); ++r) {
        const QFontMetrics metrics(item(r)->font());
        const QString n = countText(indexFromItem(item(r)));
        width = std::max(width, metrics.horizontalAdvance(item(r)->text())
                                    + (n.isEmpty() ? 0
                                                   : metrics.horizontalAdvance(n)
                                                         + metrics.averageCharWidth() * 2));
    }
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
    const int padding = 2 * frameWidth() + 2 * spacing() + fontMetrics().averageCharWidth() * 2;
    const int cap = fontMetrics().averageCharWidth() * 28; // own names past this elide
    setMinimumWidth(std::min(width, cap) + scrollBar + padding);
}

void SavedViews::changeEvent(QEvent *event)
{
    QListWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateMinimumWidth();
}

void SavedViews::addView(const QString &name, const QString &query)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return;
    bool replaced = false;
    for (int row = 0; row < count(); ++row) {
        QListWidgetItem *it = item(row);
        if (!it->data(kBuiltInRole).toBool() && it->text() == trimmed) {
            it->setData(kQueryRole, query);
            replaced = true;
        }
    }
    if (!replaced) {
        auto *it = new QListWidgetItem(trimmed, this);
        it->setData(kQueryRole, query);
        it->setData(kBuiltInRole, false);
    }
    store();
    rebuild();
    showQuery(query);
    Q_EMIT viewsChanged();
}

bool SavedViews::removeView(const QString &name)
{
    for (int row = 0; row < count(); ++row) {
        QListWidgetItem *it = item(row);
        if (!it->data(kBuiltInRole).toBool() && it->text() == name) {
            delete takeItem(row);
            store();
            Q_EMIT viewsChanged();
            return true;
        }
    }
    return false;
}

void SavedViews::showQuery(const QString &query)
{
    const QString wanted = query.simplified();
    for (int row = 0; row < count(); ++row) {
        if (item(row)->data(kQueryRole).toString().simplified() == wanted) {
            setCurrentRow(row, QItemSelectionModel::ClearAndSelect);
            return;
        }
    }
    setCurrentRow(-1, QItemSelectionModel::Clear);
}

bool SavedViews::activate(int row)
{
    if (row < 0 || row >= count())
        return false;
    setCurrentRow(row, QItemSelectionModel::ClearAndSelect);
    Q_EMIT viewActivated(item(row)->data(kQueryRole).toString());
    return true;
}

void SavedViews::keyPressEvent(QKeyEvent *event)
{
    QListWidgetItem *it = currentItem();
    if (event->key() == Qt::Key_Delete && it && !it->data(kBuiltInRole).toBool()) {
        removeView(it->text());
        return;
    }
    QListWidget::keyPressEvent(event);
}

void SavedViews::contextMenuEvent(QContextMenuEvent *event)
{
    QListWidgetItem *it = itemAt(event->pos());
    if (!it || it->data(kBuiltInRole).toBool())
        return;
    QMenu menu(this);
    const QString name = it->text();
    menu.addAction(tr("Delete view “%1”").arg(name), this, [this, name] { removeView(name); });
    menu.exec(event->globalPos());
}

} // namespace verdict
