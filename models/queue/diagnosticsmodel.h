// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/diagnostic.h"
#include "domain/proposal.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace verdict {

// The diagnostics of the proposal on screen: severity, file, line, rule, message.
//
// Diagnostics are stored with lines of the report file (what `verdict-cli check` and SARIF
// print). A reviewer reads a file, so the list numbers lines like the code view's gutter:
// line 1 is the first line of the artifact. The File column says which file a line is in:
// the artifact, or the report itself for a proposal-level finding (a missing field). The
// report line stays in the tool tip and in LineRole.
class DiagnosticsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeverityColumn, FileColumn, LineColumn, RuleColumn, MessageColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        SeverityRole = Qt::UserRole + 1, // int(DiagnosticSeverity)
        LineRole,                        // line of the report file, as stored
        ColumnRole,
        RuleRole,
        MessageRole,
        ArtifactRole,
        SortRole,
        ArtifactLineRole, // 1-based line inside the artifact; 0 when not on one of its lines
        FileRole          // the file the Line column counts in (artifact path or report file)
    };
    Q_ENUM(Role)

    explicit DiagnosticsModel(QObject *parent = nullptr);
    ~DiagnosticsModel() override;

    // The proposal's files, so report lines can be told as lines of an artifact.
    // Without them, lines are shown as stored (report lines).
    void setFiles(const QString &reportFile, const std::vector<Artifact> &artifacts);
    // Sorted by line, then severity, so the list reads top to bottom like the code.
    void setDiagnostics(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic> &diagnostics() const { return m_diagnostics; }
    const Diagnostic *diagnosticAt(int row) const;
    int count(DiagnosticSeverity severity) const;
    // 1-based line of the row's diagnostic inside its artifact; 0 when it is not on one.
    int artifactLineAt(int row) const;
    // True when the rows are in more than one file (a multi-file proposal, or findings on
    // the report itself beside the artifact's): the view shows the File column then.
    bool spansSeveralFiles() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QString severityLabel(DiagnosticSeverity severity); // "Error", "Warning", "Info"

private:
    struct Span
    {
        int firstLine = 0;
        int lastLine = 0;
    };
    struct Place
    {
        int artifactLine = 0; // 0: not on a line of the artifact
        int fileIndex = -1;   // index of the artifact; -1: the report (proposal-level)
    };
    void locate();
    QString fileText(const Diagnostic &d) const;
    QString lineText(size_t row) const;
    QString placeToolTip(size_t row) const;

    QString m_reportFile;
    int m_artifactCount = 0;
    QHash<QString, std::vector<std::pair<int, Span>>> m_spans; // path -> (index, lines)
    QHash<QString, QString> m_fileNames; // path -> what the File column shows
    std::vector<Diagnostic> m_diagnostics;
    std::vector<Place> m_places; // one per diagnostic
};

} // namespace verdict
