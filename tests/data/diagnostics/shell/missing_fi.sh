#!/bin/sh
if [ -n "$1" ]; then
  echo "got $1"
