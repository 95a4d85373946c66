// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/destructivesqlchecker.h"

#include "diagnostics/languagemismatchchecker.h"
#include "diagnostics/sqlanalysis.h"

#include <QJsonArray>

#include <algorithm>
#include <iterator>

namespace verdict {

namespace {

// Whether a statement's tree may hold something this checker reports: a node named
// DropStmt, DropdbStmt, TruncateStmt, DeleteStmt or UpdateStmt, or an AlterTableStmt with
// an AT_DropColumn command. The analysis lists the strings of each tree ending in "Stmt"
// (node names) as it cuts the statements apart: most statements are none of these.
bool mayDestroy(const SqlAnalysis::Statement &stmt)
{
    static const char *const kDestructive[] = {"DropStmt", "DropdbStmt", "TruncateStmt",
                                               "DeleteStmt", "UpdateStmt"};
    bool alter = false;
    for (const QByteArray &name : stmt.stmtNames) {
        for (const char *k : kDestructive) {
            if (name == k)
                return true;
        }
        alter = alter || name == "AlterTableStmt";
    }
    return alter && stmt.mentions("\"AT_DropColumn\"");
}

QString joinNames(const QJsonArray &names)
{
    QStringList parts;
    for (const QJsonValue &n : names) {
        const QString s = n.toObject().value(QLatin1String("String")).toObject()
                              .value(QLatin1String("sval")).toString();
        if (!s.isEmpty())
            parts << s;
    }
    return parts.join(QLatin1Char('.'));
}

QString relationName(const QJsonObject &rangeVar)
{
    const QString schema = rangeVar.value(QLatin1String("schemaname")).toString();
    const QString rel = rangeVar.value(QLatin1String("relname")).toString();
    return schema.isEmpty() ? rel : schema + QLatin1Char('.') + rel;
}

// Names of the objects of a DropStmt: lists of name parts, or a bare String for schemas.
QStringList dropObjects(const QJsonObject &drop)
{
    QStringList out;
    for (const QJsonValue &o : drop.value(QLatin1String("objects")).toArray()) {
        const QJsonObject obj = o.toObject();
        if (obj.contains(QLatin1String("List")))
            out << joinNames(obj.value(QLatin1String("List")).toObject()
                                 .value(QLatin1String("items")).toArray());
        else if (obj.contains(QLatin1String("String")))
            out << obj.value(QLatin1String("String")).toObject()
                       .value(QLatin1String("sval")).toString();
    }
    return out;
}

struct Finding
{
    int offset;
    QString message;
};

class Walker
{
public:
    Walker(const SqlAnalysis &sql, const SqlAnalysis::Statement &stmt) : m_sql(sql), m_stmt(stmt)
    {
    }

    void walk(const QJsonValue &value, bool top, int depth)
    {
        if (depth > 200)
            return;
        if (value.isArray()) {
            for (const QJsonValue &v : value.toArray())
                walk(v, false, depth + 1);
            return;
        }
        if (!value.isObject())
            return;
        const QJsonObject obj = value.toObject();
        for (auto it = obj.constBegin(); it != obj.constEnd(); ++it) {
            if (it.value().isObject())
                inspect(it.key(), it.value().toObject(), top);
            walk(it.value(), false, depth + 1);
        }
    }

    std::vector<Finding> findings;

private:
    // Top-level statements are reported at their first token, nested ones (in a CTE) at
    // their relation.
    int where(const QJsonObject &node, bool top) const
    {
        const QJsonObject rel = node.value(QLatin1String("relation")).toObject();
        if (top || !rel.contains(QLatin1String("location")))
            return m_stmt.start;
        return m_sql.offsetOfByte(m_stmt.byteBase + rel.value(QLatin1String("location")).toInt());
    }

    void add(int offset, const QString &message) { findings.push_back({offset, message}); }

    void inspect(const QString &type, const QJsonObject &node, bool top)
    {
        if (type == QLatin1String("DropStmt")) {
            const QString kind = node.value(QLatin1String("removeType")).toString();
            const QString names = dropObjects(node).join(QStringLiteral(", "));
            const bool cascade = node.value(QLatin1String("behavior")).toString()
                                 == QLatin1String("DROP_CASCADE");
            if (kind == QLatin1String("OBJECT_TABLE"))
                add(where(node, top),
                    QStringLiteral("DROP TABLE %1 deletes the table and every row in it%2; "
                                   "approve only if losing that data is intended")
                        .arg(names, cascade ? QStringLiteral(" (CASCADE: and what depends on it)")
                                            : QString()));
            else if (kind == QLatin1String("OBJECT_SCHEMA"))
                add(where(node, top),
                    QStringLiteral("DROP SCHEMA %1 deletes the schema%2; approve only if losing "
                                   "its data is intended")
                        .arg(names, cascade ? QStringLiteral(" and every table in it (CASCADE)")
                                            : QString()));
            else if (kind == QLatin1String("OBJECT_DATABASE"))
                add(where(node, top), QStringLiteral("DROP DATABASE %1 deletes a whole database")
                                          .arg(names));
        } else if (type == QLatin1String("DropdbStmt")) {
            add(where(node, top), QStringLiteral("DROP DATABASE %1 deletes a whole database")
                                      .arg(node.value(QLatin1String("dbname")).toString()));
        } else if (type == QLatin1String("TruncateStmt")) {
            QStringList names;
            for (const QJsonValue &r : node.value(QLatin1String("relations")).toArray())
                names << relationName(r.toObject().value(QLatin1String("RangeVar")).toObject());
            add(where(node, top), QStringLiteral("TRUNCATE %1 deletes every row, irreversibly")
                                      .arg(names.join(QStringLiteral(", "))));
        } else if (type == QLatin1String("DeleteStmt")) {
            if (!node.contains(QLatin1String("whereClause")))
                add(where(node, top),
                    QStringLiteral("DELETE FROM %1 has no WHERE clause: it deletes every row")
                        .arg(relationName(node.value(QLatin1String("relation")).toObject())));
        } else if (type == QLatin1String("UpdateStmt")) {
            if (!node.contains(QLatin1String("whereClause")))
                add(where(node, top),
                    QStringLiteral("UPDATE %1 has no WHERE clause: it overwrites every row")
                        .arg(relationName(node.value(QLatin1String("relation")).toObject())));
        } else if (type == QLatin1String("AlterTableStmt")) {
            const QString table = relationName(node.value(QLatin1String("relation")).toObject());
            for (const QJsonValue &c : node.value(QLatin1String("cmds")).toArray()) {
                const QJsonObject cmd =
                    c.toObject().value(QLatin1String("AlterTableCmd")).toObject();
                if (cmd.value(QLatin1String("subtype")).toString()
                    == QLatin1String("AT_DropColumn"))
                    add(where(node, top),
                        QStringLiteral("ALTER TABLE %1 DROP COLUMN %2 deletes that column's data "
                                       "in every row, irreversibly")
                            .arg(table, cmd.value(QLatin1String("name")).toString()));
            }
        }
    }

    const SqlAnalysis &m_sql;
    const SqlAnalysis::Statement &m_stmt;
};

} // namespace

bool DestructiveSqlChecker::appliesTo(const Artifact &artifact) const
{
    return artifact.content.size() <= kMaxCheckedArtifactChars
           && LanguageMismatchChecker::checkedParser(artifact) == LanguageParser::Sql;
}

std::vector<Diagnostic> DestructiveSqlChecker::check(const Artifact &artifact,
                                                     const Proposal &proposal)
{
    const auto sql = SqlAnalysis::analyze(artifact.content);
    std::vector<Diagnostic> out;
    for (const SqlAnalysis::Statement &stmt : sql->statements()) {
        if (!mayDestroy(stmt))
            continue;
        Walker walker(*sql, stmt);
        walker.walk(stmt.node(), true, 0);
        for (const Finding &f : walker.findings)
            out.push_back(artifactDiagnostic(artifact, proposal,
                                             QStringLiteral("destructive-sql"),
                                             DiagnosticSeverity::Error, f.message,
                                             sql->textMap().lineOf(f.offset),
                                             sql->textMap().columnOf(f.offset)));
    }
    return out;
}

} // namespace verdict
