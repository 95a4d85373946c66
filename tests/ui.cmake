# SPDX-License-Identifier: GPL-3.0-or-later
verdict_add_test(codeview_test codeview_test.cpp LIBS verdict_ui)
verdict_add_test(syntaxhighlighteradapter_test syntaxhighlighteradapter_test.cpp LIBS verdict_ui)
verdict_add_test(mainwindow_test mainwindow_test.cpp LIBS verdict_ui)
verdict_add_test(screenshot_test screenshot_test.cpp)
add_dependencies(screenshot_test verdict)
