#!/bin/sh
. /etc/default/myservice
echo "$MYSERVICE_OPTS"
