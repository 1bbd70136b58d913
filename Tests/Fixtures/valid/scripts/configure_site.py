#!/bin/sh
# configure_site.py: fixture script, only its existence is checked
