#!/usr/bin/env zsh
print -P "%F{red}hi%f"
