// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <vector>

namespace verdict {

// An SQL text parsed by libpg_query (PostgreSQL's own parser). The only place that
// includes pg_query.h. Offsets are UTF-16 offsets into the content.
class SqlAnalysis final
{
public:
    struct Statement
    {
        QString type;      // "CreateStmt", "DeleteStmt", ...
        // The statement's pg_query JSON, decoded only when asked for: a view into the
        // analysis' parse tree, valid while the analysis lives (copy it to keep it longer).
        QByteArray json;
        int start = 0;     // offset of the statement's first token
        int byteBase = 0;  // add to the tree's "location" values (bytes) before mapping
        // Every string of the tree ending in "Stmt", as written in the JSON: the names of the
        // statement nodes in it, nested ones included ("InsertStmt", "SelectStmt", ...).
        // Found by the scan that cuts the statements apart, so checkers need not search
        // `json` for them. Views into the parse tree, as `json`.
        std::vector<QByteArray> stmtNames;

        // {"CreateStmt": {...}}. Decoding JSON costs more than parsing the SQL, so checkers
        // look at `type` or `json` first and decode only the statements they need.
        QJsonObject node() const;
        bool mentions(const char *key) const { return json.contains(key); }
    };
    struct Error
    {
        int offset = 0;
        QString message;
    };

    // Parses every statement; a syntax error in one statement does not hide the others.
    // Memoized per thread for the last content (the SQL checkers share one parse).
    static std::shared_ptr<const SqlAnalysis> analyze(const QString &content);

    const std::vector<Statement> &statements() const { return m_statements; }
    const std::vector<Error> &errors() const { return m_errors; }
    const TextMap &textMap() const { return m_map; }
    // A parse-tree byte location (plus the statement's base) -> UTF-16 offset.
    int offsetOfByte(int byteOffset) const;

    explicit SqlAnalysis(const QString &content);
    ~SqlAnalysis();
    SqlAnalysis(const SqlAnalysis &) = delete;
    SqlAnalysis &operator=(const SqlAnalysis &) = delete;

private:
    void parseAll();
    void parseStatement(int byteStart, int byteLen);
    bool addTree(char *json, int byteBase); // takes libpg_query's text
    bool cutByMarks(const char *json, int byteBase);
    bool cutByScan(const char *json, int byteBase);
    void finishStatement(Statement s, const char *json, qsizetype size, int byteBase);
    int skipBlank(int byteOffset) const;
    int offsetOfCodePoints(int fromByte, int codePoints) const;

    QString m_text;
    QByteArray m_utf8;
    TextMap m_map;
    std::vector<int> m_lineBytes; // byte offset of each line start
    std::vector<char *> m_trees; // libpg_query's JSON texts, freed with the analysis
    std::vector<Statement> m_statements;
    std::vector<Error> m_errors;
};

} // namespace verdict
