# SPDX-License-Identifier: GPL-3.0-or-later
# Trust issue, item 1: hostile field sizes and shapes in the GUI (bounded display, whole
# values through Copy), huge artifacts in the code views, and the real --screenshot binary.
verdict_add_test(guibounds_test guibounds_test.cpp LIBS verdict_ui LABELS security)
verdict_add_test(guibounds_largetext_test guibounds_largetext_test.cpp LIBS verdict_ui
    LABELS security)
verdict_add_test(guibounds_screenshot_test guibounds_screenshot_test.cpp LABELS security)
add_dependencies(guibounds_screenshot_test verdict)
