# In the shape of the examples' vm_check.py: looks at what the machine node recorded, without
# touching the machine (the example runs commands on the host).
from cloudify import ctx

if __name__ == '__main__':
    recorded = sorted(ctx.instance.runtime_properties.keys())
    ctx.logger.info("{} of {} records {}".format(
        ctx.operation.name, ctx.deployment.id, ', '.join(recorded) or 'nothing yet'))
