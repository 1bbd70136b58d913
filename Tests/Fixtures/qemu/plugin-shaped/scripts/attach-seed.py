# preconfigure of the domain's relationship to the disk holder (the shape of the plugin
# examples' vm_preconfigure.py): adds the seed as a cdrom to the domain's runtime params and
# gives every network a virtio model, before configure defines the domain from those params.
from cloudify import ctx

if __name__ == "__main__":
    params = ctx.source.instance.runtime_properties.setdefault("params", {})
    params['disks'] = []
    params['disks'].append({
        'bus': 'scsi',
        'dev': 'sda',
        'device': 'cdrom',
        'file': ctx.target.instance.runtime_properties.get('seed_path'),
        'type': ctx.target.instance.runtime_properties.get('seed_format', 'raw'),
        'readonly': True,
    })
    for network in params.get('networks', []):
        if not network.get('type'):
            network['type'] = 'virtio'
    ctx.logger.info('disks: {0!r}'.format(params['disks']))
    ctx.source.instance.runtime_properties._set_changed()
