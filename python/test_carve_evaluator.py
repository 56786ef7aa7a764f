"""Unit tests of carve_evaluator.py (standard library unittest): python3 -m unittest test_carve_evaluator"""

import io
import json
import unittest

import carve_evaluator
from carve_evaluator import Measurement, RetryableError, serve

OBJECTIVES = [{"name": "accuracy", "direction": "maximize", "unit": "%"}, {"name": "size", "direction": "minimize"}]


def run(requests, **options):
    """Serves the given request messages (or raw lines) from memory; returns the messages written."""
    lines = [request if isinstance(request, str) else json.dumps(request) for request in requests]
    stdin = io.BytesIO(("\n".join(lines) + "\n").encode("utf-8"))
    stdout = io.BytesIO()
    options.setdefault("objectives", OBJECTIVES)
    serve(stdin=stdin, stdout=stdout, **options)
    return [json.loads(line) for line in stdout.getvalue().decode("utf-8").splitlines()]


def request(request_id, *configs):
    return {"id": request_id, "type": "evaluate", "candidates": [{"key": "k%d" % index, "config": config} for index, config in enumerate(configs)]}


class FloatLike(object):
    """Stands for a numpy scalar or a 0-d tensor: not a float, but convertible to one."""

    def __float__(self):
        return 0.5


class HandshakeTest(unittest.TestCase):
    def test_handshake_is_the_first_line_and_names_the_helper(self):
        messages = run([], evaluate=lambda config: {}, device="cuda:0", name="ofa", version="3", max_batch=16)
        self.assertEqual(messages, [{
            "carve": "evaluator", "protocol": 1, "helper": "carve_evaluator.py/" + carve_evaluator.__version__,
            "objectives": [{"name": "accuracy", "direction": "maximize", "unit": "%"}, {"name": "size", "direction": "minimize", "unit": ""}],
            "device": "cuda:0", "max_batch": 16, "name": "ofa", "version": "3",
        }])

    def test_objectives_may_be_tuples(self):
        messages = run([], evaluate=lambda config: {}, objectives=[("top1", "maximize", "%"), ("latency_ms", "minimize")])
        self.assertEqual([objective["name"] for objective in messages[0]["objectives"]], ["top1", "latency_ms"])

    def test_mistakes_are_refused_before_the_handshake(self):
        cases = [
            (dict(evaluate=None), TypeError, "exactly one"),
            (dict(evaluate=len, evaluate_batch=len), TypeError, "exactly one"),
            (dict(evaluate=len, objectives="accuracy"), ValueError, "non-empty list"),
            (dict(evaluate=len, objectives=[{"name": "acc", "direction": "up"}]), ValueError, "direction"),
            (dict(evaluate=len, objectives=[{"name": "2x", "direction": "minimize"}]), ValueError, "identifier"),
            (dict(evaluate=len, objectives=[{"name": "a", "direction": "minimize"}] * 2), ValueError, "twice"),
            (dict(evaluate=len, max_batch=0), ValueError, "max_batch"),
            (dict(evaluate=len, device=""), ValueError, "device"),
        ]
        for options, error, text in cases:
            options.setdefault("objectives", OBJECTIVES)
            with self.assertRaises(error) as caught:
                serve(stdin=io.BytesIO(b""), stdout=io.BytesIO(), **options)
            self.assertIn(text, str(caught.exception))


class EvaluateTest(unittest.TestCase):
    def test_one_line_per_result_with_more_until_the_last(self):
        messages = run([request(4, {"w": 1}, {"w": 2})], evaluate=lambda config: {"accuracy": 70 + config["w"], "size": 2})
        self.assertEqual(messages[1:], [
            {"id": 4, "results": [{"key": "k0", "values": {"accuracy": 71.0, "size": 2.0}}], "more": True},
            {"id": 4, "results": [{"key": "k1", "values": {"accuracy": 72.0, "size": 2.0}}]},
        ])

    def test_exceptions_become_that_config_error(self):
        def evaluate(config):
            if config == 1:
                raise ValueError("bad config")
            if config == 2:
                raise RetryableError("busy")
            if config == 3:
                raise MemoryError()
            return {"accuracy": 1, "size": 1}

        messages = run([request(1, 1, 2, 3, 0)], evaluate=evaluate, retry_on=(MemoryError,))
        self.assertEqual([message["results"][0] for message in messages[1:]], [
            {"key": "k0", "error": "ValueError: bad config", "retryable": False},
            {"key": "k1", "error": "RetryableError: busy", "retryable": True},
            {"key": "k2", "error": "MemoryError", "retryable": True},
            {"key": "k3", "values": {"accuracy": 1.0, "size": 1.0}},
        ])

    def test_returned_values_are_checked(self):
        outcomes = [
            {"accuracy": float("nan"), "size": 1},
            {"accuracy": True, "size": 1},
            {"accuracy": "71", "size": 1},
            {"accuracy": 1},
            {"accuracy": 1, "size": 1, "loss": 2},
            [1, 2],
            {"accuracy": FloatLike(), "size": 3},
        ]
        messages = run([request(2, *range(len(outcomes)))], evaluate=lambda index: outcomes[index])
        results = [message["results"][0] for message in messages[1:]]
        self.assertIn("'accuracy' is nan; only finite numbers", results[0]["error"])
        self.assertIn("'accuracy' is True, not a number", results[1]["error"])
        self.assertIn("'accuracy' is '71', not a number", results[2]["error"])
        self.assertIn("no value for objective 'size'", results[3]["error"])
        self.assertIn("objective 'loss', which is not in objectives", results[4]["error"])
        self.assertIn("evaluate returned list", results[5]["error"])
        self.assertEqual(results[6], {"key": "k6", "values": {"accuracy": 0.5, "size": 3.0}})
        self.assertTrue(all(result.get("retryable") is False for result in results[:6]))

    def test_measurement_meta_is_sent_when_it_is_plain_json(self):
        outcomes = [Measurement({"accuracy": 1, "size": 2}, meta={"loss": 0.3}), Measurement({"accuracy": 1, "size": 2}, meta={"bad": object()})]
        messages = run([request(3, 0, 1)], evaluate=lambda index: outcomes[index])
        self.assertEqual(messages[1]["results"][0]["meta"], {"loss": 0.3})
        self.assertNotIn("meta", messages[2]["results"][0])

    def test_bad_requests_get_a_request_error_and_serving_goes_on(self):
        messages = run([
            "not json",
            {"id": 1, "type": "shutdown"},
            {"id": 2, "candidates": "nope"},
            {"id": 3, "type": "evaluate", "candidates": []},
            request(4, 0),
        ], evaluate=lambda config: {"accuracy": 1, "size": 1})
        self.assertEqual(messages[1]["id"], 1)
        self.assertIn("unknown request type 'shutdown'", messages[1]["error"])
        self.assertIn('"candidates"', messages[2]["error"])
        self.assertEqual(messages[3], {"id": 3, "results": []})
        self.assertEqual(messages[4]["results"][0]["key"], "k0")


class BatchTest(unittest.TestCase):
    def test_batch_results_exceptions_and_mismatches(self):
        def evaluate_batch(configs):
            if configs == ["boom"]:
                raise RuntimeError("whole batch failed")
            if configs == ["short", "short"]:
                return [{"accuracy": 1, "size": 1}]
            return [ValueError("item") if config == 1 else {"accuracy": config, "size": 1} for config in configs]

        messages = run([request(1, 0, 1), request(2, "boom"), request(3, "short", "short")], evaluate_batch=evaluate_batch)
        self.assertEqual(messages[1], {"id": 1, "results": [{"key": "k0", "values": {"accuracy": 0.0, "size": 1.0}}], "more": True})
        self.assertEqual(messages[2]["results"][0], {"key": "k1", "error": "ValueError: item", "retryable": False})
        self.assertEqual(messages[3]["results"][0]["error"], "RuntimeError: whole batch failed")
        self.assertIn("returned 1 results for 2 configs", messages[4]["results"][0]["error"])


if __name__ == "__main__":
    unittest.main()
