"""Trains the fashion-ofa super-network on Fashion-MNIST with the sandwich rule and in-place distillation.

Reads Fashion-MNIST from the Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist), or from
$FASHION_MNIST_DIR or --data-dir. Writes, into --out-dir: fashion-ofa.safetensors (the shared weights every
sub-network is cut from) and training-summary.json (settings, timing and accuracies, on the held-out set of the
first --heldout test images, which the evaluators read from the same files). Run with Debian's python3:

    /usr/bin/python3 supernets/fashion-ofa/train.py --full-epochs 3 --epochs 3 --seed 0 --out-dir supernets/fashion-ofa
"""

import argparse
import json
import math
import os
import random
import sys
import time

# With more runnable threads than cores (a shared machine), spinning OpenMP workers waste half the CPU.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.dont_write_bytecode = True  # keep the shipped folder free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fashion_ofa as arch  # noqa: E402


class FashionOfaSupernet(nn.Module):
    """Holds the largest network's parameters; every sub-network uses a prefix of them."""

    def __init__(self):
        super().__init__()
        self.params = nn.ParameterDict()
        self._add_conv("stem.conv.weight", arch.STEM_CHANNELS, 1, 3)
        self._add_norm("stem.norm", arch.STEM_CHANNELS)
        for stage_index in range(len(arch.STAGES)):
            for block_index in range(arch.MAX_DEPTH):
                in_channels, out_channels, _ = arch.block_io(stage_index, block_index)
                hidden = arch.max_hidden(stage_index, block_index)
                prefix = arch.block_prefix(stage_index, block_index)
                self._add_conv(f"{prefix}.expand.weight", hidden, in_channels, 1)
                self._add_norm(f"{prefix}.expand_norm", hidden)
                self._add_conv(f"{prefix}.depthwise.k5.weight", hidden, 1, 5)
                # OFA-style kernel transform: the 3x3 kernel is a learned linear map of the 5x5 kernel's centre,
                # so the small kernel need not be a plain crop of the large one.
                self._set(f"{prefix}.depthwise.k3_transform", torch.eye(9))
                self._add_norm(f"{prefix}.depthwise_norm", hidden)
                self._add_conv(f"{prefix}.project.weight", out_channels, hidden, 1)
                # Residual branches start near zero so that deep sub-networks begin as shallow ones.
                self._add_norm(f"{prefix}.project_norm", out_channels, gamma=0.0 if block_index > 0 else 1.0)
        self._add_conv("head.conv.weight", arch.HEAD_CHANNELS, arch.STAGES[-1][0], 1)
        self._add_norm("head.norm", arch.HEAD_CHANNELS)
        classifier = torch.empty(arch.NUM_CLASSES, arch.HEAD_CHANNELS)
        nn.init.normal_(classifier, std=0.01)
        self._set("classifier.weight", classifier)
        self._set("classifier.bias", torch.zeros(arch.NUM_CLASSES))

    def _set(self, name, tensor):
        self.params[name.replace(".", "__")] = nn.Parameter(tensor)

    def _add_conv(self, name, out_channels, in_per_group, kernel):
        weight = torch.empty(out_channels, in_per_group, kernel, kernel)
        nn.init.kaiming_normal_(weight, mode="fan_out", nonlinearity="relu")
        self._set(name, weight)

    def _add_norm(self, prefix, channels, gamma=1.0):
        self._set(f"{prefix}.weight", torch.full((channels,), gamma))
        self._set(f"{prefix}.bias", torch.zeros(channels))

    def tensor_dict(self):
        """The tensors of the exported file, still attached to the autograd graph."""
        tensors = {}
        for key, value in self.params.items():
            name = key.replace("__", ".")
            if name.endswith(".k3_transform"):
                continue
            tensors[name] = value
        for stage_index in range(len(arch.STAGES)):
            for block_index in range(arch.MAX_DEPTH):
                prefix = arch.block_prefix(stage_index, block_index)
                large = tensors[f"{prefix}.depthwise.k5.weight"]
                transform = self.params[f"{prefix}.depthwise.k3_transform".replace(".", "__")]
                centre = large[:, :, 1:4, 1:4].reshape(-1, 9)
                tensors[f"{prefix}.depthwise.k3.weight"] = F.linear(centre, transform).reshape(-1, 1, 3, 3)
        return tensors

    def forward(self, images, config):
        return arch.forward_exported(self.tensor_dict(), config, images)


def export_order(tensors):
    """Stable tensor order for the file: the network's order, k5 before k3 within a block."""
    names = ["stem.conv.weight", "stem.norm.weight", "stem.norm.bias"]
    for stage_index in range(len(arch.STAGES)):
        for block_index in range(arch.MAX_DEPTH):
            prefix = arch.block_prefix(stage_index, block_index)
            names += [f"{prefix}.{part}" for part in (
                "expand.weight", "expand_norm.weight", "expand_norm.bias", "depthwise.k5.weight",
                "depthwise.k3.weight", "depthwise_norm.weight", "depthwise_norm.bias", "project.weight",
                "project_norm.weight", "project_norm.bias")]
    names += ["head.conv.weight", "head.norm.weight", "head.norm.bias", "classifier.weight", "classifier.bias"]
    assert sorted(names) == sorted(tensors.keys())
    return names


def augment(images, generator):
    """Random horizontal flip and a random shift of up to 2 pixels (zero fill), per image."""
    count = images.shape[0]
    flip = torch.rand(count, generator=generator) < 0.5
    images = torch.where(flip[:, None, None, None], images.flip(3), images)
    padded = F.pad(images, (2, 2, 2, 2))
    shift_y = torch.randint(0, 5, (count,), generator=generator)
    shift_x = torch.randint(0, 5, (count,), generator=generator)
    base = torch.arange(arch.IMAGE_SIZE)
    rows = (shift_y[:, None] + base[None, :])[:, None, :, None].expand(count, 1, arch.IMAGE_SIZE, arch.IMAGE_SIZE + 4)
    padded = padded.gather(2, rows)
    cols = (shift_x[:, None] + base[None, :])[:, None, None, :].expand(count, 1, arch.IMAGE_SIZE, arch.IMAGE_SIZE)
    return padded.gather(3, cols)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", default=arch.fashion_mnist_dir(),
                        help=f"Fashion-MNIST folder (default ${arch.FASHION_MNIST_DIR_ENV}, else {arch.DEFAULT_FASHION_MNIST_DIR})")
    parser.add_argument("--out-dir", default=os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--epochs", type=float, default=3.0, help="epochs of sandwich-rule training")
    parser.add_argument("--full-epochs", type=float, default=3.0,
                        help="epochs that train only the largest network first (a good teacher for distillation)")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--warmup-steps", type=int, default=200)
    parser.add_argument("--max-steps", type=int, default=None, help="stop early (for quick checks); the schedule is unchanged")
    parser.add_argument("--weight-decay", type=float, default=5e-5)
    parser.add_argument("--random-subnets", type=int, default=2, help="random sub-networks per step besides the two ends")
    parser.add_argument("--heldout", type=int, default=arch.HELD_OUT_COUNT,
                        help="first N test images scored as the held-out set (the evaluators use the first 2,000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    config_rng = random.Random(args.seed)
    augment_rng = torch.Generator().manual_seed(args.seed + 1)
    order_rng = torch.Generator().manual_seed(args.seed + 2)

    try:
        train_images, train_labels = arch.read_fashion_mnist(args.data_dir, "train")
        test_images, test_labels = arch.read_fashion_mnist(args.data_dir, "t10k")
    except (OSError, ValueError) as error:
        sys.exit(f"train.py: {error}")
    os.makedirs(args.out_dir, exist_ok=True)

    train_x = arch.images_to_tensor(train_images)
    train_y = torch.from_numpy(train_labels.astype(np.int64))
    test_x = arch.images_to_tensor(test_images)
    test_y = torch.from_numpy(test_labels.astype(np.int64))
    heldout_x, heldout_y = test_x[:args.heldout], test_y[:args.heldout]

    model = FashionOfaSupernet()
    decayed = [p for k, p in model.params.items() if k.endswith("weight") and p.dim() == 4 or k == "classifier__weight"]
    others = [p for k, p in model.params.items() if not (k.endswith("weight") and p.dim() == 4 or k == "classifier__weight")]
    groups = [{"params": decayed, "weight_decay": args.weight_decay}, {"params": others, "weight_decay": 0.0}]
    optimizer = torch.optim.SGD(groups, lr=args.lr, momentum=0.9, nesterov=True)
    steps_per_epoch = train_x.shape[0] // args.batch_size
    full_steps = int(round(args.full_epochs * steps_per_epoch))
    total_steps = full_steps + int(round(args.epochs * steps_per_epoch))
    warmup_steps = min(args.warmup_steps, total_steps // 10)
    last_step = total_steps if args.max_steps is None else min(total_steps, args.max_steps)

    def learning_rate(step):
        if step < warmup_steps:
            return args.lr * (step + 1) / warmup_steps
        progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
        return 0.5 * args.lr * (1.0 + math.cos(math.pi * progress))

    def evaluate(config, images, labels):
        model.eval()
        with torch.no_grad():
            tensors = {name: value.detach() for name, value in model.tensor_dict().items()}
        result = arch.accuracy_percent(tensors, config, images, labels)
        model.train()
        return result

    print(f"training {total_steps} steps ({full_steps} of the largest network alone, then the sandwich rule; "
          f"{steps_per_epoch} steps per epoch), seed {args.seed}", flush=True)
    started = time.time()
    step = 0
    history = []
    while step < last_step:
        permutation = torch.randperm(train_x.shape[0], generator=order_rng)
        for batch_start in range(0, steps_per_epoch * args.batch_size, args.batch_size):
            if step >= last_step:
                break
            index = permutation[batch_start:batch_start + args.batch_size]
            images = augment(train_x[index], augment_rng).contiguous(memory_format=torch.channels_last)
            labels = train_y[index]
            for group in optimizer.param_groups:
                group["lr"] = learning_rate(step)
            optimizer.zero_grad(set_to_none=True)
            logits = model(images, arch.largest_config())
            loss = F.cross_entropy(logits, labels, label_smoothing=0.1)
            loss.backward()
            teacher = F.softmax(logits.detach(), dim=1)
            children = []
            if step >= full_steps:
                children = [arch.smallest_config()] + [arch.random_config(config_rng) for _ in range(args.random_subnets)]
            for config in children:
                student = F.log_softmax(model(images, config), dim=1)
                # In-place distillation: the largest network's current predictions are the children's targets.
                (-(teacher * student).sum(dim=1).mean()).backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            step += 1
            if step % 25 == 0:
                print(f"step {step}/{total_steps} loss {loss.item():.4f} lr {learning_rate(step):.4f} "
                      f"elapsed {time.time() - started:.0f}s", flush=True)
            if step % steps_per_epoch == 0 or step == last_step:
                largest = evaluate(arch.largest_config(), heldout_x, heldout_y)
                smallest = evaluate(arch.smallest_config(), heldout_x, heldout_y)
                history.append({"step": step, "elapsed_s": round(time.time() - started, 1),
                                "heldout_largest": largest, "heldout_smallest": smallest})
                print(f"== step {step}: held-out largest {largest:.2f}% smallest {smallest:.2f}%", flush=True)
    training_seconds = time.time() - started

    with torch.no_grad():
        tensors = {name: value.detach().clone() for name, value in model.tensor_dict().items()}
    names = export_order(tensors)
    weights_path = os.path.join(args.out_dir, "fashion-ofa.safetensors")
    arch.save_tensors(weights_path, {name: tensors[name].numpy() for name in names},
                      {"format": "fashion-ofa/1", "seed": str(args.seed), "full_epochs": str(args.full_epochs),
                       "epochs": str(args.epochs)})

    # Score from the written file, exactly as the evaluators will.
    loaded, _ = arch.load_tensors(weights_path)
    sample_rng = random.Random(1234)
    samples = [("largest", arch.largest_config()), ("smallest", arch.smallest_config())]
    samples += [(f"random-{i}", arch.random_config(sample_rng)) for i in range(8)]
    scored = []
    for label, config in samples:
        scored.append({"name": label, "config": config,
                       "heldout_accuracy": arch.accuracy_percent(loaded, config, heldout_x, heldout_y),
                       "test_accuracy": arch.accuracy_percent(loaded, config, test_x, test_y)})
        print(f"{label}: held-out {scored[-1]['heldout_accuracy']:.2f}% full test {scored[-1]['test_accuracy']:.2f}%", flush=True)
    summary = {"args": vars(args), "torch": torch.__version__, "training_seconds": round(training_seconds, 1),
               "steps": total_steps, "history": history, "subnets": scored,
               "weights_bytes": os.path.getsize(weights_path)}
    with open(os.path.join(args.out_dir, "training-summary.json"), "w") as handle:
        json.dump(summary, handle, indent=2)
        handle.write("\n")
    print(f"done in {training_seconds:.0f}s", flush=True)


if __name__ == "__main__":
    main()
