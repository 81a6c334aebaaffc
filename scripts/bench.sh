#!/usr/bin/env bash
# `make bench`: every benchmark, one after another (they share the machine's cores, so never in parallel), each
# printing its own table. Figures and their exact commands are recorded in docs/BENCHMARKS.md.
# Usage: scripts/bench.sh [data|model|eval|quality ...]   (default: data model eval; quality takes an hour: ask for it)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f launcher/target/bert4rec.jar ] || mvn -B -q package -DskipTests
which=("$@")
[ ${#which[@]} -gt 0 ] || which=(data model eval)
for b in "${which[@]}"; do
  script="scripts/bench_$b.sh"
  [ -x "$script" ] || { echo "bench: no $script (choose from data model eval quality)" >&2; exit 2; }
  echo "== $script"
  "$script"
done
