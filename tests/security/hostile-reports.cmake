# SPDX-License-Identifier: GPL-3.0-or-later
# Reports written to crash, hang, flood or fool verdict-cli and the GUI's import paths.
verdict_add_test(hostilereports_test hostilereports_test.cpp LIBS verdict_ui LABELS security)
add_dependencies(hostilereports_test verdict-cli)
verdict_add_test(dangeroustargetchecker_test dangeroustargetchecker_test.cpp LABELS security)
