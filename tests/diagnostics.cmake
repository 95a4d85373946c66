# SPDX-License-Identifier: GPL-3.0-or-later
verdict_add_test(sqlsyntaxchecker_test sqlsyntaxchecker_test.cpp checkerfixtures.h)
verdict_add_test(destructivesqlchecker_test destructivesqlchecker_test.cpp checkerfixtures.h)
verdict_add_test(sqllintchecker_test sqllintchecker_test.cpp checkerfixtures.h)
verdict_add_test(pythonsyntaxchecker_test pythonsyntaxchecker_test.cpp checkerfixtures.h)
verdict_add_test(pyflakeschecker_test pyflakeschecker_test.cpp checkerfixtures.h)
verdict_add_test(shellcheckchecker_test shellcheckchecker_test.cpp checkerfixtures.h)
verdict_add_test(javascriptsyntaxchecker_test javascriptsyntaxchecker_test.cpp
                 checkerfixtures.h)
verdict_add_test(shellsyntaxchecker_test shellsyntaxchecker_test.cpp checkerfixtures.h)
verdict_add_test(jsonsyntaxchecker_test jsonsyntaxchecker_test.cpp checkerfixtures.h)
verdict_add_test(secretchecker_test secretchecker_test.cpp checkerfixtures.h)
verdict_add_test(languagemismatchchecker_test languagemismatchchecker_test.cpp
                 checkerfixtures.h)
verdict_add_test(diagnosticsengine_test diagnosticsengine_test.cpp checkerfixtures.h)
verdict_add_test(sqljsontree_test sqljsontree_test.cpp)
verdict_add_test(lineworker_test lineworker_test.cpp)
