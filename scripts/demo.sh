#!/usr/bin/env bash
# The main job on a fresh clone: a real search on measured NAS-Bench-201 data, then its report.
set -euo pipefail
cd "$(dirname "$0")/.."
storage="sqlite:out/demo.db"
node bin/carve.js search --problem nb201/cifar10/pixel3 --tactic default --evals 300 --seed 0 --study demo --storage "$storage"
node bin/carve.js report --study demo --storage "$storage" --out out/demo
echo "open out/demo/report.html (plots: out/demo/pareto.png, out/demo/hypervolume.png)"
