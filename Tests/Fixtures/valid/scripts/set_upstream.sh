#!/bin/sh
# set_upstream.sh: fixture script, only its existence is checked
