# create of the disk holder (the shape of the plugin examples' disk_prepere.py): keeps the
# seed volume's path, given as an input, in a runtime property for the domain's relationship.
from cloudify import ctx
from cloudify.state import ctx_parameters as inputs

if __name__ == '__main__':
    for key_name in ['seed_path', 'seed_format']:
        if key_name in inputs:
            ctx.instance.runtime_properties[key_name] = inputs[key_name]
    ctx.logger.info('seed at {0}'.format(inputs.get('seed_path')))
