"""Misbehaving evaluators for carve's tests: `python3 hostile_evaluator.py MODE`.

Each mode breaks the protocol in one way, on configs chosen by a fixed rule, so the tests know which
candidates must fail and why. The toy model: accuracy = 50 + 10 * width + 3 * depth, size = width * depth.
Modes marked (helper) use carve_evaluator.py the way a user would; the others speak the protocol by hand.
"""

import json
import os
import signal
import sys
import time

OBJECTIVES = [
    {"name": "accuracy", "direction": "maximize", "unit": "%"},
    {"name": "size", "direction": "minimize", "unit": "units"},
]


def measure(config):
    width, depth = config["width"], config["depth"]
    return {"accuracy": 50.0 + 10 * width + 3 * depth, "size": float(width * depth)}


def state_path(name):
    return os.path.join(os.environ["CARVE_TEST_STATE"], name)


def bump(name):
    """Increments a counter file shared by every process of one test; returns the new value."""
    path = state_path(name)
    count = int(open(path).read()) + 1 if os.path.exists(path) else 1
    with open(path, "w") as handle:
        handle.write(str(count))
    return count


def write_raw(data):
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def send(message, allow_nan=False):
    write_raw((json.dumps(message, allow_nan=allow_nan) + "\n").encode("utf-8"))


def send_handshake(**extra):
    message = {"carve": "evaluator", "protocol": 1, "objectives": OBJECTIVES, "device": "cpu", "name": "hostile", "version": "1"}
    message.update(extra)
    send(message)


def requests():
    for line in sys.stdin:
        if line.strip():
            yield json.loads(line)


def answer_each(request, compute):
    """One line per candidate, the protocol's streaming form."""
    candidates = request["candidates"]
    for index, candidate in enumerate(candidates):
        result = compute(candidate)
        send({"id": request["id"], "results": [result], "more": index < len(candidates) - 1})


def normal(candidate):
    return {"key": candidate["key"], "values": measure(candidate["config"])}


# --- modes using the helper ---------------------------------------------------------------------------------


def crash_mid_batch():
    from carve_evaluator import serve

    def evaluate(config):
        if config["width"] == 4 and config["depth"] == 1:
            sys.stderr.write("fatal: simulated segmentation fault in the model\n")
            sys.stderr.flush()
            os._exit(7)
        return measure(config)

    serve(evaluate, objectives=OBJECTIVES, device="cpu", name="crashy", version="1")


def helper_features():
    from carve_evaluator import RetryableError, serve

    def evaluate(config):
        print("stray print from user code", config)
        if config["width"] == 1 and config["depth"] == 1:
            os.system("echo from-a-subprocess")
            raise ValueError("width 1 is not supported by this checkpoint")
        if config["width"] == 3 and bump("retry-%d" % config["depth"]) == 1:
            raise RetryableError("CUDA out of memory (simulated)")
        return measure(config)

    serve(evaluate, objectives=OBJECTIVES, device="cpu", name="helper", version="2")


def helper_batch():
    from carve_evaluator import Measurement, serve

    def evaluate_batch(configs):
        outcomes = []
        for config in configs:
            if config["width"] == 2 and config["depth"] == 2:
                outcomes.append(RuntimeError("batch item failed"))
            elif config["width"] == 1:
                outcomes.append(Measurement(measure(config), meta={"batch_size": len(configs)}))
            else:
                outcomes.append(measure(config))
        return outcomes

    serve(evaluate_batch=evaluate_batch, objectives=OBJECTIVES, device="cpu", max_batch=3)


def helper_http():
    from carve_evaluator import serve_http

    def evaluate(config):
        if config["width"] == 2 and config["depth"] == 3:
            raise KeyError("missing layer")
        return measure(config)

    serve_http(evaluate, objectives=OBJECTIVES, device="cpu", name="http-toy", version="3", port=0)


# --- modes speaking the protocol by hand --------------------------------------------------------------------


def hang():
    # A hung evaluation that also ignores SIGTERM: only SIGKILL ends it.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    send_handshake()
    for request in requests():
        def compute(candidate):
            config = candidate["config"]
            if config["width"] == 4 and config["depth"] == 2:
                while True:
                    time.sleep(60)
            return normal(candidate)

        answer_each(request, compute)


def garbage():
    print("Loading weights from /tmp/ofa.pth ...", flush=True)
    print('{"foo": 1}', flush=True)
    print("[1, 2, 3]", flush=True)
    print("42", flush=True)
    print("", flush=True)
    print('{"id": 999, "results": []}', flush=True)
    sys.stderr.write("warming up the model\n")
    send_handshake()
    for request in requests():
        print("progress: starting request %d" % request["id"], flush=True)
        print('{"id": %d, "note": "not an answer"}' % request["id"], flush=True)
        for index, candidate in enumerate(request["candidates"]):
            print("evaluating %s" % candidate["key"], flush=True)
            send({"id": request["id"], "results": [normal(candidate)], "more": index < len(request["candidates"]) - 1})
            print("{broken json", flush=True)


def nan():
    send_handshake()
    for request in requests():
        results = []
        for candidate in request["candidates"]:
            values = measure(candidate["config"])
            width, depth = candidate["config"]["width"], candidate["config"]["depth"]
            if width == 1:
                values["accuracy"] = float("nan")
            elif width == 2:
                values["size"] = float("inf")
            elif width == 3 and depth == 1:
                values["accuracy"] = float("-inf")
            results.append({"key": candidate["key"], "values": values})
        # Python's json writes NaN / Infinity / -Infinity tokens, which strict JSON parsers reject.
        send({"id": request["id"], "results": results}, allow_nan=True)


def wrong_objectives():
    send_handshake()
    for request in requests():
        def compute(candidate):
            config = candidate["config"]
            values = measure(config)
            width, depth = config["width"], config["depth"]
            if width == 1:
                del values["size"]
            elif width == 2:
                values["loss"] = 0.25
            elif width == 3:
                values["accuracy"] = str(values["accuracy"])
            elif depth == 3:
                values["accuracy"] = None
            elif depth == 2:
                return {"key": candidate["key"], "value": values}
            elif depth == 1:
                return {"key": candidate["key"], "error": "CUDA error: device-side assert triggered", "retryable": False}
            return {"key": candidate["key"], "values": values}

        answer_each(request, compute)


def exit_in_handshake():
    write_raw(b'{"carve": "evalu')
    sys.stderr.write("RuntimeError: cannot load checkpoint ofa_w1.pth\n")
    sys.stderr.flush()
    os._exit(3)


def handshake_then_exit():
    send_handshake()
    sys.stderr.write("exiting: the main loop is missing\n")
    sys.stderr.flush()


def flaky_start():
    if bump("starts") > 1:
        sys.stderr.write("CUDA driver not available\n")
        os._exit(3)
    send_handshake()
    for _request in requests():
        sys.stderr.write("device lost\n")
        sys.stderr.flush()
        os._exit(9)


def one_shot():
    # Answers a single request, then exits as if its main loop had a bug: carve restarts it for the next one.
    send_handshake()
    for request in requests():
        answer_each(request, normal)
        return


def slow_start():
    time.sleep(1.5)
    send_handshake()
    for request in requests():
        answer_each(request, normal)


def never_handshakes():
    time.sleep(30)


def wrong_protocol():
    send({"carve": "evaluator", "protocol": 2, "objectives": OBJECTIVES})
    time.sleep(30)


def partial_lines():
    send_handshake()
    write_raw(b"x" * 3000000 + b"\n")  # over the test's line limit: dropped whole
    for request in requests():
        results = []
        for candidate in request["candidates"]:
            result = normal(candidate)
            config = candidate["config"]
            if config["width"] == 1 and config["depth"] == 1:
                result["meta"] = {"blob": "b" * 1000000}
            if config["width"] == 2:
                result["meta"] = {"note": "caf\u00e9 \u20ac \U0001f600"}
            results.append(result)
        line = (json.dumps({"id": request["id"], "results": results}, ensure_ascii=False) + "\n").encode("utf-8")
        # The first 4000 bytes go in 5-byte pieces (splitting multi-byte characters) with pauses, the rest in 64 KiB pieces.
        position = 0
        while position < len(line):
            size = 5 if position < 4000 else 65536
            write_raw(line[position:position + size])
            if position % 400 == 0 and position < 4000:
                time.sleep(0.001)
            position += size
        write_raw(b"trailing garbage written")
        write_raw(b" in two pieces\n")


def out_of_order():
    send_handshake()
    for request in requests():
        results = []
        for candidate in request["candidates"]:
            result = normal(candidate)
            if candidate["config"]["width"] == 2:
                result["key"] = "bogus:" + candidate["key"]
            results.append(result)
        results.reverse()
        answered = [candidate for candidate in request["candidates"] if candidate["config"]["width"] != 2]
        if answered:  # a second result for an answered key: ignored, the first one counts
            results.append({"key": answered[0]["key"], "values": {"accuracy": -1.0, "size": -1.0}})
        results.append({"values": {"accuracy": 1.0, "size": 1.0}})  # no key at all
        send({"id": request["id"], "results": results})


MODES = {
    "crash-mid-batch": crash_mid_batch,
    "helper-features": helper_features,
    "helper-batch": helper_batch,
    "helper-http": helper_http,
    "hang": hang,
    "garbage": garbage,
    "nan": nan,
    "wrong-objectives": wrong_objectives,
    "exit-in-handshake": exit_in_handshake,
    "flaky-start": flaky_start,
    "handshake-then-exit": handshake_then_exit,
    "slow-start": slow_start,
    "one-shot": one_shot,
    "never-handshakes": never_handshakes,
    "wrong-protocol": wrong_protocol,
    "partial-lines": partial_lines,
    "out-of-order": out_of_order,
}

if __name__ == "__main__":
    MODES[sys.argv[1]]()
