// SPDX-License-Identifier: GPL-3.0-or-later
// Bulk-write machinery of the PostgreSQL store: whole batches go to the server as one
// array parameter per column (unnest($n::text[]) in the server functions), so an import
// or a push is one round trip whatever its size.
#pragma once

#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace verdict::pg {

std::string str(const QString &s);

// Array literals for unnest($n::text[]): every element quoted, '\' and '"' escaped.
inline std::string textArray(const std::vector<QString> &values)
{
    std::string out = "{";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        out += '"';
        const QByteArray utf8 = values[i].toUtf8();
        for (const char c : utf8) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += '"';
    }
    out += '}';
    return out;
}

template <typename Int>
inline std::string intArray(const std::vector<Int> &values)
{
    std::string out = "{";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        out += std::to_string(values[i]);
    }
    out += '}';
    return out;
}

inline std::string boolArray(const std::vector<bool> &values)
{
    std::string out = "{";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        out += values[i] ? 't' : 'f';
    }
    out += '}';
    return out;
}

// Nullable arrays (NULL unquoted) for the optional fields of a proposal revision.
inline std::string optTextArray(const std::vector<std::optional<QString>> &values)
{
    std::string out = "{";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        if (!values[i]) {
            out += "NULL";
            continue;
        }
        out += textArray({*values[i]}).substr(1);
        out.pop_back();
    }
    out += '}';
    return out;
}

template <typename T>
inline std::string optArray(const std::vector<std::optional<T>> &values)
{
    std::string out = "{";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        if (!values[i])
            out += "NULL";
        else if constexpr (std::is_same_v<T, bool>)
            out += *values[i] ? 't' : 'f';
        else
            out += std::to_string(*values[i]);
    }
    out += '}';
    return out;
}

} // namespace verdict::pg
