// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnosticsmodel.h"

#include "displaytext.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>

namespace verdict {

DiagnosticsModel::DiagnosticsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

DiagnosticsModel::~DiagnosticsModel() = default;

void DiagnosticsModel::setFiles(const QString &reportFile, const std::vector<Artifact> &artifacts)
{
    beginResetModel();
    m_reportFile = reportFile;
    m_artifactCount = int(artifacts.size());
    m_spans.clear();
    for (size_t i = 0; i < artifacts.size(); ++i) {
        const Artifact &a = artifacts[i];
        Span span;
        span.firstLine = std::max(1, a.firstLine);
        span.lastLine = a.lastLine >= a.firstLine ? a.lastLine : span.firstLine - 1;
        m_spans[a.path].emplace_back(int(i), span);
    }
    // Two files of one name in different folders are told apart by their paths.
    m_fileNames.clear();
    QHash<QString, int> named;
    for (auto it = m_spans.cbegin(); it != m_spans.cend(); ++it)
        ++named[QFileInfo(it.key()).fileName()];
    for (auto it = m_spans.cbegin(); it != m_spans.cend(); ++it) {
        const QString name = QFileInfo(it.key()).fileName();
        m_fileNames.insert(it.key(), named.value(name) > 1 || name.isEmpty() ? it.key() : name);
    }
    locate();
    endResetModel();
}

void DiagnosticsModel::locate()
{
    m_places.assign(m_diagnostics.size(), Place());
    for (size_t row = 0; row < m_diagnostics.size(); ++row) {
        const Diagnostic &d = m_diagnostics[row];
        if (d.artifact.isEmpty())
            continue;
        const auto spans = m_spans.constFind(d.artifact);
        if (spans == m_spans.cend())
            continue;
        Place &place = m_places[row];
        place.fileIndex = spans->front().first;
        // The same path written twice: the copy whose lines hold the diagnostic.
        for (const auto &[index, span] : *spans) {
            if (d.line >= span.firstLine && d.line <= span.lastLine) {
                place.fileIndex = index;
                place.artifactLine = d.line - span.firstLine + 1;
                break;
            }
        }
    }
}

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
    locate();
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

int DiagnosticsModel::artifactLineAt(int row) const
{
    if (row < 0 || row >= int(m_places.size()))
        return 0;
    return m_places[size_t(row)].artifactLine;
}

bool DiagnosticsModel::spansSeveralFiles() const
{
    if (m_artifactCount > 1)
        return true;
    // One artifact (or none): several files only when a row is on the report itself.
    bool onArtifact = false;
    bool onReport = false;
    for (const Diagnostic &d : m_diagnostics) {
        (d.artifact.isEmpty() ? onReport : onArtifact) = true;
        if (onArtifact && onReport)
            return true;
    }
    return false;
}

QString DiagnosticsModel::fileText(const Diagnostic &d) const
{
    if (!d.artifact.isEmpty())
        return m_fileNames.value(d.artifact, d.artifact);
    const QString report = d.file.isEmpty() ? m_reportFile : d.file;
    return report.isEmpty() ? tr("report") : QFileInfo(report).fileName();
}

QString DiagnosticsModel::lineText(size_t row) const
{
    const Diagnostic &d = m_diagnostics[row];
    const Place &place = m_places[row];
    if (place.artifactLine > 0)
        return QString::number(place.artifactLine);
    // A proposal-level finding counts in the report, as the File column says; a finding on
    // an artifact's header line (the line that names the file) is on no line of the file;
    // an artifact this model was not told about keeps its stored line.
    if (d.line <= 0 || (!d.artifact.isEmpty() && place.fileIndex >= 0))
        return {};
    return QString::number(d.line);
}

QString DiagnosticsModel::placeToolTip(size_t row) const
{
    const Diagnostic &d = m_diagnostics[row];
    const Place &place = m_places[row];
    // Each name bounded on its own, so both lines are told whatever their lengths.
    const QString report = DisplayText::line(d.file.isEmpty() ? m_reportFile : d.file);
    const QString artifact = DisplayText::line(d.artifact);
    QString where;
    if (place.artifactLine > 0) {
        where = tr("Line %1 of %2").arg(place.artifactLine).arg(artifact);
        if (d.line > 0)
            where += QLatin1Char('\n') + tr("line %1 of the report %2").arg(d.line).arg(report);
    } else if (!d.artifact.isEmpty()) {
        where = artifact;
        if (d.line > 0) {
            where += QLatin1Char('\n')
                     + (place.fileIndex >= 0
                            ? tr("line %1 of the report %2, before the file's first line")
                            : tr("line %1 of the report %2"))
                           .arg(d.line)
                           .arg(report);
        }
    } else if (d.line > 0) {
        where = tr("Line %1 of the report %2").arg(d.line).arg(report);
    } else {
        where = tr("The report %1").arg(report);
    }
    return DisplayText::toolTip(where);
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
        case FileColumn: return DisplayText::line(fileText(d), DisplayText::kShortChars);
        case LineColumn: return lineText(size_t(index.row()));
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
        if (index.column() == LineColumn || index.column() == FileColumn)
            return placeToolTip(size_t(index.row()));
        if (index.column() == RuleColumn) // the view may show it cut
            return DisplayText::toolTip(d.rule);
        if (index.column() == SeverityColumn)
            return severityLabel(d.severity);
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
    case ArtifactLineRole: return m_places[size_t(index.row())].artifactLine;
    case FileRole: return d.artifact.isEmpty() ? (d.file.isEmpty() ? m_reportFile : d.file)
                                               : d.artifact;
    case SortRole:
        switch (index.column()) {
        case SeverityColumn: return int(d.severity);
        case FileColumn: return m_places[size_t(index.row())].fileIndex;
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
    if (orientation != Qt::Horizontal)
        return {};
    // The severity column shows a marker (the code gutter's); its name is for tool tips
    // and screen readers, not worth the width of a word in the header.
    if (section == SeverityColumn && (role == Qt::ToolTipRole || role == Qt::AccessibleTextRole))
        return tr("Severity");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn: return QString();
    case FileColumn: return tr("File");
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
    names.insert(ArtifactLineRole, "artifactLine");
    names.insert(FileRole, "file");
    return names;
}

} // namespace verdict
