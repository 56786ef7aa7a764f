#!/usr/bin/env bash
# Installs what carve needs on a fresh Debian machine: system packages (when missing) and the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# A font for the text in PNG plots.
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
# The Python side (the fashion-ofa reference evaluator and its cross-check tests) uses Debian's system python3.
/usr/bin/python3 -c 'import numpy' 2>/dev/null || need_apt+=(python3-numpy)
/usr/bin/python3 -c 'import torch' 2>/dev/null || need_apt+=(python3-torch)
# Fashion-MNIST, whose first 2,000 test images are fashion-ofa's held-out set (not copied into carve; the
# evaluators read them here, or from the folder FASHION_MNIST_DIR names).
fashion_mnist_dir="${FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}"
[ -e "$fashion_mnist_dir/t10k-images-idx3-ubyte.gz" ] || [ -e "$fashion_mnist_dir/t10k-images-idx3-ubyte" ] || need_apt+=(dataset-fashion-mnist)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install these Debian packages: ${need_apt[*]}" >&2
  fi
fi

# onnxruntime-node's install script would try to download GPU libraries; its CPU binaries ship in the package.
export ONNXRUNTIME_NODE_INSTALL=skip
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npm run build
