# SPDX-License-Identifier: GPL-3.0-or-later
verdict_add_test(status_test status_test.cpp)
