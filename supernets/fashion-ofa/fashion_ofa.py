"""fashion-ofa: the elastic network's shape, its native config, weight file I/O and a plain forward pass.

Shared by train.py (which trains the super-network) and evaluate.py (which scores sub-networks). The
forward pass here reads only the exported tensor dictionary, so what it computes is exactly what the
TypeScript side rebuilds as an ONNX graph from the same file.
"""

import gzip
import hashlib
import json
import os
import struct

import numpy as np
import torch
import torch.nn.functional as F

# ---- architecture -------------------------------------------------------------------------------------

IMAGE_SIZE = 28
NUM_CLASSES = 10
STEM_CHANNELS = 16
STEM_STRIDE = 2
# (output channels, stride of the first block) per stage; blocks after the first keep shape and add a skip.
# Feature maps: 28x28 input, 14x14 after the stem, then 7x7, 7x7 and 4x4 in the three stages.
STAGES = ((24, 2), (40, 1), (64, 2))
HEAD_CHANNELS = 192
MAX_DEPTH = 3
DEPTH_CHOICES = (1, 2, 3)
KERNEL_CHOICES = (3, 5)
EXPAND_CHOICES = (2, 3, 4)
# GroupNorm with a fixed number of channels per group (not a fixed number of groups): a channel's group
# is the same whatever the active width, so every sub-network normalises exactly as it was trained.
CHANNELS_PER_GROUP = 8
NORM_EPS = 1e-5
BLOCK_COUNT = len(STAGES) * MAX_DEPTH


def stage_input_channels(stage_index):
    return STEM_CHANNELS if stage_index == 0 else STAGES[stage_index - 1][0]


def block_io(stage_index, block_index):
    """(input channels, output channels, stride) of one block slot."""
    out_channels, first_stride = STAGES[stage_index]
    if block_index == 0:
        return stage_input_channels(stage_index), out_channels, first_stride
    return out_channels, out_channels, 1


def max_hidden(stage_index, block_index):
    in_channels, _, _ = block_io(stage_index, block_index)
    return in_channels * max(EXPAND_CHOICES)


# ---- native config --------------------------------------------------------------------------------------


def largest_config():
    return {"ks": [max(KERNEL_CHOICES)] * BLOCK_COUNT, "e": [max(EXPAND_CHOICES)] * BLOCK_COUNT,
            "d": [max(DEPTH_CHOICES)] * len(STAGES)}


def smallest_config():
    return {"ks": [min(KERNEL_CHOICES)] * BLOCK_COUNT, "e": [min(EXPAND_CHOICES)] * BLOCK_COUNT,
            "d": [min(DEPTH_CHOICES)] * len(STAGES)}


def random_config(generator):
    """A uniformly drawn config; `generator` is a random.Random."""
    return {"ks": [generator.choice(KERNEL_CHOICES) for _ in range(BLOCK_COUNT)],
            "e": [generator.choice(EXPAND_CHOICES) for _ in range(BLOCK_COUNT)],
            "d": [generator.choice(DEPTH_CHOICES) for _ in range(len(STAGES))]}


def validate_config(config):
    """Raises ValueError naming the field when a native config is malformed."""
    if not isinstance(config, dict):
        raise ValueError("config: expected an object with keys ks, e, d")
    for field, length, choices in (("ks", BLOCK_COUNT, KERNEL_CHOICES), ("e", BLOCK_COUNT, EXPAND_CHOICES),
                                   ("d", len(STAGES), DEPTH_CHOICES)):
        values = config.get(field)
        if not isinstance(values, list) or len(values) != length:
            raise ValueError(f"config.{field}: expected a list of {length} integers")
        for position, value in enumerate(values):
            if value not in choices:
                raise ValueError(f"config.{field}[{position}]: {value!r} is not one of {list(choices)}")


def canonical_config(config):
    """Same network, inactive block slots set to the smallest choices (so equal networks compare equal)."""
    validate_config(config)
    ks, expand = list(config["ks"]), list(config["e"])
    for stage_index, depth in enumerate(config["d"]):
        for block_index in range(depth, MAX_DEPTH):
            slot = stage_index * MAX_DEPTH + block_index
            ks[slot], expand[slot] = min(KERNEL_CHOICES), min(EXPAND_CHOICES)
    return {"ks": ks, "e": expand, "d": list(config["d"])}


# ---- weight file (safetensors layout: u64 header length, JSON header, raw little-endian data) ---------


def save_tensors(path, tensors, metadata):
    """tensors: ordered dict name -> float32 numpy array; metadata: dict of strings."""
    header = {"__metadata__": metadata}
    offset = 0
    blobs = []
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header_bytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
    header_bytes += b" " * ((8 - len(header_bytes) % 8) % 8)  # keeps the data 8-byte aligned
    with open(path, "wb") as handle:
        handle.write(struct.pack("<Q", len(header_bytes)))
        handle.write(header_bytes)
        for blob in blobs:
            handle.write(blob)


def load_tensors(path):
    """Returns (dict name -> float32 torch tensor, metadata dict)."""
    with open(path, "rb") as handle:
        raw = handle.read()
    (header_length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + header_length].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    base = 8 + header_length
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            raise ValueError(f"{path}: tensor {name} has dtype {entry['dtype']}, expected F32")
        begin, end = entry["data_offsets"]
        array = np.frombuffer(raw, dtype="<f4", count=(end - begin) // 4, offset=base + begin)
        tensors[name] = torch.from_numpy(array.copy()).reshape(entry["shape"])
    return tensors, metadata


# ---- images (IDX format, as distributed by Fashion-MNIST) --------------------------------------------

# Fashion-MNIST is not copied into carve: it comes from the Debian package dataset-fashion-mnist
# (`dpkg -L dataset-fashion-mnist`), or from the folder $FASHION_MNIST_DIR names.
FASHION_MNIST_DIR_ENV = "FASHION_MNIST_DIR"
FASHION_MNIST_APT_PACKAGE = "dataset-fashion-mnist"
DEFAULT_FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist"
# The held-out set the evaluators score on: the first 2,000 test ("t10k") images and labels. SHA-256 of their
# bytes without the IDX headers, the same constants as src/supernets/fashion-ofa/held-out.ts.
HELD_OUT_COUNT = 2000
HELD_OUT_IMAGES_SHA256 = "09bbac78738f0229a68f7ca74e62665d7fb34f45ea7a3509ab5c4a202c1370de"
HELD_OUT_LABELS_SHA256 = "a86243d2b2400909bc0a82f5fd5c9df83bf827852a1543e3dc70af890035a9d4"


def fashion_mnist_dir():
    """$FASHION_MNIST_DIR when set and not empty, else where dataset-fashion-mnist installs the files."""
    return os.environ.get(FASHION_MNIST_DIR_ENV) or DEFAULT_FASHION_MNIST_DIR


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as handle:
        raw = handle.read()
    zero, dtype_code, rank = raw[0:2], raw[2], raw[3]
    if zero != b"\x00\x00" or dtype_code != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * rank, raw[4:4 + 4 * rank])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


def read_fashion_mnist(data_dir, prefix):
    """Images uint8 [N, 28, 28] and labels uint8 [N] of one split ("train" or "t10k"), .gz or plain files."""
    arrays = []
    for kind in ("images-idx3-ubyte", "labels-idx1-ubyte"):
        name = f"{prefix}-{kind}"
        candidates = [os.path.join(data_dir, name + ".gz"), os.path.join(data_dir, name)]
        path = next((candidate for candidate in candidates if os.path.exists(candidate)), None)
        if path is None:
            raise FileNotFoundError(
                f"the Fashion-MNIST files are missing: no {name}.gz (or {name}) in {data_dir}; install the Debian "
                f"package {FASHION_MNIST_APT_PACKAGE} (apt-get install {FASHION_MNIST_APT_PACKAGE}, files in "
                f"{DEFAULT_FASHION_MNIST_DIR}) or set {FASHION_MNIST_DIR_ENV} to a folder holding {prefix}-images-idx3-ubyte.gz "
                f"and {prefix}-labels-idx1-ubyte.gz")
        arrays.append(read_idx(path))
    images, labels = arrays
    if images.ndim != 3 or images.shape[1:] != (IMAGE_SIZE, IMAGE_SIZE) or labels.shape != (images.shape[0],):
        raise ValueError(f"{data_dir}: {prefix} images {images.shape} and labels {labels.shape} do not match")
    return images, labels


def load_heldout(data_dir=None):
    """The held-out set: the first 2,000 Fashion-MNIST test images and labels, checked against their SHA-256."""
    data_dir = data_dir or fashion_mnist_dir()
    images, labels = read_fashion_mnist(data_dir, "t10k")
    if images.shape[0] < HELD_OUT_COUNT:
        raise ValueError(f"{data_dir}: {images.shape[0]} test images, the held-out set needs the first {HELD_OUT_COUNT}")
    images, labels = images[:HELD_OUT_COUNT], labels[:HELD_OUT_COUNT]
    if (hashlib.sha256(images.tobytes()).hexdigest() != HELD_OUT_IMAGES_SHA256
            or hashlib.sha256(labels.tobytes()).hexdigest() != HELD_OUT_LABELS_SHA256):
        raise ValueError(f"{data_dir}: the first {HELD_OUT_COUNT} test images or labels differ from Fashion-MNIST's "
                         f"(SHA-256 mismatch); use an unmodified copy ({FASHION_MNIST_APT_PACKAGE}, or {FASHION_MNIST_DIR_ENV})")
    return images, labels


def images_to_tensor(images_uint8):
    """uint8 [N, 28, 28] -> float32 [N, 1, 28, 28] in [0, 1]: the network's (and the ONNX graph's) input."""
    return torch.from_numpy(images_uint8.astype(np.float32) / np.float32(255.0)).unsqueeze(1)


# ---- forward pass from exported tensors ---------------------------------------------------------------


def group_norm(x, gamma, beta):
    channels = x.shape[1]
    return F.group_norm(x, channels // CHANNELS_PER_GROUP, gamma[:channels], beta[:channels], NORM_EPS)


def block_prefix(stage_index, block_index):
    return f"stages.{stage_index}.blocks.{block_index}"


def forward_exported(tensors, config, images):
    """Logits of the sub-network `config` for float images [N, 1, 28, 28], using exported tensors only."""
    validate_config(config)
    x = F.conv2d(images, tensors["stem.conv.weight"], stride=STEM_STRIDE, padding=1)
    x = F.relu(group_norm(x, tensors["stem.norm.weight"], tensors["stem.norm.bias"]))
    for stage_index in range(len(STAGES)):
        for block_index in range(config["d"][stage_index]):
            slot = stage_index * MAX_DEPTH + block_index
            in_channels, _, stride = block_io(stage_index, block_index)
            hidden = in_channels * config["e"][slot]
            kernel = config["ks"][slot]
            prefix = block_prefix(stage_index, block_index)
            y = F.conv2d(x, tensors[f"{prefix}.expand.weight"][:hidden])
            y = F.relu(group_norm(y, tensors[f"{prefix}.expand_norm.weight"], tensors[f"{prefix}.expand_norm.bias"]))
            y = F.conv2d(y, tensors[f"{prefix}.depthwise.k{kernel}.weight"][:hidden], stride=stride,
                         padding=kernel // 2, groups=hidden)
            y = F.relu(group_norm(y, tensors[f"{prefix}.depthwise_norm.weight"], tensors[f"{prefix}.depthwise_norm.bias"]))
            y = F.conv2d(y, tensors[f"{prefix}.project.weight"][:, :hidden])
            y = group_norm(y, tensors[f"{prefix}.project_norm.weight"], tensors[f"{prefix}.project_norm.bias"])
            x = x + y if block_index > 0 else y
    x = F.conv2d(x, tensors["head.conv.weight"])
    x = F.relu(group_norm(x, tensors["head.norm.weight"], tensors["head.norm.bias"]))
    x = x.mean(dim=(2, 3))
    return F.linear(x, tensors["classifier.weight"], tensors["classifier.bias"])


def accuracy_percent(tensors, config, images, labels, batch_size=100):
    """Top-1 accuracy in percent of sub-network `config` on float images and int64 labels."""
    correct = 0
    with torch.no_grad():
        for start in range(0, images.shape[0], batch_size):
            # channels-last makes PyTorch's CPU convolutions markedly faster; the numbers are the same.
            batch = images[start:start + batch_size].contiguous(memory_format=torch.channels_last)
            logits = forward_exported(tensors, config, batch)
            correct += int((logits.argmax(dim=1) == labels[start:start + batch_size]).sum())
    return 100.0 * correct / images.shape[0]
