# Stand-in for the plugin examples' download_vm.sh: instead of fetching a cloud image it makes
# a small empty one in IMAGE_FOLDER, so the shapes never reach the network.
set -e
mkdir -p "${IMAGE_FOLDER}"
truncate -s 1M "${IMAGE_FOLDER}/${DISK}"
ctx logger info "base image stand-in ${IMAGE_FOLDER}/${DISK}"
ctx instance runtime-properties vm_image "${IMAGE_FOLDER}/${DISK}"
