/// A minimal `cloudify` python package, so scripts written for Cloudify's script plugin run
/// with `from cloudify import ctx` and `from cloudify.state import ctx_parameters as inputs`.
/// It reads the context file and appends to the changes file, as the `ctx` command does.
/// Runtime properties are recorded when set, on `ctx.instance.update()`, and (for values changed
/// in place, such as a list appended to) when the script exits.
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


        class _Node(object):
            id = _context["node"]["id"]
            name = _context["node"]["name"]
            type = _context["node"]["type"]
            properties = _context["node"]["properties"]


        class _Instance(object):
            id = _context["instance"]["id"]
            runtime_properties = _RuntimeProperties(_context["instance"]["runtime_properties"])

            def update(self, *args, **kwargs):
                self.runtime_properties.flush()


        class _Named(object):
            def __init__(self, **fields):
                self.__dict__.update(fields)


        class _Context(object):
            logger = _Logger()
            node = _Node()
            instance = _Instance()
            deployment = _Named(id=_context["deployment"]["id"])
            operation = _Named(name=_context["operation"]["name"], retry_number=0)
            type = "node-instance"


        ctx = _Context()
        atexit.register(ctx.instance.update)
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
