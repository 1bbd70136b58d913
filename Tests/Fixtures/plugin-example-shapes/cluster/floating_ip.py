# Stand-in for the cluster examples' floating_ip.py (run over ssh by fabric run_script): records
# the external address it would forward to the machine's internal one.
from cloudify import ctx
from cloudify.state import ctx_parameters as inputs

if __name__ == '__main__':
    ctx.instance.runtime_properties['external_ip'] = inputs['EXTERNAL_IP'].split(',')[0]
    ctx.instance.runtime_properties['internal_ip'] = inputs['INTERNAL_IP']
