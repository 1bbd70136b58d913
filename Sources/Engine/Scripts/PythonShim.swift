/// A minimal `cloudify` python package, so scripts written for Cloudify's script plugin run
/// with `from cloudify import ctx` and `from cloudify.state import ctx_parameters as inputs`.
/// It reads the context file and appends to the changes file, as the `ctx` command does.
/// Runtime properties are recorded when set, on `ctx.instance.update()`, and (for values changed
/// in place, such as a list appended to) when the script exits. In a relationship's operation
/// `ctx.source` and `ctx.target` take the place of `ctx.node` and `ctx.instance`; the target's
/// runtime properties are read only.
enum PythonShim {
    /// File name (inside the `cloudify` package folder) and content.
    static let files: [(name: String, content: String)] = [
        ("__init__.py", initModule),
        ("state.py", stateModule),
        ("exceptions.py", exceptionsModule),
    ]

    private static let initModule = #"""
        """bluevirt's stand-in for Cloudify's ctx in scripts (see docs/scripts.md)."""
        import atexit
        import json
        import os

        with open(os.environ["BLUEVIRT_CONTEXT"]) as _file:
            _context = json.load(_file)


        def _record(change):
            with open(os.environ["BLUEVIRT_CTX_CHANGES"], "a") as changes:
                changes.write(json.dumps(change, sort_keys=True) + "\n")


        class _Logger(object):
            def _log(self, level, message, *args):
                text = str(message) % args if args else str(message)
                _record({"log": level, "message": text})

            def debug(self, message, *args): self._log("debug", message, *args)
            def info(self, message, *args): self._log("info", message, *args)
            def warning(self, message, *args): self._log("warning", message, *args)
            warn = warning
            def error(self, message, *args): self._log("error", message, *args)
            exception = error


        class _RuntimeProperties(dict):
            """Records each key when set; `flush` records values changed in place."""

            def __init__(self, values):
                dict.__init__(self, values)
                self._recorded = {key: json.dumps(value, sort_keys=True) for key, value in values.items()}

            def __setitem__(self, key, value):
                dict.__setitem__(self, key, value)
                self._write(key)

            def update(self, *args, **kwargs):
                dict.update(self, *args, **kwargs)
                self.flush()

            def setdefault(self, key, default=None):
                value = dict.setdefault(self, key, default)
                self._write(key)
                return value

            def _write(self, key):
                text = json.dumps(self[key], sort_keys=True)
                if self._recorded.get(key) != text:
                    self._recorded[key] = text
                    _record({"set": key, "value": self[key]})

            def flush(self):
                for key in list(self.keys()):
                    self._write(key)


        class _TargetRuntimeProperties(dict):
            """A relationship target's runtime properties: read only (see docs/scripts.md)."""

            def _refuse(self, key):
                from cloudify.exceptions import NonRecoverableError
                raise NonRecoverableError(
                    "cannot set runtime property '%s' of the relationship's target '%s': bluevirt records runtime "
                    "properties only for the instance the operation belongs to, the relationship's source; set the "
                    "target's from one of its own operations (a script of its node)" % (key, self._instance_id))

            def __init__(self, values, instance_id):
                dict.__init__(self, values)
                self._instance_id = instance_id

            def __setitem__(self, key, value): self._refuse(key)
            def __delitem__(self, key): self._refuse(key)
            def setdefault(self, key, default=None): self._refuse(key)
            def pop(self, key, *default): self._refuse(key)
            def popitem(self): self._refuse("")
            def clear(self): self._refuse("")

            def update(self, *args, **kwargs):
                self._refuse(", ".join(sorted(dict(*args, **kwargs))))

            def flush(self):
                pass


        class _Node(object):
            def __init__(self, fields):
                self.id = fields["id"]
                self.name = fields["name"]
                self.type = fields["type"]
                self.properties = fields["properties"]


        class _Instance(object):
            def __init__(self, fields, runtime_properties):
                self.id = fields["id"]
                self.runtime_properties = runtime_properties

            def update(self, *args, **kwargs):
                self.runtime_properties.flush()


        class _RelationshipEnd(object):
            def __init__(self, fields, runtime_properties):
                self.node = _Node(fields["node"])
                self.instance = _Instance(fields["instance"], runtime_properties)


        class _Named(object):
            def __init__(self, **fields):
                self.__dict__.update(fields)


        _relationship = _context.get("relationship")
        # The runtime properties this operation records: its instance's, the source's in a relationship.
        _own = _RuntimeProperties((_relationship["source"] if _relationship else _context)["instance"]["runtime_properties"])


        class _Context(object):
            logger = _Logger()
            deployment = _Named(id=_context["deployment"]["id"])
            operation = _Named(name=_context["operation"]["name"], retry_number=0)
            type = "relationship-instance" if _relationship else "node-instance"

            def __init__(self):
                if _relationship:
                    target = _relationship["target"]
                    self._source = _RelationshipEnd(_relationship["source"], _own)
                    self._target = _RelationshipEnd(target, _TargetRuntimeProperties(
                        target["instance"]["runtime_properties"], target["instance"]["id"]))
                else:
                    self._node = _Node(_context["node"])
                    self._instance = _Instance(_context["instance"], _own)

            def _only(self, relationship, name):
                if bool(_relationship) != relationship:
                    from cloudify.exceptions import NonRecoverableError
                    if relationship:
                        raise NonRecoverableError("ctx.%s exists only in an operation of a relationship; use ctx.node and ctx.instance" % name)
                    raise NonRecoverableError("ctx.%s is not available in a relationship's operation (as in Cloudify); "
                                              "use ctx.source and ctx.target" % name)
                return getattr(self, "_" + name)

            node = property(lambda self: self._only(False, "node"))
            instance = property(lambda self: self._only(False, "instance"))
            source = property(lambda self: self._only(True, "source"))
            target = property(lambda self: self._only(True, "target"))


        ctx = _Context()
        atexit.register(_own.flush)
        """#

    private static let stateModule = #"""
        from cloudify import ctx, _context

        ctx_parameters = _context["inputs"]
        """#

    private static let exceptionsModule = #"""
        class NonRecoverableError(Exception):
            pass


        class RecoverableError(Exception):
            def __init__(self, message="", retry_after=None, *args):
                Exception.__init__(self, message, *args)
                self.retry_after = retry_after


        class OperationRetry(RecoverableError):
            pass


        class HttpException(NonRecoverableError):
            pass
        """#
}
