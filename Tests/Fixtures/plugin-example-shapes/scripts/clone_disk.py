# In the shape of the examples' copy_disk.py: fills the machine's disk from the base image when
# there is one on this host (on --simulate a base fetched over ssh is only a placeholder text).
import os
import shutil

from cloudify import ctx

if __name__ == '__main__':
    properties = ctx.instance.runtime_properties
    base = ctx.instance.runtime_properties.get('base_image', '')
    if base and os.path.isfile(base):
        shutil.copyfile(base, properties['vm_image'])
    ctx.logger.info("disk ready at {}".format(properties['vm_image']))
