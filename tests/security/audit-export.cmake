# SPDX-License-Identifier: GPL-3.0-or-later
# Audit export verification (trust item 9): tampered exports against the real verdict-cli.
verdict_add_test(auditexport_security_test auditexport_security_test.cpp LABELS security)
add_dependencies(auditexport_security_test verdict-cli)
