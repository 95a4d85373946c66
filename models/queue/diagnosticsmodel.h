// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/diagnostic.h"

#include <QAbstractTableModel>

#include <vector>

namespace verdict {

// The diagnostics of the proposal on screen: severity, line, rule, message.
class DiagnosticsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeverityColumn, LineColumn, RuleColumn, MessageColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        SeverityRole = Qt::UserRole + 1, // int(DiagnosticSeverity)
        LineRole,
        ColumnRole,
        RuleRole,
        MessageRole,
        ArtifactRole,
        SortRole
    };
    Q_ENUM(Role)

    explicit DiagnosticsModel(QObject *parent = nullptr);
    ~DiagnosticsModel() override;

    // Sorted by line, then severity, so the list reads top to bottom like the code.
    void setDiagnostics(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic> &diagnostics() const { return m_diagnostics; }
    const Diagnostic *diagnosticAt(int row) const;
    int count(DiagnosticSeverity severity) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QString severityLabel(DiagnosticSeverity severity); // "Error", "Warning", "Info"

private:
    std::vector<Diagnostic> m_diagnostics;
};

} // namespace verdict
