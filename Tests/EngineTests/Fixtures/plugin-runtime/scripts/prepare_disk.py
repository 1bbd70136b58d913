# In the shape of the plugin's examples/scripts/disk_prepere.py: records where the machine's
# disks are (a simulated run creates no files).
from cloudify import ctx
from cloudify.state import ctx_parameters as inputs

if __name__ == '__main__':
    ctx.logger.info("Base image: {}".format(inputs["disk_image"]))
    ctx.instance.runtime_properties["vm_image"] = "/var/lib/libvirt/images/{}.qcow2".format(ctx.instance.id)
    ctx.instance.runtime_properties["vm_cloudinit"] = "/var/lib/libvirt/images/{}_seed.qcow2".format(ctx.instance.id)
