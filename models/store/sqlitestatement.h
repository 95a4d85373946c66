// SPDX-License-Identifier: GPL-3.0-or-later
// Performance machinery of the SQLite store: prepared statements cached per connection
// (keyed by their SQL literal) and lent out as Stmt, which binds text without copying it.
// Only the SQLite store's files include this.
#pragma once

#include <QByteArray>
#include <QString>
#include <QVarLengthArray>

#include <sqlite3.h>

#include <memory>
#include <optional>
#include <utility>

namespace verdict::sqlite {

struct StmtDeleter
{
    void operator()(sqlite3_stmt *s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

// A cached prepared statement on loan: bindings cleared and statement reset when it goes,
// so the cache always holds idle statements.
class Stmt final
{
public:
    explicit Stmt(sqlite3_stmt *s) : m_s(s) {}
    Stmt(Stmt &&other) noexcept
        : m_s(std::exchange(other.m_s, nullptr)), m_keep(std::move(other.m_keep))
    {
    }
    Stmt(const Stmt &) = delete;
    Stmt &operator=(const Stmt &) = delete;
    Stmt &operator=(Stmt &&) = delete;
    ~Stmt()
    {
        if (m_s) {
            sqlite3_reset(m_s);
            sqlite3_clear_bindings(m_s);
        }
    }

    // Text is bound without a copy (SQLITE_STATIC): the UTF-8 buffers stay alive in m_keep
    // until the statement is reset. Imports bind tens of megabytes.
    Stmt &bind(int i, const QString &v) { return bind(i, v.toUtf8()); }
    Stmt &bind(int i, const QByteArray &utf8)
    {
        // An import binds ~20 texts per report: the first kKept buffers need no allocation.
        m_keep.append(utf8);
        sqlite3_bind_text(m_s, i, m_keep.last().constData(), m_keep.last().size(),
                          SQLITE_STATIC);
        return *this;
    }
    Stmt &bind(int i, qint64 v)
    {
        sqlite3_bind_int64(m_s, i, v);
        return *this;
    }
    Stmt &bind(int i, int v) { return bind(i, static_cast<qint64>(v)); }
    template <typename T>
    Stmt &bind(int i, const std::optional<T> &v)
    {
        if (!v)
            sqlite3_bind_null(m_s, i);
        else
            bind(i, *v);
        return *this;
    }
    Stmt &bind(int i, const std::optional<bool> &v)
    {
        if (!v)
            sqlite3_bind_null(m_s, i);
        else
            bind(i, *v ? 1 : 0);
        return *this;
    }

    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return sqlite3_step(m_s); }

    bool isNull(int c) const { return sqlite3_column_type(m_s, c) == SQLITE_NULL; }
    qint64 int64(int c) const { return sqlite3_column_int64(m_s, c); }
    int integer(int c) const { return sqlite3_column_int(m_s, c); }
    QString text(int c) const
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_s, c));
        return QString::fromUtf8(p, sqlite3_column_bytes(m_s, c));
    }
    QByteArray bytes(int c) const
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_s, c));
        return QByteArray(p, sqlite3_column_bytes(m_s, c));
    }
    std::optional<QString> optText(int c) const
    {
        return isNull(c) ? std::nullopt : std::optional<QString>(text(c));
    }
    std::optional<int> optInt(int c) const
    {
        return isNull(c) ? std::nullopt : std::optional<int>(integer(c));
    }

private:
    sqlite3_stmt *m_s;
    static constexpr int kKept = 16;
    QVarLengthArray<QByteArray, kKept> m_keep;
};

} // namespace verdict::sqlite
