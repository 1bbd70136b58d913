#!/bin/sh
# backup_sites.py: fixture script, only its existence is checked
