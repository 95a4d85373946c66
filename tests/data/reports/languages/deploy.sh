#!/usr/bin/env bash
# Deploys the current build to the staging host.
set -euo pipefail

HOST=${DEPLOY_HOST:-staging.example.invalid}
TARGET=/srv/app

if [ ! -d build ]; then
    echo "no build/ folder; run make first" >&2
    exit 1
fi

for f in build/*.tar.gz; do
    echo "uploading $f"
    scp "$f" "deploy@$HOST:$TARGET/"
done

ssh "deploy@$HOST" "systemctl restart app" 2>&1 | tee deploy.log
