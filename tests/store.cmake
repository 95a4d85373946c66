# SPDX-License-Identifier: GPL-3.0-or-later
verdict_add_test(sqlitestore_test sqlitestore_test.cpp)
verdict_add_test(importer_test importer_test.cpp)
verdict_add_test(storeworker_test storeworker_test.cpp)
verdict_add_test(storesearch_test storesearch_test.cpp pgtest.h pgtest.cpp LABELS postgres)
# Every public Store method, the same rows on SQLite and a throwaway PostgreSQL.
verdict_add_test(storecontract_test storecontract_test.cpp pgtest.h pgtest.cpp LABELS postgres)
