#!/bin/sh
# A fixture script: the blueprint checker only needs it to exist.
exit 0
