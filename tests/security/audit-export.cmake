# SPDX-License-Identifier: GPL-3.0-or-later
# Audit export verification (trust item 9): tampered exports against the real verdict-cli.
verdict_add_test(auditexport_security_test auditexport_security_test.cpp LABELS security)
add_dependencies(auditexport_security_test verdict-cli)
# No password in any message (trust item 10): redactStoreUrl() on every URL shape, and the
# real verdict-cli and verdict run with such URLs.
verdict_add_test(redaction_test redaction_test.cpp LABELS security)
add_dependencies(redaction_test verdict-cli verdict)
