# Shared by the benchmark scripts (sourced, not run): where the inputs and the jar are, and the statistics.
# Sets: shared, pkl (the ML-1m pickle, absolute), jar (absolute; built if missing), work (WORK or a new temp folder).
# Usage: source scripts/bench_lib.sh NAME   (NAME names the benchmark in messages and in the temp folder)
bench_name="$1"
shared="${SHARED:-../shared}"
pkl="$shared/data/ml-1m/ml-1m.pkl"
if [ "${BENCH_NEEDS_PKL:-1}" = 1 ]; then
  [ -f "$pkl" ] || { echo "$bench_name: $pkl not found (set SHARED to the folder holding data/ml-1m)" >&2; exit 1; }
  pkl="$(cd "$(dirname "$pkl")" && pwd)/$(basename "$pkl")"
fi
jar="$(pwd)/launcher/target/bert4rec.jar"
[ -f "$jar" ] || mvn -B -q package -DskipTests
work="${WORK:-$(mktemp -d "/tmp/bert4rec-$bench_name.XXXX")}"
mkdir -p "$work"

# the median of the numbers on standard input, one per line
median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# the value of key=value field $1 in the lines on standard input
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p"; }
# prints the chains of an interim file ("uid item" lines) k times under new user ids as a CSV of
# (uid, space-separated items); with drop_last=1 each chain's last item (inference's placeholder) is left out
copy_chains_csv() {   # interim k drop_last
  awk -v k="$2" -v drop="$3" 'BEGIN {print "uid,sid_add_to_cart"}
      $1 != u {if (NR > 1) chains[n++] = u SUBSEP items; u = $1; items = $2; next} {items = items " " $2}
      END {chains[n++] = u SUBSEP items; for (c = 0; c < k; c++) for (i = 0; i < n; i++) {split(chains[i], f, SUBSEP);
           if (drop) sub(/ [^ ]*$/, "", f[2]); printf "%d,%s\n", c * 1000000 + f[1], f[2]}}' "$1"
}
