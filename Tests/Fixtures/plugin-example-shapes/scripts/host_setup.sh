# Stand-in for the cluster examples' libvirt_install.sh, run on the cluster host over ssh
# (fabric run_script): only creates the image folder there.
mkdir -p "${IMAGE_FOLDER:-/var/lib/libvirt/images}"
