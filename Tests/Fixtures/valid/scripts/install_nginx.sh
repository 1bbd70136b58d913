#!/bin/sh
# install_nginx.sh: fixture script, only its existence is checked
