#!/usr/bin/env python3
"""Are two GGUF files the same tensor by tensor? Type, shape and stored bytes of every tensor, by name (the order of
tensors in the file and the metadata are not compared). Reads the files with llama.cpp's own gguf-py, so nothing of
InferBench is involved: put gguf-py on PYTHONPATH (llama.cpp's source tree has it in gguf-py/; it needs numpy).

    PYTHONPATH=LLAMA_CPP_SOURCE/gguf-py python3 scripts/compare-gguf-tensors.py A.gguf B.gguf

Prints one line per tensor that differs and a summary; exits 0 when every tensor is identical, 1 when not, 2 on bad
input.
"""
import sys

try:
    import numpy as np
    import gguf
except ImportError as e:
    print(f"compare-gguf-tensors: {e}: put llama.cpp's gguf-py on PYTHONPATH and install numpy", file=sys.stderr)
    sys.exit(2)


def tensors(path):
    try:
        reader = gguf.GGUFReader(path)
    except Exception as e:  # noqa: BLE001 - any failure to read is the same bad input
        print(f"compare-gguf-tensors: {path}: not a readable GGUF file ({e})", file=sys.stderr)
        sys.exit(2)
    return {t.name: t for t in reader.tensors}


def main():
    if len(sys.argv) != 3:
        print("usage: compare-gguf-tensors.py A.gguf B.gguf", file=sys.stderr)
        sys.exit(2)
    a, b = tensors(sys.argv[1]), tensors(sys.argv[2])
    same = 0
    for name in sorted(set(a) | set(b)):
        if name not in a or name not in b:
            print(f"{name}: only in {sys.argv[1] if name in a else sys.argv[2]}")
            continue
        x, y = a[name], b[name]
        if x.tensor_type != y.tensor_type or list(x.shape) != list(y.shape):
            print(f"{name}: {x.tensor_type.name} {list(x.shape)} against {y.tensor_type.name} {list(y.shape)}")
            continue
        bx = np.asarray(x.data).view(np.uint8).reshape(-1)
        by = np.asarray(y.data).view(np.uint8).reshape(-1)
        diff = np.flatnonzero(bx != by)
        if diff.size:
            print(f"{name} ({x.tensor_type.name}): {diff.size} of {bx.size} bytes differ,"
                  f" the first at offset {diff[0]}")
            continue
        same += 1
    total = len(set(a) | set(b))
    print(f"{same} of {total} tensors identical")
    sys.exit(0 if same == total else 1)


if __name__ == "__main__":
    main()
