# In the shape of the plugin's examples/scripts/vm_preconfigure.py: edits the domain's params
# (the source's runtime properties) in place before configure defines the domain.
from cloudify import ctx

if __name__ == "__main__":
    if "params" not in ctx.source.instance.runtime_properties:
        ctx.source.instance.runtime_properties["params"] = {}

    if "disks" not in ctx.source.instance.runtime_properties["params"]:
        ctx.source.instance.runtime_properties["params"]['disks'] = []

    # cleanup if we install several times
    ctx.source.instance.runtime_properties["params"]['disks'] = []

    disks = ctx.source.instance.runtime_properties["params"]['disks']
    disks.append({
        'bus': 'scsi',
        'dev': 'sda',
        'file': ctx.target.instance.runtime_properties.get('vm_image'),
        'type': 'qcow2'
    })
    disks.append({
        'bus': 'scsi',
        'dev': 'sdb',
        'file': ctx.target.instance.runtime_properties.get('vm_cloudinit'),
        'type': 'qcow2',
        'readonly': True
    })

    networks = ctx.source.instance.runtime_properties["params"].get('networks')
    for index, network in enumerate(networks):
        if not network.get('type'):
            network['type'] = "virtio"
        if not network.get('mac'):
            network['mac'] = "52:54:00:41:00:%02x" % (index + 1)

    ctx.source.instance.runtime_properties["params"]['networks'] = networks
