# In the shape of the examples' disk_prepere.py: names the machine's disk and its seed next to
# the base image and records them; the files are made empty (truncate), never downloaded.
import os

from cloudify import ctx
from cloudify.state import ctx_parameters as inputs

if __name__ == '__main__':
    folder = inputs['image_folder']
    if not os.path.isdir(folder):
        os.makedirs(folder)
    ctx.logger.info("base image: {}".format(inputs.get('disk_image')))
    ctx.instance.runtime_properties['base_image'] = inputs.get('disk_image') or ''
    ctx.logger.info("seed of {} characters".format(len(inputs.get('cloud_init') or '')))
    for key, suffix in (('vm_image', '.qcow2'), ('vm_cloudinit', '_seed.qcow2')):
        path = os.path.join(folder, ctx.instance.id + suffix)
        with open(path, 'a') as stand_in:
            stand_in.truncate(1024 * 1024)
        ctx.instance.runtime_properties[key] = path
