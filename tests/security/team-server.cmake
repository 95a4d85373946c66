# SPDX-License-Identifier: GPL-3.0-or-later
# Insiders on the team server: forgery through psql, one login under two names, an owner
# rewriting history. Starts its own PostgreSQL (tests/pgtest.*).
verdict_add_test(teamserver_test teamserver_test.cpp ../pgtest.h ../pgtest.cpp
                 LABELS postgres security)
add_dependencies(teamserver_test verdict-cli)
