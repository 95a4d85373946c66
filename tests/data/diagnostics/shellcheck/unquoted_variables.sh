#!/usr/bin/env bash
set -eu
backup_dir=$1
for f in $(ls /var/log/*.log); do
    cp $f "$backup_dir"
done
cd $backup_dir
