print -P "%F{red}hi%f"
setopt extendedglob
