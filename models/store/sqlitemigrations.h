// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

namespace verdict {

// The SQLite schema, one step per version: step i (0-based) takes a database from
// PRAGMA user_version i to i + 1. Steps are never edited once released; changes are new
// steps. Exposed so tests can build an old database and watch it migrate.
struct SqliteMigration
{
    int version;     // user_version after this step
    const char *sql; // one or more statements
};

const std::vector<SqliteMigration> &sqliteMigrations();

} // namespace verdict
