# In the shape of the examples' vm_fillip.py: an agent node takes its address from the machine
# it sits on (private) or from the floating IP (public), as its use_public_ip property says.
from cloudify import ctx

if __name__ == '__main__':
    properties = ctx.instance.runtime_properties
    for relationship in ctx.instance.relationships:
        target = relationship.target.instance.runtime_properties
        if target.get('ip'):
            properties['private_ip'] = target['ip']
        if target.get('external_ip'):
            properties['public_ip'] = target['external_ip']
    private_ip = properties.get('private_ip', '')
    if ctx.node.properties.get('use_public_ip'):
        properties['ip'] = properties.get('public_ip', private_ip)
    else:
        properties['ip'] = private_ip
    ctx.logger.info("address: {}".format(properties['ip']))
