# SPDX-License-Identifier: GPL-3.0-or-later
# Desktop integration files are validated by the freedesktop/AppStream tools themselves.
set(_pkg ${PROJECT_SOURCE_DIR}/packaging)
find_program(DESKTOP_FILE_VALIDATE desktop-file-validate)
find_program(APPSTREAMCLI appstreamcli)
if(DESKTOP_FILE_VALIDATE)
    add_test(NAME desktop_file_validate
             COMMAND ${DESKTOP_FILE_VALIDATE} ${_pkg}/dev.verdict.Verdict.desktop)
endif()
if(APPSTREAMCLI)
    add_test(NAME appstream_validate
             COMMAND ${APPSTREAMCLI} validate --no-net ${_pkg}/dev.verdict.Verdict.metainfo.xml)
endif()
# The .deb: built by CPack into a scratch dir; its control data and file list checked.
add_test(NAME deb_package
         COMMAND ${_pkg}/check-deb.sh ${CMAKE_BINARY_DIR})
set_tests_properties(deb_package PROPERTIES TIMEOUT 600 RUN_SERIAL TRUE)
# The scripts a newcomer and CI run: ShellCheck finds what review misses in them.
find_program(SHELLCHECK shellcheck)
if(SHELLCHECK)
    file(GLOB _scripts CONFIGURE_DEPENDS ${_pkg}/*.sh)
    add_test(NAME shellcheck_scripts
             COMMAND ${SHELLCHECK} ${PROJECT_SOURCE_DIR}/.ci/run ${_scripts})
endif()
