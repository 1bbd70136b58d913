# In the shape of the examples' vm_preconfigure.py: a relationship's preconfigure edits the
# domain's params (its disks, its NICs' model and MAC) before configure defines it. The MAC
# comes from the instance id, so it is stable, and is formatted from integers (Python 3).
import hashlib

from cloudify import ctx

if __name__ == '__main__':
    source = ctx.source.instance.runtime_properties
    disk_owner = ctx.target.instance.runtime_properties
    params = source.get('params') or {}
    params['disks'] = [
        {'bus': 'scsi', 'dev': 'sda', 'file': disk_owner.get('vm_image'), 'type': 'qcow2'},
        {'bus': 'scsi', 'dev': 'sdb', 'file': disk_owner.get('vm_cloudinit'), 'type': 'qcow2',
         'readonly': True},
    ]
    digest = hashlib.sha256(ctx.source.instance.id.encode('utf-8')).digest()
    for index, network in enumerate(params.get('networks') or []):
        network.setdefault('type', 'virtio')
        if not network.get('mac'):
            network['mac'] = '52:54:00:%02x:%02x:%02x' % (digest[0], digest[1], (digest[2] + index) % 256)
    source['params'] = params
    ctx.logger.info("{} gets disks from {}".format(ctx.source.instance.id, ctx.target.instance.id))
    ctx.source.instance.runtime_properties._set_changed()
