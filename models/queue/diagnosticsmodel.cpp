// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnosticsmodel.h"

#include "displaytext.h"

#include <QCoreApplication>

#include <algorithm>

namespace verdict {

DiagnosticsModel::DiagnosticsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

DiagnosticsModel::~DiagnosticsModel() = default;

void DiagnosticsModel::setDiagnostics(std::vector<Diagnostic> diagnostics)
{
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic &a, const Diagnostic &b) {
                         if (a.line != b.line)
                             return a.line < b.line;
                         return int(a.severity) < int(b.severity);
                     });
    beginResetModel();
    m_diagnostics = std::move(diagnostics);
    endResetModel();
}

const Diagnostic *DiagnosticsModel::diagnosticAt(int row) const
{
    if (row < 0 || row >= int(m_diagnostics.size()))
        return nullptr;
    return &m_diagnostics[size_t(row)];
}

int DiagnosticsModel::count(DiagnosticSeverity severity) const
{
    return int(std::count_if(m_diagnostics.begin(), m_diagnostics.end(),
                             [severity](const Diagnostic &d) { return d.severity == severity; }));
}

int DiagnosticsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_diagnostics.size());
}

int DiagnosticsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DiagnosticsModel::severityLabel(DiagnosticSeverity severity)
{
    switch (severity) {
    case DiagnosticSeverity::Error: return tr("Error");
    case DiagnosticSeverity::Warning: return tr("Warning");
    case DiagnosticSeverity::Info: return tr("Info");
    }
    return {};
}

QVariant DiagnosticsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Diagnostic &d = m_diagnostics[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn: return severityLabel(d.severity);
        case LineColumn:
            return d.line > 0 ? QString::number(d.line) : QString();
        // Messages may quote report text: bounded here, whole in MessageRole.
        case RuleColumn: return DisplayText::line(d.rule, DisplayText::kShortChars);
        // Read in full in the list, wrapped (a checker's message is a sentence or two); only a
        // hostile one is cut.
        case MessageColumn: return DisplayText::line(d.message, DisplayText::kWrappedChars);
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == MessageColumn)
            return DisplayText::toolTip(d.message);
        if (index.column() == LineColumn && !d.artifact.isEmpty())
            return DisplayText::toolTip(d.artifact);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == LineColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SeverityRole: return int(d.severity);
    case LineRole: return d.line;
    case ColumnRole: return d.column;
    case RuleRole: return d.rule;
    case MessageRole: return d.message;
    case ArtifactRole: return d.artifact;
    case SortRole:
        switch (index.column()) {
        case SeverityColumn: return int(d.severity);
        case LineColumn: return d.line;
        case RuleColumn: return d.rule;
        case MessageColumn: return d.message.toLower();
        default: return {};
        }
    default: return {};
    }
}

QVariant DiagnosticsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case LineColumn: return tr("Line");
    case RuleColumn: return tr("Rule");
    case MessageColumn: return tr("Message");
    default: return {};
    }
}

QHash<int, QByteArray> DiagnosticsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SeverityRole, "severity");
    names.insert(LineRole, "line");
    names.insert(ColumnRole, "column");
    names.insert(RuleRole, "rule");
    names.insert(MessageRole, "message");
    names.insert(ArtifactRole, "artifact");
    names.insert(SortRole, "sortKey");
    return names;
}

} // namespace verdict
