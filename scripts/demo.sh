#!/usr/bin/env bash
# The main job on a fresh clone: a real hardware-aware search of fashion-ofa, the super-network that ships
# with carve (trained on Fashion-MNIST): held-out accuracy, measured with ONNX Runtime on the sub-network's
# extracted weights, against latency measured on this CPU. Then its report.
set -euo pipefail
cd "$(dirname "$0")/.."
storage="sqlite:out/demo.db"
node bin/carve.js search --supernet fashion-ofa --objectives accuracy,latency_ms --evals 150 --study fashion-demo --storage "$storage"
node bin/carve.js report --study fashion-demo --storage "$storage" --out out/demo
echo "open out/demo/report.html (plots: out/demo/pareto.png, out/demo/hypervolume.png)"
