#!/usr/bin/python3
"""SynFlow (Tanaka et al., 2020) of NAS-Bench-201 networks, computed with PyTorch by back-propagation, to check
carve's closed-form proxy (nb201SignalGain in src/benchmarks/nb201/nb201-features.ts) against the real thing.

  /usr/bin/python3 scripts/nb201-synflow.py [--every 25] [--out synflow.csv]
  node scripts/nb201-proxy-check.mjs synflow.csv

Needs Debian's python3-torch (the system python3, not a pyenv one). Reads the NB201 table from $CARVE_DATA
(default ../shared/datasets). Writes one line per cell: arch_str, ln(SynFlow). About 40 ms per cell on one core.
"""
import argparse
import csv
import math
import os
import sys
import time

import torch
import torch.nn as nn

EDGES = [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)]


class Zero(nn.Module):
    def forward(self, x):
        return x.mul(0.0)


def operation(name, channels):
    if name == 'none':
        return Zero()
    if name == 'skip_connect':
        return nn.Identity()
    if name == 'avg_pool_3x3':
        return nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)
    kernel = {'nor_conv_1x1': 1, 'nor_conv_3x3': 3}[name]
    return nn.Sequential(nn.ReLU(), nn.Conv2d(channels, channels, kernel, padding=kernel // 2, bias=False), nn.BatchNorm2d(channels))


class Cell(nn.Module):
    def __init__(self, ops, channels):
        super().__init__()
        self.ops = nn.ModuleList([operation(name, channels) for name in ops])

    def forward(self, x):
        nodes = [x]
        for target in (1, 2, 3):
            nodes.append(sum(self.ops[edge](nodes[source]) for edge, (source, to) in enumerate(EDGES) if to == target))
        return nodes[3]


class Reduction(nn.Module):
    """NB201's residual block between stages: stride-2 3x3 conv, 3x3 conv, and a pooled 1x1 shortcut."""

    def __init__(self, inputs, outputs):
        super().__init__()
        self.a = nn.Sequential(nn.ReLU(), nn.Conv2d(inputs, outputs, 3, 2, 1, bias=False), nn.BatchNorm2d(outputs))
        self.b = nn.Sequential(nn.ReLU(), nn.Conv2d(outputs, outputs, 3, 1, 1, bias=False), nn.BatchNorm2d(outputs))
        self.shortcut = nn.Sequential(nn.AvgPool2d(2, 2), nn.Conv2d(inputs, outputs, 1, bias=False))

    def forward(self, x):
        return self.b(self.a(x)) + self.shortcut(x)


def network(ops, channels=16, cells=5, classes=10):
    layers = [nn.Conv2d(3, channels, 3, padding=1, bias=False), nn.BatchNorm2d(channels)]
    for stage, width in enumerate([channels, 2 * channels, 4 * channels]):
        if stage > 0:
            layers.append(Reduction(width // 2, width))
        layers += [Cell(ops, width) for _ in range(cells)]
    layers += [nn.BatchNorm2d(4 * channels), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4 * channels, classes)]
    return nn.Sequential(*layers)


def synflow(ops, seed=0):
    """Sum over weights of |w * dR/dw|, R the summed output for an all-ones input with every weight made positive."""
    torch.manual_seed(seed)
    net = network(ops).double().eval()  # batch norm at its initial statistics
    with torch.no_grad():
        for parameter in net.parameters():
            parameter.abs_()
    net(torch.ones(1, 3, 32, 32, dtype=torch.float64)).sum().backward()
    return sum((m.weight * m.weight.grad).abs().sum().item() for m in net.modules() if isinstance(m, (nn.Conv2d, nn.Linear)))


def operations(arch):
    return [token.split('~')[0] for part in arch.split('+') for token in part.strip('|').split('|')]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--every', type=int, default=25, help='score every N-th cell of the table (1 = all 15,625)')
    parser.add_argument('--out', default='-', help="CSV to write ('-' = standard output)")
    args = parser.parse_args()
    if args.every < 1:
        sys.exit('--every must be 1 or more')
    data = os.environ.get('CARVE_DATA', os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'datasets'))
    table = os.path.join(data, 'nb201_hw', 'nb201_acc_latency.csv')
    if not os.path.exists(table):
        sys.exit(f'{table} not found: set CARVE_DATA to the datasets folder')
    torch.set_num_threads(1)
    out = sys.stdout if args.out == '-' else open(args.out, 'w')
    out.write('arch_str,ln_synflow\n')
    start = time.time()
    rows = list(csv.DictReader(open(table)))[:: args.every]
    for row in rows:
        score = synflow(operations(row['arch_str']))
        out.write(f"{row['arch_str']},{math.log(score) if score > 0 else '-inf'}\n")
    print(f'{len(rows)} cells in {time.time() - start:.0f} s', file=sys.stderr)


if __name__ == '__main__':
    main()
