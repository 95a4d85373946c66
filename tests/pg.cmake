# SPDX-License-Identifier: GPL-3.0-or-later
# PostgreSQL store, sync and their faults: each test starts its own throwaway server
# (tests/pgtest.*) on a Unix socket in a temporary directory, and skips without binaries.
verdict_add_test(postgresstore_test postgresstore_test.cpp pgtest.h pgtest.cpp
                 LABELS postgres)
verdict_add_test(sync_test sync_test.cpp pgtest.h pgtest.cpp LABELS postgres)
verdict_add_test(faults_test faults_test.cpp pgtest.h pgtest.cpp LABELS postgres)
