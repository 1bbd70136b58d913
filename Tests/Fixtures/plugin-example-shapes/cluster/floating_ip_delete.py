# Stand-in for the cluster examples' floating_ip_delete.py (fabric run_script over ssh).
from cloudify import ctx

if __name__ == '__main__':
    ctx.instance.runtime_properties.pop('external_ip', None)
