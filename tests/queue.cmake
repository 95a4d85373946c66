# SPDX-License-Identifier: GPL-3.0-or-later
verdict_add_test(queuemodel_test queuemodel_test.cpp)
verdict_add_test(diagnosticsmodel_test diagnosticsmodel_test.cpp)
