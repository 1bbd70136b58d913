# In the shape of the examples' remove_disk.sh: deletes the files prepare_disk.py made.
rm -f "$(ctx instance runtime-properties vm_image)" "$(ctx instance runtime-properties vm_cloudinit)"
ctx logger info "disk files removed"
