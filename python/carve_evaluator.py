"""Serve a Python evaluation function to carve (the carve evaluator protocol, version 1).

Standard library only; Python 3.8 or newer. Save this file next to your evaluator
(``carve evaluator-helper > carve_evaluator.py``) and write::

    from carve_evaluator import serve

    def evaluate(config):
        model.set_active_subnet(**config)
        return {"accuracy": validate(model)}

    serve(evaluate,
          objectives=[{"name": "accuracy", "direction": "maximize", "unit": "%"}],
          device="cuda:0", name="ofa-accuracy", version="1")

then run ``carve search ... --evaluator-cmd '["python3", "my_eval.py"]'``.

``serve`` speaks JSON lines on stdin/stdout: it writes one handshake line, then
answers each request line. While it runs, everything else written to stdout
(``print`` in your code, C libraries, subprocesses) is sent to stderr, which
carve keeps in the study's log. ``serve_http`` serves the same function over
HTTP for ``--evaluator-url``.

An exception raised for one config becomes that config's failure (not retried);
raise ``RetryableError`` for transient problems carve may try again.
"""

import http.server
import json
import math
import os
import sys
import threading
import traceback

__version__ = "1.0.0"
PROTOCOL = 1
HELPER = "carve_evaluator.py/" + __version__

__all__ = ["serve", "serve_http", "handshake", "RetryableError", "Measurement", "PROTOCOL", "__version__"]

_DIRECTIONS = ("minimize", "maximize")


class RetryableError(Exception):
    """A transient failure (out of memory, a busy device): carve may send the config again."""


class Measurement(object):
    """Objective values plus JSON-serialisable metadata kept with the measurement (repeats, loss, timings)."""

    def __init__(self, values, meta=None):
        self.values = values
        self.meta = meta


class _Spec(object):
    """What serve() was given, checked once at start-up so mistakes show before the handshake."""

    def __init__(self, evaluate, evaluate_batch, objectives, device, name, version, max_batch, retry_on):
        if (evaluate is None) == (evaluate_batch is None):
            raise TypeError("pass exactly one of evaluate=function(config) or evaluate_batch=function(configs)")
        if not callable(evaluate if evaluate is not None else evaluate_batch):
            raise TypeError("the evaluation function is not callable")
        self.evaluate = evaluate
        self.evaluate_batch = evaluate_batch
        self.objectives = _check_objectives(objectives)
        self.names = [objective["name"] for objective in self.objectives]
        self.device = _optional_text("device", device)
        self.name = _optional_text("name", name)
        self.version = _optional_text("version", version)
        if max_batch is not None and (not isinstance(max_batch, int) or isinstance(max_batch, bool) or max_batch < 1):
            raise ValueError("max_batch must be a positive integer or None, got %r" % (max_batch,))
        self.max_batch = max_batch
        self.retry_on = tuple(retry_on or ())


def _optional_text(field, value):
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError("%s must be a non-empty string or None, got %r" % (field, value))
    return value


def _check_objectives(objectives):
    if isinstance(objectives, (str, dict)) or not objectives:
        raise ValueError('objectives must be a non-empty list such as [{"name": "accuracy", "direction": "maximize", "unit": "%"}]')
    checked = []
    for item in objectives:
        if isinstance(item, (tuple, list)) and len(item) in (2, 3):
            item = {"name": item[0], "direction": item[1], "unit": item[2] if len(item) == 3 else ""}
        if not isinstance(item, dict):
            raise ValueError("each objective must be a dict with name, direction and unit, got %r" % (item,))
        name = item.get("name")
        direction = item.get("direction")
        unit = item.get("unit", "")
        if not isinstance(name, str) or not name or not (name[0].isalpha() or name[0] == "_") or not all(
            char.isalnum() or char in "_." for char in name
        ):
            raise ValueError("objective name must be an identifier such as accuracy or latency_ms, got %r" % (name,))
        if direction not in _DIRECTIONS:
            raise ValueError("objective %s: direction must be 'minimize' or 'maximize', got %r" % (name, direction))
        if not isinstance(unit, str):
            raise ValueError("objective %s: unit must be a string, got %r" % (name, unit))
        if any(previous["name"] == name for previous in checked):
            raise ValueError("objective %s is listed twice" % name)
        checked.append({"name": name, "direction": direction, "unit": unit})
    return checked


def handshake(spec):
    """The handshake message for a checked _Spec (also the answer to GET /handshake)."""
    message = {"carve": "evaluator", "protocol": PROTOCOL, "objectives": spec.objectives, "helper": HELPER}
    for field, value in (("device", spec.device), ("max_batch", spec.max_batch), ("name", spec.name), ("version", spec.version)):
        if value is not None:
            message[field] = value
    return message


def _error_text(error):
    text = str(error)
    return "%s: %s" % (type(error).__name__, text) if text else type(error).__name__


def _error_result(key, error, spec):
    retryable = isinstance(error, RetryableError) or (bool(spec.retry_on) and isinstance(error, spec.retry_on))
    return {"key": key, "error": _error_text(error), "retryable": retryable}


def _number(value):
    """A finite float from int, float, numpy scalars or 0-d tensors; None for anything else (bool and str included)."""
    if isinstance(value, (bool, str, bytes)) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number


def _result(key, outcome, spec):
    """The protocol result for one config's outcome: a dict of values, a Measurement, or an exception."""
    if isinstance(outcome, BaseException):
        return _error_result(key, outcome, spec)
    meta = None
    if isinstance(outcome, Measurement):
        meta = outcome.meta
        outcome = outcome.values
    if not isinstance(outcome, dict):
        return {"key": key, "error": "evaluate returned %s; return a dict like {%r: value}" % (type(outcome).__name__, spec.names[0]), "retryable": False}
    extra = [name for name in outcome if name not in spec.names]
    if extra:
        return {"key": key, "error": "evaluate returned objective %r, which is not in objectives=%s" % (extra[0], spec.names), "retryable": False}
    values = {}
    for name in spec.names:
        if name not in outcome:
            return {"key": key, "error": "evaluate returned no value for objective %r" % name, "retryable": False}
        number = _number(outcome[name])
        if number is None:
            return {"key": key, "error": "objective %r is %r, not a number" % (name, outcome[name]), "retryable": False}
        if not math.isfinite(number):
            return {"key": key, "error": "objective %r is %r; only finite numbers are accepted" % (name, number), "retryable": False}
        values[name] = number
    result = {"key": key, "values": values}
    if meta is not None:
        try:
            json.dumps(meta, allow_nan=False)
            result["meta"] = meta
        except (TypeError, ValueError) as error:
            sys.stderr.write("carve_evaluator: dropped the meta of %s, which is not plain JSON (%s)\n" % (key, error))
    return result


def _run_one(spec, config):
    try:
        return spec.evaluate(config)
    except Exception as error:  # a failure of user code is that config's failure, never the server's
        traceback.print_exc(file=sys.stderr)
        return error


def _results(spec, candidates):
    """Yields the result of each candidate: one by one with evaluate, all together with evaluate_batch."""
    if spec.evaluate is not None:
        for candidate in candidates:
            yield _result(candidate["key"], _run_one(spec, candidate.get("config")), spec)
        return
    configs = [candidate.get("config") for candidate in candidates]
    try:
        outcomes = list(spec.evaluate_batch(configs))
    except Exception as error:
        traceback.print_exc(file=sys.stderr)
        outcomes = [error] * len(candidates)
    if len(outcomes) != len(candidates):
        mismatch = ValueError("evaluate_batch returned %d results for %d configs" % (len(outcomes), len(candidates)))
        outcomes = [mismatch] * len(candidates)
    for candidate, outcome in zip(candidates, outcomes):
        yield _result(candidate["key"], outcome, spec)


def _check_request(message):
    """The candidates of a request, or an error text."""
    if not isinstance(message, dict) or not isinstance(message.get("id"), int):
        return None, "a request must be a JSON object with an integer id"
    if message.get("type", "evaluate") != "evaluate":
        return None, "unknown request type %r (this helper speaks protocol %d)" % (message.get("type"), PROTOCOL)
    candidates = message.get("candidates")
    if not isinstance(candidates, list) or not all(isinstance(item, dict) and isinstance(item.get("key"), str) for item in candidates):
        return None, 'a request needs "candidates": [{"key": "...", "config": ...}, ...]'
    return candidates, None


def _dumps(message):
    return json.dumps(message, allow_nan=False, separators=(",", ":"))


class _ProtocolOut(object):
    """The real stdout, kept for protocol lines only; file descriptor 1 itself is pointed at stderr."""

    def __init__(self, stream):
        self.lock = threading.Lock()
        if stream is not None:
            self.binary = getattr(stream, "buffer", stream)
            return
        sys.stdout.flush()
        protocol_fd = os.dup(1)
        # From here on, print(), C extensions and subprocesses that write to fd 1 land on stderr.
        os.dup2(2, 1)
        sys.stdout = sys.stderr
        self.binary = os.fdopen(protocol_fd, "wb")

    def send(self, message):
        data = (_dumps(message) + "\n").encode("utf-8")
        with self.lock:
            self.binary.write(data)
            self.binary.flush()


def serve(evaluate=None, *, objectives, evaluate_batch=None, device=None, name=None, version=None, max_batch=None,
          retry_on=(), stdin=None, stdout=None):
    """Answer carve's requests on stdin/stdout until stdin closes.

    evaluate(config) -> {"objective": number, ...} (or a Measurement), called once per config; or
    evaluate_batch(configs) -> list with one dict / Measurement / exception per config.
    objectives: [{"name": ..., "direction": "minimize"|"maximize", "unit": ...}, ...] (every one returned every time).
    device, name, version: the evaluator's identity (carve caches measurements under it: bump version when the
    evaluation changes). max_batch: most configs per request. retry_on: exception classes treated as RetryableError.
    stdin/stdout: streams to use instead of the process's own (tests).
    """
    spec = _Spec(evaluate, evaluate_batch, objectives, device, name, version, max_batch, retry_on)
    out = _ProtocolOut(stdout)
    source = stdin if stdin is not None else sys.stdin
    reader = getattr(source, "buffer", source)
    out.send(handshake(spec))
    try:
        _answer_lines(spec, reader, out)
    except KeyboardInterrupt:
        pass


def _answer_lines(spec, reader, out):
    """Reads request lines until end of input; each is answered with one line per result."""
    while True:
        line = reader.readline()
        if not line:
            return
        if isinstance(line, bytes):
            line = line.decode("utf-8", "replace")
        if not line.strip():
            continue
        try:
            message = json.loads(line)
        except ValueError as error:
            sys.stderr.write("carve_evaluator: ignored an unreadable request line (%s)\n" % error)
            continue
        candidates, problem = _check_request(message)
        request_id = message.get("id") if isinstance(message, dict) else None
        if problem is not None:
            if isinstance(request_id, int):
                out.send({"id": request_id, "error": problem, "retryable": False})
            else:
                sys.stderr.write("carve_evaluator: %s\n" % problem)
            continue
        if not candidates:
            out.send({"id": request_id, "results": []})
            continue
        # One line per result: a crash later in the batch loses only the configs not answered yet.
        results = _results(spec, candidates)
        previous = next(results)
        for result in results:
            out.send({"id": request_id, "results": [previous], "more": True})
            previous = result
        out.send({"id": request_id, "results": [previous]})


def _answer_request(spec, message):
    candidates, problem = _check_request(message)
    request_id = message.get("id") if isinstance(message, dict) else None
    if problem is not None:
        return 400, {"id": request_id, "error": problem, "retryable": False}
    return 200, {"id": request_id, "results": list(_results(spec, candidates))}


def serve_http(evaluate=None, *, objectives, evaluate_batch=None, device=None, name=None, version=None, max_batch=None,
               retry_on=(), host="127.0.0.1", port=8765, ready=None):
    """Serve the same function over HTTP: GET /handshake, POST /evaluate (see serve for the arguments).

    Evaluations run one at a time. port=0 picks a free port; the address is printed to stderr as
    "carve evaluator listening on http://HOST:PORT" and passed to ready(url) when given. Blocks until interrupted.
    """
    spec = _Spec(evaluate, evaluate_batch, objectives, device, name, version, max_batch, retry_on)
    evaluation_lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _reply(self, status, message):
            body = _dumps(message).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path.rstrip("/").endswith("/handshake"):
                self._reply(200, handshake(spec))
            else:
                self._reply(404, {"error": "unknown path %s; use GET /handshake or POST /evaluate" % self.path})

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            if not self.path.rstrip("/").endswith("/evaluate"):
                self._reply(404, {"error": "unknown path %s; use GET /handshake or POST /evaluate" % self.path})
                return
            try:
                message = json.loads(body.decode("utf-8"))
            except ValueError as error:
                self._reply(400, {"error": "the request body is not JSON (%s)" % error, "retryable": False})
                return
            with evaluation_lock:
                status, answer = _answer_request(spec, message)
            self._reply(status, answer)

        def log_message(self, format, *args):
            sys.stderr.write("carve_evaluator: %s\n" % (format % args))

    server = http.server.ThreadingHTTPServer((host, port), Handler)
    url = "http://%s:%d" % (server.server_address[0], server.server_address[1])
    sys.stderr.write("carve evaluator listening on %s\n" % url)
    sys.stderr.flush()
    if ready is not None:
        ready(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    sys.stderr.write(__doc__)
    sys.stderr.write("\ncarve_evaluator %s speaks protocol %d; import it from your evaluator script.\n" % (__version__, PROTOCOL))
