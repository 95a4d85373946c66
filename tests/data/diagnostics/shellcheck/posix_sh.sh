#!/bin/sh
name="world"
if [[ "$name" == "world" ]]; then
    echo "hello $name"
fi
