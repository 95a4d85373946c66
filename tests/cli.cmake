# SPDX-License-Identifier: GPL-3.0-or-later
verdict_add_test(cli_store_test cli_store_test.cpp)
add_dependencies(cli_store_test verdict-cli)
verdict_add_test(cli_check_test cli_check_test.cpp)
add_dependencies(cli_check_test verdict-cli)
verdict_add_test(cli_parse_test cli_parse_test.cpp)
add_dependencies(cli_parse_test verdict-cli)
verdict_add_test(cli_queue_test cli_queue_test.cpp)
add_dependencies(cli_queue_test verdict-cli)
# Clean real code from this machine (Python stdlib, PostgreSQL extension scripts, Debian
# maintainer scripts) wrapped into reports: no false alarm, linter findings as the tools say.
verdict_add_test(realcode_test realcode_test.cpp)
add_dependencies(realcode_test verdict-cli)
