# In the shape of the examples' snapshot_disk_create.py / _delete.py: a backup operation
# (cloudify.interfaces.snapshot), not part of install or uninstall.
from cloudify import ctx

if __name__ == '__main__':
    ctx.logger.info("snapshot of {}: {}".format(
        ctx.instance.runtime_properties.get('vm_image'), ctx.operation.name))
