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
# The window against a real PostgreSQL behind a proxy that adds 300 ms each way: the GUI
# thread must never stall. Alone, so other tests' CPU does not count as its stall.
verdict_add_test(guistall_test guistall_test.cpp latencyproxy.h latencyproxy.cpp pgtest.h
                 pgtest.cpp LIBS verdict_ui Qt::Network LABELS postgres)
set_tests_properties(guistall_test PROPERTIES RUN_SERIAL TRUE)
# Room to read: inline diagnostic notes and the diagnostics list under hostile messages.
verdict_add_test(inlinenotes_bounds_test inlinenotes_bounds_test.cpp LIBS verdict_ui
    LABELS security)
verdict_add_test(folderwalk_test folderwalk_test.cpp LIBS verdict_ui)
verdict_add_test(viewcounter_test viewcounter_test.cpp LIBS verdict_ui)
