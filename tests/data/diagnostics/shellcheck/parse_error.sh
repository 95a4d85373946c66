#!/bin/bash
if [ -f /etc/hosts ]; then
    echo "found"
