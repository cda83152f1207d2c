#!/usr/bin/env bash
# Prints "package:target /path/to/test-binary" for every test executable of the workspace, from
# cargo's own description of what it built (the whole workspace, as `./x test` builds it: a
# subset could unify features differently and rebuild). "lib" is a crate's unit tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo test --workspace --no-run --quiet --message-format=json 2>/dev/null |
  python3 -c '
import json, sys
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["profile"]["test"]:
        kind = "lib" if "lib" in m["target"]["kind"] else m["target"]["name"]
        # "path+file:///…/core#frontdesk-core@0.1.0", or "…/nexudus-sim#0.1.0" when the
        # package is named after its folder.
        url, _, fragment = m["package_id"].partition("#")
        package = fragment.split("@")[0] if "@" in fragment else url.rstrip("/").rsplit("/", 1)[-1]
        print(package + ":" + kind + " " + m["executable"])
'
