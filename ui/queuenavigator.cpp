// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuenavigator.h"

#include "actionregistry.h"
#include "plaintext.h"
#include "queue/queuefilterproxy.h"
#include "queue/queuemodel.h"

#include <QAction>
#include <QClipboard>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QSettings>
#include <QTableView>

namespace verdict {

QueueNavigator::QueueNavigator(QTableView *view, QueueModel *model, QueueFilterProxy *proxy,
                               const QString &storeUrl, ActionRegistry *actions,
                               QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_model(model)
    , m_proxy(proxy)
    , m_storeUrl(storeUrl)
{
    using Spec = ActionRegistry::Spec;
    // The cells show report text cut; these copy whole values (of every selected row).
    const auto addCopy = [this, actions](const QString &id, const QString &text, int role,
                                         const QList<QKeySequence> &keys) {
        actions->add(Spec{id, text, keys, Qt::WidgetShortcut, m_view, false}, this,
                     [this, role] { copySelected(role); });
    };
    addCopy(QStringLiteral("copyId"), tr("Copy id"), QueueModel::IdRole,
            {QKeySequence(QKeySequence::Copy)});
    addCopy(QStringLiteral("copyOpportunity"), tr("Copy opportunity"),
            QueueModel::OpportunityRole, {});
    addCopy(QStringLiteral("copyTargets"), tr("Copy target paths"), QueueModel::TargetsRole,
            {});
    actions->add(Spec{QStringLiteral("copyProposalId"), tr("Cop&y proposal id"),
                      {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)}},
                 this, [this] { copySelected(QueueModel::IdRole); });
    actions->add(Spec{QStringLiteral("nextProposal"), tr("&Next proposal"),
                      {QKeySequence(Qt::Key_J)}},
                 this, &QueueNavigator::nextProposal);
    actions->add(Spec{QStringLiteral("previousProposal"), tr("&Previous proposal"),
                      {QKeySequence(Qt::Key_K)}},
                 this, &QueueNavigator::previousProposal);
    actions->add(Spec{QStringLiteral("otherWriter"),
                      tr("Go to the &other proposal writing this file"),
                      {QKeySequence(Qt::Key_O)}},
                 this, &QueueNavigator::nextSharingTarget);
    actions->add(Spec{QStringLiteral("defer"), tr("&Defer (skip for now; again to un-defer)"),
                      {QKeySequence(Qt::Key_D)}},
                 this, &QueueNavigator::toggleDeferred);
}

QueueNavigator::~QueueNavigator() = default;

QString QueueNavigator::currentProposalId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(QueueModel::IdRole).toString() : QString();
}

int QueueNavigator::currentRevision() const
{
    return m_view->currentIndex().data(QueueModel::RevisionRole).toInt();
}

int QueueNavigator::currentProxyRow() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.row() : -1;
}

QStringList QueueNavigator::selectedProposalIds() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex &i : std::as_const(rows))
        ids << i.data(QueueModel::IdRole).toString();
    const QString current = currentProposalId();
    if (ids.isEmpty() && !current.isEmpty())
        ids << current;
    return ids;
}

bool QueueNavigator::selectRow(int proxyRow)
{
    if (proxyRow < 0 || proxyRow >= m_proxy->rowCount())
        return false;
    const QModelIndex index = m_proxy->index(proxyRow, 0);
    m_view->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

bool QueueNavigator::selectProposal(const QString &id)
{
    const int sourceRow = m_model->rowForId(id);
    if (sourceRow < 0)
        return false;
    return selectRow(m_proxy->mapFromSource(m_model->index(sourceRow, 0)).row());
}

void QueueNavigator::selectProposals(const QStringList &ids)
{
    if (ids.isEmpty() || !selectProposal(ids.first()))
        return;
    for (const QString &id : ids.mid(1)) {
        const int sourceRow = m_model->rowForId(id);
        const QModelIndex i = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
        if (i.isValid())
            m_view->selectionModel()->select(
                i, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

void QueueNavigator::nextProposal()
{
    selectRow(std::min(currentProxyRow() + 1, m_proxy->rowCount() - 1));
}

void QueueNavigator::previousProposal()
{
    selectRow(std::max(currentProxyRow() - 1, 0));
}

QString QueueNavigator::nextPendingAfter(const QStringList &ids, const QSet<QString> &skip) const
{
    // Where to go next is decided before the rows change: with the queue sorted or
    // filtered by status the decided rows move away.
    int fromRow = -1;
    for (const QString &id : ids) {
        const int sourceRow = m_model->rowForId(id);
        fromRow = std::max(fromRow, m_proxy->mapFromSource(m_model->index(sourceRow, 0)).row());
    }
    const int n = m_proxy->rowCount();
    for (int i = 1; i < n && fromRow >= 0; ++i) {
        const QModelIndex index = m_proxy->index((fromRow + i) % n, 0);
        const QString id = index.data(QueueModel::IdRole).toString();
        if (index.data(QueueModel::StatusRole).toInt() == int(Status::Pending)
            && !ids.contains(id) && !m_deferred.contains(id) && !skip.contains(id))
            return id;
    }
    return {};
}

void QueueNavigator::nextSharingTarget()
{
    const QString id = currentProposalId();
    const QueueEntry *entry = m_model->entryAt(m_model->rowForId(id));
    if (!entry)
        return;
    QStringList group = m_model->targetWriters().others(*entry);
    if (group.isEmpty()) {
        Q_EMIT message(tr("No other pending or approved proposal writes this proposal's files."),
                       5000);
        return;
    }
    // O cycles through the group in queue order, from the current one.
    group << id;
    std::sort(group.begin(), group.end(), [this](const QString &a, const QString &b) {
        return m_model->rowForId(a) < m_model->rowForId(b);
    });
    const QString next = group.at((group.indexOf(id) + 1) % group.size());
    if (!selectProposal(next)) {
        Q_EMIT message(tr("%1 also writes this file, but the current filter hides it (Ctrl+1 "
                          "shows every proposal).")
                           .arg(PlainText::line(next, PlainText::kShortChars)),
                       8000);
        return;
    }
    Q_EMIT message(tr("%1 of %2 proposals writing the same file (O goes on)")
                       .arg(group.indexOf(next) + 1)
                       .arg(group.size()),
                   5000);
}

// Deferred proposals are this reviewer's, on this machine, per database: a note to come
// back, not a decision (nothing goes to the audit log).
QString QueueNavigator::deferredKey() const
{
    const QByteArray who = m_storeUrl.toUtf8() + '\n' + m_reviewer.toUtf8();
    return QStringLiteral("deferred/")
           + QString::fromLatin1(QCryptographicHash::hash(who, QCryptographicHash::Sha256)
                                     .toHex()
                                     .left(24));
}

void QueueNavigator::setReviewer(const QString &name)
{
    m_reviewer = name;
    loadDeferred();
}

void QueueNavigator::loadDeferred()
{
    const QStringList ids = QSettings().value(deferredKey()).toStringList();
    m_deferred = QSet<QString>(ids.cbegin(), ids.cend());
    m_proxy->setDeferred(m_deferred);
}

void QueueNavigator::toggleDeferred()
{
    const QString id = currentProposalId();
    if (id.isEmpty())
        return;
    Q_EMIT deferring();
    const bool defer = !m_deferred.contains(id);
    const QString nextId = defer ? nextPendingAfter({id}) : QString();
    if (defer)
        m_deferred.insert(id);
    else
        m_deferred.remove(id);
    QStringList ids(m_deferred.cbegin(), m_deferred.cend());
    ids.sort();
    QSettings().setValue(deferredKey(), ids);
    m_proxy->setDeferred(m_deferred);
    const QString shown = PlainText::line(id, PlainText::kShortChars);
    Q_EMIT message(defer ? tr("Deferred: %1 (D on it again un-defers; the Deferred view lists "
                              "them)")
                               .arg(shown)
                         : tr("No longer deferred: %1").arg(shown),
                   6000);
    if (!nextId.isEmpty())
        selectProposal(nextId);
}

void QueueNavigator::copySelected(int role)
{
    QStringList values;
    if (role == QueueModel::IdRole) {
        values = selectedProposalIds();
    } else {
        QModelIndexList rows = m_view->selectionModel()->selectedRows();
        std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) {
            return a.row() < b.row();
        });
        if (rows.isEmpty() && m_view->currentIndex().isValid())
            rows << m_view->currentIndex();
        for (const QModelIndex &i : std::as_const(rows)) {
            const QVariant v = i.data(role);
            values << (v.userType() == QMetaType::QStringList
                           ? v.toStringList().join(QLatin1Char('\n'))
                           : v.toString());
        }
    }
    if (values.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(values.join(QLatin1Char('\n')));
    Q_EMIT message(values.size() == 1 ? tr("Copied.") : tr("Copied %1 values.").arg(values.size()),
                   3000);
}

} // namespace verdict
