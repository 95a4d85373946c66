# SPDX-License-Identifier: GPL-3.0-or-later
verdict_add_test(codeview_test codeview_test.cpp LIBS verdict_ui)
verdict_add_test(syntaxhighlighteradapter_test syntaxhighlighteradapter_test.cpp LIBS verdict_ui)
verdict_add_test(mainwindow_test mainwindow_test.cpp LIBS verdict_ui)
verdict_add_test(screenshot_test screenshot_test.cpp LIBS verdict_ui)
add_dependencies(screenshot_test verdict)
verdict_add_test(settingsdialog_test settingsdialog_test.cpp LIBS verdict_ui)
verdict_add_test(syncstatus_test syncstatus_test.cpp LIBS verdict_ui)
verdict_add_test(auditexportdialog_test auditexportdialog_test.cpp LIBS verdict_ui)
verdict_add_test(statisticsview_test statisticsview_test.cpp LIBS verdict_ui)
verdict_add_test(backgroundjob_test backgroundjob_test.cpp LIBS verdict_ui)
verdict_add_test(workstationtools_test workstationtools_test.cpp LIBS verdict_ui)
verdict_add_test(folderwatcher_test folderwatcher_test.cpp LIBS verdict_ui)
# Room to read: inline diagnostic notes and the diagnostics list under hostile messages.
verdict_add_test(inlinenotes_bounds_test inlinenotes_bounds_test.cpp LIBS verdict_ui
    LABELS security)
verdict_add_test(folderwalk_test folderwalk_test.cpp LIBS verdict_ui)
