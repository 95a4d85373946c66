// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuemodel.h"

#include <QCoreApplication>

#include <algorithm>

namespace verdict {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("verdict::QueueModel", text);
}

QDateTime parseTimestamp(const QString &text)
{
    if (text.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    return t;
}

// No translation catalogue ships yet, so plurals are spelled out here.
QString plural(int n, const char *one, const char *many)
{
    return tr(n == 1 ? one : many).arg(n);
}

QString countsText(const QueueEntry &e)
{
    if (e.errors < 0)
        return QStringLiteral("…");
    if (e.errors == 0 && e.warnings == 0)
        return e.infos > 0 ? plural(e.infos, "%1 info", "%1 infos") : tr("clean");
    QStringList parts;
    if (e.errors > 0)
        parts << tr("%1 err").arg(e.errors);
    if (e.warnings > 0)
        parts << tr("%1 warn").arg(e.warnings);
    return parts.join(QStringLiteral(" · "));
}

} // namespace

QueueModel::QueueModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QueueModel::~QueueModel() = default;

void QueueModel::setEntries(std::vector<QueueEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    m_rowById.clear();
    for (int row = 0; row < int(m_entries.size()); ++row)
        m_rowById.insert(m_entries[size_t(row)].id, row);
    endResetModel();
}

const QueueEntry *QueueModel::entryAt(int row) const
{
    if (row < 0 || row >= int(m_entries.size()))
        return nullptr;
    return &m_entries[size_t(row)];
}

int QueueModel::rowForId(const QString &id) const
{
    return m_rowById.value(id, -1);
}

int QueueModel::pendingCount() const
{
    int n = 0;
    for (const QueueEntry &e : m_entries)
        n += e.status == Status::Pending ? 1 : 0;
    return n;
}

bool QueueModel::setStatus(const QString &id, Status status)
{
    const int row = rowForId(id);
    if (row < 0)
        return false;
    QueueEntry &e = m_entries[size_t(row)];
    if (e.status == status)
        return true;
    e.status = status;
    const QModelIndex i = index(row, StatusColumn);
    Q_EMIT dataChanged(i, i,
                       {Qt::DisplayRole, Qt::DecorationRole, Qt::ToolTipRole, StatusRole,
                        StatusIdRole, SortRole});
    return true;
}

bool QueueModel::setDiagnosticCounts(const QString &id, int errors, int warnings, int infos)
{
    const int row = rowForId(id);
    if (row < 0)
        return false;
    QueueEntry &e = m_entries[size_t(row)];
    if (e.errors == errors && e.warnings == warnings && e.infos == infos)
        return true;
    e.errors = errors;
    e.warnings = warnings;
    e.infos = infos;
    const QModelIndex i = index(row, DiagnosticsColumn);
    Q_EMIT dataChanged(i, i,
                       {Qt::DisplayRole, Qt::ToolTipRole, ErrorsRole, WarningsRole, InfosRole,
                        SortRole});
    return true;
}

void QueueModel::setReferenceTime(const QDateTime &utc)
{
    m_referenceTime = utc;
    if (!m_entries.empty()) {
        Q_EMIT dataChanged(index(0, AgeColumn), index(rowCount() - 1, AgeColumn),
                           {Qt::DisplayRole, AgeSecondsRole, SortRole});
    }
}

void QueueModel::setStatusIcon(Status status, const QIcon &icon)
{
    m_statusIcons.insert(int(status), icon);
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueueEntry &e = m_entries[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: return displayData(e, index.column());
    case Qt::ToolTipRole: return toolTip(e, index.column());
    case Qt::DecorationRole:
        if (index.column() == StatusColumn)
            return m_statusIcons.value(int(e.status));
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case SeverityColumn:
        case AgeColumn: return int(Qt::AlignRight | Qt::AlignVCenter);
        case BlockColumn: return int(Qt::AlignCenter);
        default: return {};
        }
    case IdRole: return e.id;
    case RevisionRole: return e.revision;
    case StatusRole: return int(e.status);
    case StatusIdRole: return statusId(e.status);
    case SeverityRole: return e.severity ? QVariant(*e.severity) : QVariant();
    case BlockRole: return e.blockExecution ? QVariant(*e.blockExecution) : QVariant();
    case KindRole: return e.kind;
    case OpportunityRole: return e.opportunity;
    case TargetsRole: return e.targets;
    case ErrorsRole: return e.errors;
    case WarningsRole: return e.warnings;
    case InfosRole: return e.infos;
    case AgeSecondsRole: {
        const auto age = ageSeconds(e);
        return age ? QVariant(*age) : QVariant();
    }
    case SortRole: return sortData(e, index.column());
    default: return {};
    }
}

QVariant QueueModel::displayData(const QueueEntry &e, int column) const
{
    switch (column) {
    case StatusColumn: return statusLabel(e.status);
    case SeverityColumn: return e.severity ? QString::number(*e.severity) : QStringLiteral("?");
    case BlockColumn:
        if (!e.blockExecution)
            return QStringLiteral("?");
        return *e.blockExecution ? tr("blocks") : QString();
    case KindColumn: return e.kind;
    case OpportunityColumn: return e.opportunity;
    case TargetsColumn: return e.targets.join(QStringLiteral(", "));
    case DiagnosticsColumn: return countsText(e);
    case AgeColumn: {
        const auto age = ageSeconds(e);
        return age ? formatAge(*age) : QString();
    }
    default: return {};
    }
}

QVariant QueueModel::sortData(const QueueEntry &e, int column) const
{
    switch (column) {
    case StatusColumn: return int(e.status);
    case SeverityColumn: return e.severity ? *e.severity : -1;
    case BlockColumn: return e.blockExecution ? (*e.blockExecution ? 1 : 0) : -1;
    case KindColumn: return e.kind.toLower();
    case OpportunityColumn: return e.opportunity.toLower();
    case TargetsColumn: return e.targets.join(QLatin1Char(',')).toLower();
    case DiagnosticsColumn:
        // Errors dominate, then warnings; not yet computed sorts below clean.
        if (e.errors < 0)
            return qint64(-1);
        return qint64(e.errors) * 1000000 + qint64(std::max(0, e.warnings)) * 1000
               + qint64(std::min(999, std::max(0, e.infos)));
    case AgeColumn: {
        const auto age = ageSeconds(e);
        return age ? *age : qint64(-1);
    }
    default: return {};
    }
}

QVariant QueueModel::toolTip(const QueueEntry &e, int column) const
{
    switch (column) {
    case StatusColumn: return statusLabel(e.status);
    case BlockColumn:
        if (!e.blockExecution)
            return tr("block_execution is missing or malformed");
        return *e.blockExecution ? tr("Blocks execution") : tr("Does not block execution");
    case OpportunityColumn: return e.opportunity;
    case TargetsColumn: return e.targets.join(QLatin1Char('\n'));
    case DiagnosticsColumn:
        if (e.errors < 0)
            return tr("Diagnostics not computed yet");
        return tr("%1 errors, %2 warnings, %3 infos")
            .arg(e.errors)
            .arg(std::max(0, e.warnings))
            .arg(std::max(0, e.infos));
    case AgeColumn: return e.timestamp;
    default: return {};
    }
}

std::optional<qint64> QueueModel::ageSeconds(const QueueEntry &e) const
{
    QDateTime from = parseTimestamp(e.timestamp);
    if (!from.isValid())
        from = e.importedAt;
    if (!from.isValid())
        return std::nullopt;
    const QDateTime now =
        m_referenceTime.isValid() ? m_referenceTime : QDateTime::currentDateTimeUtc();
    return from.secsTo(now);
}

QString QueueModel::formatAge(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return tr("now");
    if (seconds < 3600)
        return tr("%1 min").arg(seconds / 60);
    if (seconds < 86400)
        return tr("%1 h").arg(seconds / 3600);
    return tr("%1 d").arg(seconds / 86400);
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case StatusColumn: return tr("Status");
        case SeverityColumn: return tr("Sev.");
        case BlockColumn: return tr("Block");
        case KindColumn: return tr("Kind");
        case OpportunityColumn: return tr("Opportunity");
        case TargetsColumn: return tr("Target files");
        case DiagnosticsColumn: return tr("Diagnostics");
        case AgeColumn: return tr("Age");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case SeverityColumn: return tr("Severity the report declares");
        case BlockColumn: return tr("Whether the proposal blocks execution");
        case DiagnosticsColumn: return tr("Errors and warnings found by the checkers");
        case AgeColumn: return tr("Time since the report's timestamp");
        default: return {};
        }
    }
    return {};
}

QHash<int, QByteArray> QueueModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(RevisionRole, "revision");
    names.insert(StatusRole, "status");
    names.insert(StatusIdRole, "statusId");
    names.insert(SeverityRole, "severity");
    names.insert(BlockRole, "blockExecution");
    names.insert(KindRole, "kind");
    names.insert(OpportunityRole, "opportunity");
    names.insert(TargetsRole, "targets");
    names.insert(ErrorsRole, "errors");
    names.insert(WarningsRole, "warnings");
    names.insert(InfosRole, "infos");
    names.insert(AgeSecondsRole, "ageSeconds");
    names.insert(SortRole, "sortKey");
    return names;
}

} // namespace verdict
