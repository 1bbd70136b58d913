/// A `cloudify` python package, so scripts written for Cloudify's script plugin run unchanged:
/// `from cloudify import ctx`, `from cloudify.state import ctx_parameters as inputs`,
/// `from cloudify import exceptions`. It reads the context file and appends to the changes file,
/// as the `ctx` command does (see docs/scripts.md for the whole API). Runtime properties are
/// recorded when set or deleted, and values changed in place on `update()`, `_set_changed()` and
/// when the script exits. An uncaught exception is recorded with its type, the script's file and
/// line, and what Cloudify would do with it (fail at once, or retry), before Python prints it.
enum PythonShim {
    /// File name (inside the `cloudify` package folder) and content.
    static let files: [(name: String, content: String)] = [
        ("__init__.py", initModule),
        ("state.py", stateModule),
        ("workflows.py", workflowsModule),
        ("exceptions.py", exceptionsModule),
    ]

    private static let initModule = #"""
        """bluevirt's stand-in for Cloudify's ctx in scripts (see docs/scripts.md)."""
        import atexit
        import json
        import os
        import shutil
        import subprocess
        import sys
        import tempfile
        import traceback

        from cloudify import exceptions as _exceptions

        with open(os.environ["BLUEVIRT_CONTEXT"]) as _file:
            _context = json.load(_file)

        _PACKAGE = os.path.dirname(os.path.abspath(__file__))


        def _record(change):
            with open(os.environ["BLUEVIRT_CTX_CHANGES"], "a") as changes:
                changes.write(json.dumps(change, sort_keys=True) + "\n")


        def _json_text(key, value):
            try:
                return json.dumps(value, sort_keys=True)
            except (TypeError, ValueError) as error:
                raise _exceptions.NonRecoverableError(
                    "runtime property '%s' cannot be stored: %s (runtime properties hold JSON values: text, "
                    "numbers, booleans, None, lists and dicts)" % (key, error))


        def _write_to_output(change):
            """Writes a log line into the script's output pipe, so it keeps its place among what the
            script printed (LoggerPipe in bluevirt); False when stdout and stderr are not that pipe."""
            pipe = os.environ.get("BLUEVIRT_OUTPUT_PIPE")
            record = ("\x01bluevirt-ctx-log\x02" + json.dumps(change, sort_keys=True) + "\n").encode("utf-8")
            if not pipe or len(record) > 4096:
                return False
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except Exception:
                    pass
            for descriptor in (1, 2):
                try:
                    status = os.fstat(descriptor)
                except OSError:
                    continue
                if "%d:%d" % (status.st_dev, status.st_ino) == pipe:
                    return os.write(descriptor, record) == len(record)
            return False


        class _Logger(object):
            def _log(self, level, message, *args, **kwargs):
                text = str(message) % args if args else str(message)
                if not _write_to_output({"log": level, "message": text}):
                    _record({"log": level, "message": text})

            def debug(self, message, *args, **kwargs): self._log("debug", message, *args)
            def info(self, message, *args, **kwargs): self._log("info", message, *args)
            def warning(self, message, *args, **kwargs): self._log("warning", message, *args)
            warn = warning
            def error(self, message, *args, **kwargs): self._log("error", message, *args)
            critical = error
            exception = error


        class _RuntimeProperties(dict):
            """A dict whose changes are recorded: a key set or deleted at once, values changed in place
            (a nested list appended to) on update(), _set_changed() and when the script exits. `owner` is
            None for the step's own instance, "target" for a relationship's target."""

            def __init__(self, values, owner=None):
                dict.__init__(self, values)
                self._owner = owner
                self._recorded = {key: json.dumps(value, sort_keys=True) for key, value in values.items()}
                self._dirty = False

            def _change(self, change):
                if self._owner:
                    change["of"] = self._owner
                _record(change)

            def _write(self, key):
                text = _json_text(key, self[key])
                if self._recorded.get(key) != text:
                    self._recorded[key] = text
                    self._change({"set": key, "value": self[key]})

            def _removed(self, key):
                if self._recorded.pop(key, None) is not None:
                    self._change({"remove": key})

            def __setitem__(self, key, value):
                _json_text(key, value)
                dict.__setitem__(self, key, value)
                self._dirty = True
                self._write(key)

            def __delitem__(self, key):
                dict.__delitem__(self, key)
                self._dirty = True
                self._removed(key)

            def update(self, *args, **kwargs):
                dict.update(self, *args, **kwargs)
                self._dirty = True
                self.flush()

            def setdefault(self, key, default=None):
                value = dict.setdefault(self, key, default)
                self._dirty = True
                self._write(key)
                return value

            def pop(self, key, *default):
                present = key in self
                value = dict.pop(self, key, *default)
                if present:
                    self._dirty = True
                    self._removed(key)
                return value

            def popitem(self):
                key, value = dict.popitem(self)
                self._dirty = True
                self._removed(key)
                return key, value

            def clear(self):
                for key in list(self.keys()):
                    del self[key]

            def _set_changed(self):
                """Cloudify's way to say a value was changed in place; it is recorded now."""
                self._dirty = True
                self.flush()

            @property
            def dirty(self):
                return self._dirty

            def flush(self):
                for key in list(self.keys()):
                    self._write(key)


        class _ReadOnlyRuntimeProperties(dict):
            """Runtime properties of an instance this operation cannot record (ctx.instance.relationships targets)."""

            def __init__(self, values, instance_id):
                dict.__init__(self, values)
                self._instance_id = instance_id

            def _refuse(self, *args, **kwargs):
                raise _exceptions.NonRecoverableError(
                    "the runtime properties of '%s' are read only here: bluevirt records, in a node's operation, only "
                    "the runtime properties of its own instance; set them from an operation of '%s' itself"
                    % (self._instance_id, self._instance_id))

            __setitem__ = __delitem__ = setdefault = pop = popitem = clear = update = _set_changed = _refuse

            dirty = False

            def flush(self):
                pass


        class _Node(object):
            def __init__(self, fields):
                self.id = fields["id"]
                self.name = fields["name"]
                self.type = fields["type"]
                self.type_hierarchy = fields.get("type_hierarchy") or [fields["type"]]
                self.properties = fields["properties"]


        class _Instance(object):
            def __init__(self, fields, runtime_properties, relationships=()):
                self.id = fields["id"]
                # The hosting compute instance's address (Cloudify's host_ip); None without one.
                self.host_ip = fields.get("host_ip")
                self.runtime_properties = runtime_properties
                self.relationships = list(relationships)

            def update(self, *args, **kwargs):
                self.runtime_properties.flush()

            def refresh(self, *args, **kwargs):
                pass


        class _RelationshipEnd(object):
            def __init__(self, fields, runtime_properties):
                self.node = _Node(fields["node"])
                self.instance = _Instance(fields["instance"], runtime_properties)


        class _Relationship(object):
            """One of ctx.instance.relationships: its type and its target."""

            def __init__(self, fields):
                self.type = fields["type"]
                self.type_hierarchy = fields.get("type_hierarchy") or [fields["type"]]
                target = fields["target"]
                self.target = _RelationshipEnd(target, _ReadOnlyRuntimeProperties(
                    target["instance"]["runtime_properties"], target["instance"]["id"]))


        class _Named(object):
            def __init__(self, **fields):
                self.__dict__.update(fields)


        class _Operation(object):
            def __init__(self, fields):
                self.name = fields["name"]
                self.retry_number = fields.get("retry_number", 0)
                self.max_retries = fields.get("max_retries", 0)

            def retry(self, message=None, retry_after=None):
                """Asks for the operation to run again (as Cloudify's ctx.operation.retry), once the script ends."""
                _record({"retry": "" if message is None else str(message), "retry_after": retry_after})
                return _exceptions.OperationRetry(message or "", retry_after=retry_after)


        def _blueprint_file(resource_path):
            """The resource's absolute path, by the rule of every file a blueprint names (inside its folder)."""
            result = subprocess.run(["ctx", "resource-path", resource_path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    universal_newlines=True)
            if result.returncode != 0:
                raise _exceptions.NonRecoverableError(result.stderr.strip())
            return result.stdout.rstrip("\n")


        def _render(text, template_variables):
            try:
                import jinja2
            except ImportError:
                raise _exceptions.NonRecoverableError(
                    "rendering a resource needs python's jinja2 module, as in Cloudify: apt-get install python3-jinja2 "
                    "(or pip install jinja2)")
            # As Cloudify: ctx is always there, and no variable may take its name.
            variables = dict(template_variables) if template_variables else {}
            if "ctx" in variables:
                raise _exceptions.NonRecoverableError("Key not allowed - a key named ctx is in template_variables")
            variables["ctx"] = ctx
            return jinja2.Template(text).render(**variables)


        _relationship = _context.get("relationship")
        # The runtime properties this operation records: its instance's, the source's in a relationship.
        _own = _RuntimeProperties((_relationship["source"] if _relationship else _context)["instance"]["runtime_properties"])
        _target = _RuntimeProperties(_relationship["target"]["instance"]["runtime_properties"], "target") if _relationship else None


        class _Context(object):
            logger = _Logger()
            deployment = _Named(id=_context["deployment"]["id"])
            blueprint = _Named(id=_context["blueprint"].get("id", ""))
            operation = _Operation(_context["operation"])
            workflow_id = _context.get("workflow", {}).get("id", "install")
            type = "relationship-instance" if _relationship else "node-instance"
            # A manager's tenant; without one, the name Cloudify gives its default tenant
            # (scripts log it or build names with it).
            tenant_name = "default_tenant"
            # The execution's number as `bluevirt history` shows it, and the task Cloudify runs
            # scripts with.
            execution_id = _context.get("execution_id")
            task_name = _context.get("task_name", "script_runner.tasks.run")

            def __init__(self):
                if _relationship:
                    self._source = _RelationshipEnd(_relationship["source"], _own)
                    self._target = _RelationshipEnd(_relationship["target"], _target)
                else:
                    self._node = _Node(_context["node"])
                    relationships = [_Relationship(fields) for fields in _context["instance"].get("relationships", [])]
                    self._instance = _Instance(_context["instance"], _own, relationships)

            def _only(self, relationship, name):
                if bool(_relationship) != relationship:
                    if relationship:
                        raise _exceptions.NonRecoverableError(
                            "ctx.%s exists only in an operation of a relationship; use ctx.node and ctx.instance" % name)
                    raise _exceptions.NonRecoverableError(
                        "ctx.%s is not available in a relationship's operation (as in Cloudify); use ctx.source and ctx.target" % name)
                return getattr(self, "_" + name)

            node = property(lambda self: self._only(False, "node"))
            instance = property(lambda self: self._only(False, "instance"))
            source = property(lambda self: self._only(True, "source"))
            target = property(lambda self: self._only(True, "target"))

            def download_resource(self, resource_path, target_path=None):
                """Copies a file of the blueprint's folder to `target_path` (a new temporary file without it); returns the copy's path."""
                source = _blueprint_file(resource_path)
                if target_path is None:
                    handle, target_path = tempfile.mkstemp(suffix="-" + os.path.basename(resource_path))
                    os.close(handle)
                shutil.copyfile(source, target_path)
                return target_path

            def get_resource(self, resource_path):
                """The content of a file of the blueprint's folder, as bytes (as Cloudify's under Python 3)."""
                with open(_blueprint_file(resource_path), "rb") as resource:
                    return resource.read()

            def get_resource_and_render(self, resource_path, template_variables=None):
                return _render(self.get_resource(resource_path).decode("utf-8"), template_variables).encode("utf-8")

            def download_resource_and_render(self, resource_path, target_path=None, template_variables=None):
                text = _render(self.get_resource(resource_path).decode("utf-8"), template_variables)
                if target_path is None:
                    handle, target_path = tempfile.mkstemp(suffix="-" + os.path.basename(resource_path))
                    os.close(handle)
                with open(target_path, "w") as rendered:
                    rendered.write(text)
                return target_path


        ctx = _Context()


        def _flush():
            _own.flush()
            if _target is not None:
                _target.flush()


        def _report(kind, value, trace):
            """Records an uncaught exception (type, message, the script's line, Cloudify's verdict), then prints it."""
            frames = [frame for frame in traceback.extract_tb(trace) if not frame.filename.startswith(_PACKAGE)]
            where = frames[-1] if frames else None
            if isinstance(value, _exceptions.NonRecoverableError):
                verdict = "non-recoverable"
            elif isinstance(value, _exceptions.OperationRetry):
                verdict = "retry"
            else:
                verdict = "recoverable"
            retry_after = getattr(value, "retry_after", None)
            try:
                _record({"exception": kind.__name__, "message": str(value), "verdict": verdict,
                         "retry_after": retry_after if isinstance(retry_after, (int, float)) else None,
                         "file": where.filename if where else None, "line": where.lineno if where else None})
            finally:
                _previous_hook(kind, value, trace)


        _previous_hook = sys.excepthook
        sys.excepthook = _report
        atexit.register(_flush)
        """#

    /// Cloudify's workflow context is not there: a clear error instead of "No module named".
    private static let workflowsModule = #"""
        raise ImportError(
            "cloudify.workflows (Cloudify's workflow context: ctx.nodes, graphs, execute_operation on instances) is not "
            "part of bluevirt; a workflow script runs with the operation ctx (from cloudify import ctx: ctx.deployment.id, "
            "ctx.workflow_id; its parameters from cloudify.state import ctx_parameters), see docs/workflows.md")
        """#

    private static let stateModule = #"""
        from cloudify import ctx, _context


        class _Parameters(dict):
            """The operation's inputs: a dict whose keys read as attributes too (inputs.port), None when absent, as in Cloudify."""

            def __getattr__(self, name):
                return self.get(name)


        ctx_parameters = _Parameters(_context["inputs"])
        """#

    private static let exceptionsModule = #"""
        """Cloudify's exception classes, with the meaning its workflows give them (see docs/scripts.md)."""


        class NonRecoverableError(Exception):
            """The operation fails at once, without retries."""

            def __init__(self, *args, **kwargs):
                self.causes = kwargs.pop("causes", None) or []
                Exception.__init__(self, *args)


        class RecoverableError(Exception):
            """The operation is retried (within its max_retries), after retry_after seconds when given."""

            def __init__(self, message="", retry_after=None, causes=None, **kwargs):
                Exception.__init__(self, message)
                self.retry_after = retry_after
                self.causes = causes or []


        class OperationRetry(RecoverableError):
            """What ctx.operation.retry() raises: run the operation again."""


        class HttpException(NonRecoverableError):
            def __init__(self, url="", code=None, message="", *args, **kwargs):
                NonRecoverableError.__init__(self, "%s %s: %s" % (code, url, message))
                self.url = url
                self.code = code
                self.message = message


        class CommandExecutionException(Exception):
            def __init__(self, command="", error="", output="", code=None):
                Exception.__init__(self, "command %s failed with code %s: %s" % (command, code, error))
                self.command = command
                self.error = error
                self.output = output
                self.code = code


        CommandExecutionError = CommandExecutionException


        class ProcessExecutionError(RuntimeError):
            def __init__(self, message="", error_type=None, traceback=None, causes=None, **kwargs):
                RuntimeError.__init__(self, message)
                self.error_type = error_type
                self.traceback = traceback
                self.causes = causes or []


        class TimeoutException(Exception):
            pass
        """#
}
