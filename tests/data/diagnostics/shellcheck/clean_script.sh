#!/usr/bin/env bash
set -euo pipefail
rm -rf /tmp/should-never-run-"$$"  # parsed, never executed
for f in "$@"; do
  case "$f" in
    *.txt) echo "text: $f" ;;
    *) printf '%s\n' "$f" ;;
  esac
done
cat <<EOT
heredoc $(date)
EOT
