"""Top-1 accuracy of fashion-ofa sub-networks on the held-out Fashion-MNIST images, from the shipped weights.

Three ways to run it (always with Debian's python3, which has torch):

    /usr/bin/python3 supernets/fashion-ofa/evaluate.py --config '{"ks": [...9], "e": [...9], "d": [...3]}'
    echo '[{...}, {...}]' | /usr/bin/python3 supernets/fashion-ofa/evaluate.py --batch   # JSON list out
    /usr/bin/python3 supernets/fashion-ofa/evaluate.py --serve   # carve's evaluator protocol on stdin/stdout

`--serve` is what `carve search --evaluator-cmd '["/usr/bin/python3", "supernets/fashion-ofa/evaluate.py", "--serve"]'`
runs: it provides the objective `accuracy` (maximize, %).

The held-out images are the first 2,000 Fashion-MNIST test images, read from the Debian package
dataset-fashion-mnist (/usr/share/datasets/fashion-mnist), or from the folder $FASHION_MNIST_DIR or --data-dir names.
"""

import argparse
import hashlib
import json
import os
import sys

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
sys.dont_write_bytecode = True  # keep the shipped folder free of __pycache__

import numpy as np  # noqa: E402
import torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fashion_ofa as arch  # noqa: E402

WEIGHTS_FILE = "fashion-ofa.safetensors"
EVALUATOR_VERSION = "1"


class HeldOutEvaluator:
    """Loads the weights and the held-out images once; scores any number of configs."""

    def __init__(self, directory=HERE, threads=2, data_dir=None):
        torch.set_num_threads(threads)
        weights_path = os.path.join(directory, WEIGHTS_FILE)
        self.tensors, self.metadata = arch.load_tensors(weights_path)
        with open(weights_path, "rb") as handle:
            # Measurements are cached under the evaluator's version: retrained weights must not reuse them.
            self.weights_digest = hashlib.sha256(handle.read()).hexdigest()[:12]
        images, labels = arch.load_heldout(data_dir)
        self.images = arch.images_to_tensor(images)
        self.labels = torch.from_numpy(labels.astype(np.int64))

    @property
    def version(self):
        return f"{EVALUATOR_VERSION}+{self.weights_digest}"

    def accuracy(self, config):
        return arch.accuracy_percent(self.tensors, config, self.images, self.labels)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--config", help="one native config as JSON; prints its accuracy")
    mode.add_argument("--batch", action="store_true", help="read a JSON list of configs on stdin, print a JSON list")
    mode.add_argument("--serve", action="store_true", help="speak carve's evaluator protocol on stdin/stdout")
    parser.add_argument("--dir", default=HERE, help="folder with the weights")
    parser.add_argument("--data-dir", default=None,
                        help=f"folder with Fashion-MNIST's t10k-*-ubyte.gz files (default ${arch.FASHION_MNIST_DIR_ENV}, "
                             f"else {arch.DEFAULT_FASHION_MNIST_DIR} from the Debian package {arch.FASHION_MNIST_APT_PACKAGE})")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    try:
        evaluator = HeldOutEvaluator(args.dir, args.threads, args.data_dir)
    except (OSError, ValueError) as error:
        sys.exit(f"evaluate.py: {error}")
    if args.config is not None:
        print(json.dumps({"accuracy": evaluator.accuracy(json.loads(args.config))}))
    elif args.batch:
        configs = json.load(sys.stdin)
        print(json.dumps([evaluator.accuracy(config) for config in configs]))
    else:
        sys.path.insert(0, os.path.join(HERE, "..", "..", "python"))
        from carve_evaluator import serve

        serve(lambda config: {"accuracy": evaluator.accuracy(config)},
              objectives=[{"name": "accuracy", "direction": "maximize", "unit": "%"}],
              device="cpu", name="fashion-ofa-accuracy", version=evaluator.version)


if __name__ == "__main__":
    main()
