#!/bin/sh
# A workflow of the blueprint: its parameters are its inputs.
ctx logger info "greet says $greeting"
printf '%s\n' "$greeting" > "$target"
