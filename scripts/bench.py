#!/usr/bin/env python3
"""build/bench.json: a flat JSON object of figure name -> number.

  bench.py set FILE NAME VALUE [NAME VALUE ...]   add or replace figures
  bench.py show FILE                              print them as a table
"""
import json
import os
import sys


def load(path):
    if os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    return {}


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("set", "show"):
        sys.exit(__doc__)
    path = sys.argv[2]
    data = load(path)
    if sys.argv[1] == "set":
        args = sys.argv[3:]
        if len(args) % 2:
            sys.exit("bench.py set: NAME VALUE pairs expected")
        for name, value in zip(args[::2], args[1::2]):
            v = float(value)
            data[name] = int(v) if v.is_integer() else v
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "w") as f:
            json.dump(data, f, indent=1, sort_keys=True)
            f.write("\n")
    else:
        if not data:
            sys.exit(f"{path}: no figures")
        w = max(len(k) for k in data)
        print(f"{'figure':<{w}}  value")
        for k in sorted(data):
            v = data[k]
            print(f"{k:<{w}}  {v:.4g}" if isinstance(v, float) else f"{k:<{w}}  {v}")


if __name__ == "__main__":
    main()
