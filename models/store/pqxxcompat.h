// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one place that knows libpqxx 6.4 (Debian 12) from 7.x (Debian 13: 7.10, Ubuntu
// 24.04: 7.8). Only the PostgreSQL store includes it. Each helper picks the call that
// exists and is not deprecated in the libpqxx it is compiled against, detected from the
// API itself rather than from version numbers, so a 7.x minor release that adds the new
// form (7.9's exec(query, params)) or deprecates the old one needs no change here.

#include <pqxx/pqxx>

#include <string>
#include <type_traits>
#include <utility>

namespace verdict::pq {

namespace detail {

template <typename T, typename = void>
struct HasParamsExec : std::false_type
{
};
#if PQXX_VERSION_MAJOR >= 7 // pqxx::params does not exist in 6.4
// libpqxx >= 7.9: transaction_base::exec(zview, params const &).
template <typename T>
struct HasParamsExec<T, std::void_t<decltype(std::declval<T &>().exec(
                            std::declval<pqxx::zview>(), std::declval<pqxx::params>()))>>
    : std::true_type
{
};
#endif

template <typename R, typename = void>
struct HasOneRow : std::false_type
{
};
// libpqxx >= 7.7: result::one_row() (exec1 is deprecated from 7.9 on).
template <typename R>
struct HasOneRow<R, std::void_t<decltype(std::declval<const R &>().one_row())>>
    : std::true_type
{
};

} // namespace detail

// A query with bound parameters ($1, $2, ...): never string splicing of values.
template <typename Tx, typename... Args>
pqxx::result exec(Tx &tx, const std::string &query, Args &&...args)
{
    if constexpr (sizeof...(Args) == 0) {
        return tx.exec(query);
#if PQXX_VERSION_MAJOR >= 7
    } else if constexpr (detail::HasParamsExec<Tx>::value) {
        return tx.exec(pqxx::zview(query), pqxx::params(std::forward<Args>(args)...));
#endif
    } else {
        return tx.exec_params(query, std::forward<Args>(args)...);
    }
}

// The single row of `r` (throws pqxx::unexpected_rows otherwise).
template <typename R>
pqxx::row oneRow(const R &r)
{
    if constexpr (detail::HasOneRow<R>::value) {
        return r.one_row();
    } else {
        if (r.size() != 1)
            throw pqxx::unexpected_rows("expected 1 row from query, got "
                                        + std::to_string(r.size()));
        return r[0];
    }
}

// The single row a query must return (throws pqxx::unexpected_rows otherwise).
template <typename Tx, typename... Args>
pqxx::row execOne(Tx &tx, const std::string &query, Args &&...args)
{
    return oneRow(exec(tx, query, std::forward<Args>(args)...));
}

// Server messages that carry their SQLSTATE ("ERROR:  40001: ..."): libpqxx 6.4 drops the
// SQLSTATE of the error classes it maps to subclasses, so the message is where it is kept.
inline void setVerboseErrors(pqxx::connection &c)
{
#if PQXX_VERSION_MAJOR >= 7
    c.set_verbosity(pqxx::error_verbosity::verbose);
#else
    c.set_verbosity(pqxx::connection_base::verbose);
#endif
}

} // namespace verdict::pq
