#!/usr/bin/env bash
# usage: scripts/find-test-binaries.sh PACKAGE:TARGET...
# Prints the path of each named test binary, one a line, in the order asked ("lib" is a
# crate's unit tests; e.g. frontdesk-core:arrivals). Paths come from cargo's own description
# of what it built, for the whole workspace as `./x test` builds it (a subset could unify
# features differently and rebuild). Fails when one is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo test --workspace --no-run --quiet --message-format=json 2>/dev/null |
  python3 -c '
import json, sys
wanted = sys.argv[1:]
found = {}
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
        found[package + ":" + kind] = m["executable"]
missing = [suite for suite in wanted if suite not in found]
if missing:
    sys.exit("find-test-binaries: no test binary for " + ", ".join(missing))
for suite in wanted:
    print(found[suite])
' "$@"
