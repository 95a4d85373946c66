# SPDX-License-Identifier: GPL-3.0-or-later
verdict_add_test(reportparser_test reportparser_test.cpp)
verdict_add_test(languagedetector_test languagedetector_test.cpp)
verdict_add_test(languages_test languages_test.cpp)
