// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuemodel.h"

#include "displaytext.h"
#include "filterquery.h"

#include <QCoreApplication>

#include <QSet>

#include <algorithm>
#include <limits>

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

// "a.sql, b.py, …": only as many paths as fit a cell are read (a report may name
// thousands, each of any length).
QString targetsText(const QStringList &targets)
{
    QString text;
    for (const QString &path : targets) {
        if (!text.isEmpty())
            text += QStringLiteral(", ");
        text += DisplayText::line(path);
        if (text.size() >= DisplayText::kFieldChars)
            break;
    }
    return DisplayText::line(text);
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
    m_rowById.reserve(int(m_entries.size()));
    m_fromMsecs.clear();
    m_searchText.clear();
    // Rows repeat the same few kinds, languages and files: share one copy of each.
    QSet<QString> pool;
    auto intern = [&pool](QString &s) {
        const auto it = pool.constFind(s);
        if (it != pool.cend())
            s = *it;
        else
            pool.insert(s);
    };
    for (int row = 0; row < int(m_entries.size()); ++row) {
        QueueEntry &e = m_entries[size_t(row)];
        intern(e.kind);
        intern(e.sourceFile);
        for (QString &l : e.languages)
            intern(l);
        m_rowById.insert(e.id, row);
    }
    // Built now rather than on the first filter keystroke (~1 µs a row).
    for (int row = 0; row < int(m_entries.size()); ++row)
        searchText(row);
    m_writers.rebuild(m_entries);
    endResetModel();
}

namespace {
bool sameRow(const QueueEntry &a, const QueueEntry &b)
{
    return a.revision == b.revision && a.status == b.status && a.severity == b.severity
           && a.blockExecution == b.blockExecution && a.kind == b.kind
           && a.opportunity == b.opportunity && a.targets == b.targets
           && a.languages == b.languages && a.errors == b.errors && a.warnings == b.warnings
           && a.infos == b.infos && a.timestamp == b.timestamp && a.problems == b.problems;
}
} // namespace

void QueueModel::updateEntries(std::vector<QueueEntry> entries)
{
    const size_t old = m_entries.size();
    bool extends = entries.size() >= old;
    for (size_t i = 0; extends && i < old; ++i)
        extends = entries[i].id == m_entries[i].id;
    if (!extends || old == 0) {
        setEntries(std::move(entries));
        return;
    }
    for (size_t i = 0; i < old; ++i) {
        if (sameRow(m_entries[i], entries[i]))
            continue;
        // Counts computed in this session but not yet in the store are not lost.
        if (entries[i].errors < 0 && entries[i].revision == m_entries[i].revision) {
            entries[i].errors = m_entries[i].errors;
            entries[i].warnings = m_entries[i].warnings;
            entries[i].infos = m_entries[i].infos;
        }
        m_entries[i] = std::move(entries[i]);
        if (i < m_fromMsecs.size())
            m_fromMsecs[i] = std::numeric_limits<qint64>::min() + 1;
        if (i < m_searchText.size())
            m_searchText[i] = QString();
        Q_EMIT dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
    }
    if (entries.size() > old) {
        beginInsertRows(QModelIndex(), int(old), int(entries.size()) - 1);
        for (size_t i = old; i < entries.size(); ++i) {
            m_rowById.insert(entries[i].id, int(i));
            m_entries.push_back(std::move(entries[i]));
        }
        m_fromMsecs.clear();
        m_searchText.clear();
        endInsertRows();
    }
    markSharedTargets();
}

void QueueModel::setReviewerDecision(const QString &id, const QString &reviewer, bool stands)
{
    QStringList &names = m_reviewers[id];
    names.removeAll(reviewer);
    if (stands) {
        names << reviewer;
        names.sort();
    }
    if (names.isEmpty())
        m_reviewers.remove(id);
}

qint64 QueueModel::fromMsecs(int row) const
{
    constexpr qint64 kUnknown = std::numeric_limits<qint64>::min();
    if (m_fromMsecs.size() != m_entries.size()) {
        m_fromMsecs.assign(m_entries.size(), kUnknown + 1); // kUnknown + 1: not computed
    }
    qint64 &cached = m_fromMsecs[size_t(row)];
    if (cached == kUnknown + 1) {
        const QueueEntry &e = m_entries[size_t(row)];
        QDateTime from = parseTimestamp(e.timestamp);
        if (!from.isValid())
            from = e.importedAt;
        cached = from.isValid() ? from.toMSecsSinceEpoch() : kUnknown;
    }
    return cached;
}

const QString &QueueModel::searchText(int row) const
{
    if (m_searchText.size() != m_entries.size())
        m_searchText.assign(m_entries.size(), QString());
    QString &text = m_searchText[size_t(row)];
    if (text.isNull())
        text = FilterQuery::searchText(m_entries[size_t(row)]);
    return text;
}

int QueueModel::compare(int rowA, int rowB, int column) const
{
    const QueueEntry &a = m_entries[size_t(rowA)];
    const QueueEntry &b = m_entries[size_t(rowB)];
    auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
    switch (column) {
    case StatusColumn: return cmp(int(a.status), int(b.status));
    case SeverityColumn: return cmp(a.severity.value_or(-1), b.severity.value_or(-1));
    case BlockColumn:
        return cmp(a.blockExecution ? int(*a.blockExecution) : -1,
                   b.blockExecution ? int(*b.blockExecution) : -1);
    case KindColumn: return QString::compare(a.kind, b.kind, Qt::CaseInsensitive);
    case OpportunityColumn:
        return QString::compare(a.opportunity, b.opportunity, Qt::CaseInsensitive);
    case TargetsColumn: {
        const int n = int(std::min(a.targets.size(), b.targets.size()));
        for (int i = 0; i < n; ++i) {
            if (const int c = QString::compare(a.targets.at(i), b.targets.at(i),
                                               Qt::CaseInsensitive))
                return c;
        }
        return cmp(a.targets.size(), b.targets.size());
    }
    case DiagnosticsColumn:
        return cmp(sortData(a, column).toLongLong(), sortData(b, column).toLongLong());
    case AgeColumn:
        // Like the age numbers: newer (smaller age) first; unknown times first (sortData).
        if (fromMsecs(rowA) == std::numeric_limits<qint64>::min()
            || fromMsecs(rowB) == std::numeric_limits<qint64>::min())
            return cmp(fromMsecs(rowA) != std::numeric_limits<qint64>::min(),
                       fromMsecs(rowB) != std::numeric_limits<qint64>::min());
        return cmp(fromMsecs(rowB), fromMsecs(rowA));
    default: return 0;
    }
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
    const Status before = e.status;
    e.status = status;
    const QModelIndex i = index(row, StatusColumn);
    Q_EMIT dataChanged(i, i,
                       {Qt::DisplayRole, Qt::DecorationRole, Qt::ToolTipRole, StatusRole,
                        StatusIdRole, SortRole});
    // Rejecting one of two proposals writing a file unmarks the other: one signal for all.
    if (m_writers.statusChanged(e, before))
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                           {Qt::DecorationRole, Qt::ForegroundRole, Qt::ToolTipRole,
                            Qt::AccessibleTextRole, RiskRole});
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
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1),
                       {Qt::DisplayRole, Qt::ToolTipRole, ErrorsRole, WarningsRole, InfosRole,
                        SortRole, Qt::DecorationRole, Qt::ForegroundRole,
                        Qt::AccessibleTextRole, RiskRole});
    return true;
}

void QueueModel::markSharedTargets()
{
    m_writers.rebuild(m_entries);
    if (!m_entries.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                           {Qt::DecorationRole, Qt::ForegroundRole, Qt::ToolTipRole,
                            Qt::AccessibleTextRole, RiskRole});
}

void QueueModel::setDiagnosticRules(const QString &id, const QStringList &rules)
{
    if (rules.isEmpty())
        m_rules.remove(id);
    else
        m_rules.insert(id, rules);
}

const QStringList *QueueModel::diagnosticRules(const QString &id) const
{
    const auto it = m_rules.constFind(id);
    return it == m_rules.cend() ? nullptr : &*it;
}

void QueueModel::setRiskStyle(Risk risk, const QIcon &icon, const QColor &color)
{
    m_riskStyle.insert(int(risk), {icon, color});
}

int QueueModel::risks(const QueueEntry &e) const
{
    int r = NoRisk;
    if (e.errors > 0)
        r |= ErrorRisk;
    if (e.blockExecution.value_or(false))
        r |= BlockingRisk;
    if (m_writers.shared(e))
        r |= SharedTargetRisk;
    return r;
}

QString QueueModel::riskSummary(const QueueEntry &e) const
{
    QStringList why;
    if (e.errors > 0)
        why << (e.errors == 1 ? tr("1 error diagnostic")
                              : tr("%1 error diagnostics").arg(e.errors));
    if (e.blockExecution.value_or(false))
        why << tr("asks to block execution");
    if (const int others = m_writers.othersCount(e); others > 0)
        why << (others == 1 ? tr("writes a file 1 other proposal also writes")
                            : tr("writes a file %1 other proposals also write").arg(others));
    return why.join(QStringLiteral("; "));
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
    case Qt::ForegroundRole: {
        if (role == Qt::DecorationRole && index.column() == StatusColumn) {
            // The first column is always in sight, however narrow the queue: a risky row
            // shows its worst risk's icon there (the status stays in words beside it).
            const int r = risks(e);
            for (const Risk risk : {ErrorRisk, BlockingRisk, SharedTargetRisk}) {
                if ((r & risk) && m_riskStyle.contains(int(risk)))
                    return m_riskStyle[int(risk)].first;
            }
            return m_statusIcons.value(int(e.status));
        }
        const Risk cell = index.column() == DiagnosticsColumn ? ErrorRisk
                          : index.column() == BlockColumn     ? BlockingRisk
                          : index.column() == TargetsColumn   ? SharedTargetRisk
                                                              : NoRisk;
        if (cell == NoRisk || !(risks(e) & cell) || !m_riskStyle.contains(int(cell)))
            return {};
        const auto &style = m_riskStyle[int(cell)];
        return role == Qt::DecorationRole ? QVariant(style.first) : QVariant(style.second);
    }
    case Qt::AccessibleTextRole: {
        const QString text = displayData(e, index.column()).toString();
        if (index.column() != StatusColumn)
            return text;
        const QString why = riskSummary(e);
        return why.isEmpty() ? text
                             : QString(text + QStringLiteral(". ") + tr("Needs a second look: ")
                                       + why);
    }
    case RiskRole: return risks(e);
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
    // Report text, bounded for the cell (IdRole, KindRole... keep the whole values).
    case KindColumn: return DisplayText::line(e.kind);
    case OpportunityColumn: return DisplayText::line(e.opportunity);
    case TargetsColumn: return targetsText(e.targets);
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
    case StatusColumn: {
        const QString why = riskSummary(e);
        return why.isEmpty() ? statusLabel(e.status)
                             : QString(statusLabel(e.status) + QLatin1Char('\n')
                                       + tr("Needs a second look: ") + why);
    }
    case BlockColumn:
        if (!e.blockExecution)
            return tr("block_execution is missing or malformed");
        return *e.blockExecution ? tr("Blocks execution") : tr("Does not block execution");
    case KindColumn: return DisplayText::toolTip(e.kind);
    case OpportunityColumn: return DisplayText::toolTip(e.opportunity);
    case TargetsColumn: {
        const QString paths = DisplayText::lines(e.targets);
        const int others = m_writers.othersCount(e);
        if (others == 0)
            return paths;
        QStringList first = m_writers.others(e, 3);
        for (QString &id : first)
            id = DisplayText::line(id);
        return QString(paths + QLatin1Char('\n')
                       + (others == 1 ? tr("Also written by: ")
                                      : tr("Also written by %1 other proposals: ").arg(others))
                       + first.join(QStringLiteral(", "))
                       + (others > 3 ? QStringLiteral(", …") : QString()));
    }
    case DiagnosticsColumn:
        if (e.errors < 0)
            return tr("Diagnostics not computed yet");
        return tr("%1 errors, %2 warnings, %3 infos")
            .arg(e.errors)
            .arg(std::max(0, e.warnings))
            .arg(std::max(0, e.infos));
    case AgeColumn: return DisplayText::line(e.timestamp);
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
    names.insert(RiskRole, "risks");
    return names;
}

} // namespace verdict
