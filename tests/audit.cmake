# SPDX-License-Identifier: GPL-3.0-or-later
verdict_add_test(hashchain_test hashchain_test.cpp)
verdict_add_test(auditexport_test auditexport_test.cpp)
verdict_add_test(auditverify_test auditverify_test.cpp)
