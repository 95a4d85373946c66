#!/bin/bash
# Emoji before a finding: 🙂 is one code point, two UTF-16 units.
msg="🙂 done"; echo $msg
	cd /tmp
