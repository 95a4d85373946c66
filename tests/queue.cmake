# SPDX-License-Identifier: GPL-3.0-or-later
verdict_add_test(queuemodel_test queuemodel_test.cpp)
verdict_add_test(diagnosticsmodel_test diagnosticsmodel_test.cpp)
verdict_add_test(statistics_test statistics_test.cpp)
verdict_add_test(filterquery_test filterquery_test.cpp)
verdict_add_test(linediff_test linediff_test.cpp)
verdict_add_test(queuefilterproxy_test queuefilterproxy_test.cpp)
verdict_add_test(approvalguard_test approvalguard_test.cpp)
verdict_add_test(boilerplate_test boilerplate_test.cpp)
