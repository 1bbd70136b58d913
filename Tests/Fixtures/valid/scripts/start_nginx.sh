#!/bin/sh
# start_nginx.sh: fixture script, only its existence is checked
