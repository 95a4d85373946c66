// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

namespace verdict {

struct PostgresMigration
{
    int version;
    const char *sql;
};

// The team server's schema, step by step; PostgresStore applies the missing steps on
// connect, one transaction, under an advisory lock (two clients may connect at once).
const std::vector<PostgresMigration> &postgresMigrations();

} // namespace verdict
