// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/sqllintchecker.h"

#include "diagnostics/languagemismatchchecker.h"
#include "diagnostics/sqlanalysis.h"
#include "diagnostics/sqljsontree.h"

#include <QHash>
#include <QSet>

namespace verdict {

namespace {

// The statement trees are read through SqlJsonTree: only the fields below are decoded.
using Json = SqlJsonTree::Value;

QString sval(const Json &v)
{
    return v.value(QLatin1String("String")).value(QLatin1String("sval")).toString();
}

QString firstKey(const Json &keys)
{
    return keys.isEmpty() ? QString() : sval(keys.first()).toLower();
}

struct ForeignKey
{
    QString table;
    QString column;
    QString references;
    int offset = 0;
};

struct Table
{
    QString name;
    int offset = 0;
    bool hasPrimaryKey = false;
    bool checkPrimaryKey = true;
    int order = 0;
};

struct Schema
{
    QHash<QString, Table> tables;       // lower-case name -> table created here
    QSet<QString> leadingColumns;       // "table.column" some index/PK/UNIQUE starts with
    std::vector<ForeignKey> foreignKeys;
    std::vector<std::pair<int, QString>> idArrays; // offset, "table.column"
};

class Collector
{
public:
    Collector(const SqlAnalysis &sql, Schema &schema) : m_sql(sql), m_schema(schema) {}

    void statement(const SqlAnalysis::Statement &stmt)
    {
        if (stmt.type != QLatin1String("CreateStmt") && stmt.type != QLatin1String("IndexStmt")
            && stmt.type != QLatin1String("AlterTableStmt"))
            return;
        m_base = stmt.byteBase;
        if (!m_tree.parse(stmt.json))
            return;
        const Json node = m_tree.root().value(QLatin1String("stmt"));
        if (node.contains(QLatin1String("CreateStmt")))
            createTable(node.value(QLatin1String("CreateStmt")));
        else if (node.contains(QLatin1String("IndexStmt")))
            createIndex(node.value(QLatin1String("IndexStmt")));
        else if (node.contains(QLatin1String("AlterTableStmt")))
            alterTable(node.value(QLatin1String("AlterTableStmt")));
    }

private:
    int at(const Json &o) const
    {
        return m_sql.offsetOfByte(m_base + o.value(QLatin1String("location")).toInt());
    }

    void constraint(const QString &table, const QString &column, const Json &c)
    {
        const QString type = c.value(QLatin1String("contype")).toString();
        if (type == QLatin1String("CONSTR_PRIMARY") || type == QLatin1String("CONSTR_UNIQUE")) {
            const QString lead = column.isEmpty()
                                     ? firstKey(c.value(QLatin1String("keys")))
                                     : column;
            if (!lead.isEmpty())
                m_schema.leadingColumns.insert(table + QLatin1Char('.') + lead);
            if (type == QLatin1String("CONSTR_PRIMARY") && m_schema.tables.contains(table))
                m_schema.tables[table].hasPrimaryKey = true;
        } else if (type == QLatin1String("CONSTR_FOREIGN")) {
            const QString col = column.isEmpty()
                                    ? firstKey(c.value(QLatin1String("fk_attrs")))
                                    : column;
            const QString refs =
                c.value(QLatin1String("pktable")).value(QLatin1String("relname"))
                    .toString();
            if (!col.isEmpty())
                m_schema.foreignKeys.push_back({table, col, refs, m_columnOffset >= 0
                                                                      ? m_columnOffset
                                                                      : at(c)});
        }
    }

    void createTable(const Json &create)
    {
        const Json rel = create.value(QLatin1String("relation"));
        const QString name = rel.value(QLatin1String("relname")).toString().toLower();
        if (name.isEmpty())
            return;
        Table t;
        t.name = rel.value(QLatin1String("relname")).toString();
        t.offset = at(rel);
        t.order = int(m_schema.tables.size());
        // Temporary, partition and inheriting tables get their keys elsewhere.
        t.checkPrimaryKey = rel.value(QLatin1String("relpersistence")).toString()
                                != QLatin1String("t")
                            && !create.contains(QLatin1String("partbound"))
                            && !create.contains(QLatin1String("inhRelations"));
        if (!m_schema.tables.contains(name))
            m_schema.tables.insert(name, t);
        for (const Json &e : create.value(QLatin1String("tableElts"))) {
            const Json elt = e;
            if (elt.contains(QLatin1String("TableLikeClause")))
                m_schema.tables[name].checkPrimaryKey = false;
            if (elt.contains(QLatin1String("Constraint"))) {
                m_columnOffset = -1;
                constraint(name, {}, elt.value(QLatin1String("Constraint")));
            }
            if (!elt.contains(QLatin1String("ColumnDef")))
                continue;
            const Json col = elt.value(QLatin1String("ColumnDef"));
            const QString colName = col.value(QLatin1String("colname")).toString().toLower();
            m_columnOffset = at(col);
            for (const Json &c : col.value(QLatin1String("constraints")))
                constraint(name, colName,
                           c.value(QLatin1String("Constraint")));
            m_columnOffset = -1;
            idArray(t.name, col);
        }
    }

    void idArray(const QString &table, const Json &col)
    {
        const Json type = col.value(QLatin1String("typeName"));
        if (!type.contains(QLatin1String("arrayBounds")))
            return;
        const QString name = col.value(QLatin1String("colname")).toString();
        const QString lower = name.toLower();
        const bool camel = name.size() > 3 && name.endsWith(QLatin1String("Ids"));
        if (!(lower == QLatin1String("ids") || lower.endsWith(QLatin1String("_ids")) || camel))
            return;
        const Json names = type.value(QLatin1String("names"));
        const QString base = names.isEmpty() ? QString() : sval(names.last()).toLower();
        static const QStringList idTypes{
            QStringLiteral("int2"), QStringLiteral("int4"), QStringLiteral("int8"),
            QStringLiteral("uuid"), QStringLiteral("integer"), QStringLiteral("bigint"),
            QStringLiteral("smallint"), QStringLiteral("text"), QStringLiteral("varchar")};
        if (idTypes.contains(base))
            m_schema.idArrays.emplace_back(at(col), table + QLatin1Char('.') + name);
    }

    void createIndex(const Json &index)
    {
        const QString table = index.value(QLatin1String("relation"))
                                  .value(QLatin1String("relname")).toString().toLower();
        const Json params = index.value(QLatin1String("indexParams"));
        if (params.isEmpty())
            return;
        const QString lead = params.first().value(QLatin1String("IndexElem"))
                                 .value(QLatin1String("name")).toString().toLower();
        if (!lead.isEmpty())
            m_schema.leadingColumns.insert(table + QLatin1Char('.') + lead);
    }

    void alterTable(const Json &alter)
    {
        const QString table = alter.value(QLatin1String("relation"))
                                  .value(QLatin1String("relname")).toString().toLower();
        for (const Json &c : alter.value(QLatin1String("cmds"))) {
            const Json cmd = c.value(QLatin1String("AlterTableCmd"));
            const Json def = cmd.value(QLatin1String("def"));
            if (cmd.value(QLatin1String("subtype")).toString() == QLatin1String("AT_AddConstraint")
                && def.contains(QLatin1String("Constraint"))) {
                m_columnOffset = -1;
                constraint(table, {}, def.value(QLatin1String("Constraint")));
            }
        }
    }

    const SqlAnalysis &m_sql;
    Schema &m_schema;
    SqlJsonTree m_tree; // the current statement's
    int m_base = 0;
    int m_columnOffset = -1;
};

} // namespace

bool SqlLintChecker::appliesTo(const Artifact &artifact) const
{
    return artifact.content.size() <= kMaxCheckedArtifactChars
           && LanguageMismatchChecker::checkedParser(artifact) == LanguageParser::Sql;
}

std::vector<Diagnostic> SqlLintChecker::check(const Artifact &artifact, const Proposal &proposal)
{
    const auto sql = SqlAnalysis::analyze(artifact.content);
    Schema schema;
    Collector collector(*sql, schema);
    for (const SqlAnalysis::Statement &stmt : sql->statements())
        collector.statement(stmt);

    std::vector<Diagnostic> out;
    const TextMap &map = sql->textMap();
    auto add = [&](const QString &rule, int offset, const QString &message) {
        out.push_back(artifactDiagnostic(artifact, proposal, rule, DiagnosticSeverity::Warning,
                                         message, map.lineOf(offset), map.columnOf(offset)));
    };

    std::vector<Table> tables;
    for (const Table &t : std::as_const(schema.tables))
        tables.push_back(t);
    std::sort(tables.begin(), tables.end(),
              [](const Table &a, const Table &b) { return a.offset < b.offset; });
    for (const Table &t : tables) {
        if (t.checkPrimaryKey && !t.hasPrimaryKey)
            add(QStringLiteral("table-without-primary-key"), t.offset,
                QStringLiteral("table %1 has no primary key: its rows cannot be told apart "
                               "reliably, and updates, replication and ORMs need one")
                    .arg(t.name));
    }
    for (const ForeignKey &fk : schema.foreignKeys) {
        if (!schema.tables.contains(fk.table)
            || schema.leadingColumns.contains(fk.table + QLatin1Char('.') + fk.column))
            continue;
        add(QStringLiteral("fk-without-index"), fk.offset,
            QStringLiteral("foreign key %1.%2 (references %3) has no index: joins on it and "
                           "every delete or key update in %3 scan the whole %1 table")
                .arg(schema.tables.value(fk.table).name, fk.column, fk.references));
    }
    for (const auto &[offset, column] : schema.idArrays)
        add(QStringLiteral("id-array"), offset,
            QStringLiteral("%1 keeps ids in an array instead of a join table: the database "
                           "cannot enforce that they exist (no foreign key) nor index lookups "
                           "by id simply")
                .arg(column));
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    return out;
}

} // namespace verdict
