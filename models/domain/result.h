// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace verdict {

// An error as a value: what failed, for a person, plus an optional machine code
// (an SQLSTATE for PostgreSQL, an SQLite result code name, ...).
struct Error
{
    QString message;
    QString code;
};

// Value or error, in the manner of Qt Creator's Utils::Result.
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_value(std::move(value)) {}   // NOLINT: implicit by design
    Result(Error error) : m_error(std::move(error)) {} // NOLINT: implicit by design

    explicit operator bool() const { return m_value.has_value(); }
    bool ok() const { return m_value.has_value(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    // By value: `for (auto &x : f().value())` must not bind to a dying temporary.
    T value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    const T &operator*() const { return *m_value; }
    const Error &error() const { return m_error; }
    QString errorMessage() const { return m_error.message; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_failed(true), m_error(std::move(error)) {} // NOLINT

    explicit operator bool() const { return !m_failed; }
    bool ok() const { return !m_failed; }
    const Error &error() const { return m_error; }
    QString errorMessage() const { return m_error.message; }

private:
    bool m_failed = false;
    Error m_error;
};

inline Error makeError(const QString &message, const QString &code = {})
{
    return Error{message, code};
}

} // namespace verdict
