#!/usr/bin/env bash
# Data-preparation benchmark (issue 2): `raw` + `all` (task train_val_test) on ML-1m, wall time and peak memory per
# stage, then how they grow with dupe_factor and with 4x and 16x the users (synthetic copies of ML-1m's chains under
# new user ids, read from CSV). Each figure is the median of RUNS runs.
#
# Usage: scripts/bench_data.sh [RUNS=3]    env: SHARED (../shared), WORK (temp folder)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
source scripts/bench_lib.sh bench_data

# one measured command: prints "seconds peak_rss_mb"
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" java -jar "$jar" "$@" --no_tracking > /dev/null 2> "$work/err.txt" || {
    cat "$work/err.txt" >&2; exit 1; }
  awk '{printf "%.2f %d\n", $1, $2 / 1024}' "$work/time.txt"
}

project() {   # project root with config/ and the given external input
  local root="$1" input="$2" ext="$3"
  mkdir -p "$root/config" "$root/projects/p/data/external"
  cp config/bert_config.json "$root/config/"
  ln -sf "$input" "$root/projects/p/data/external/p_train_val_test.$ext"
}

table="$work/data.tsv"
printf "input\tusers\tdupe_factor\traw_s\traw_rss_mb\tall_s\tall_rss_mb\ttotal_s\ttrain_records\n" > "$table"
row() {   # label root dupe
  local label="$1" root="$2" dupe="$3" rs=() rm=() as=() am=()
  for _ in $(seq 1 "$runs"); do
    read -r s m < <(measure raw --root "$root" --project p --task train_val_test); rs+=("$s"); rm+=("$m")
    read -r s m < <(measure all --root "$root" --project p --task train_val_test --dupe_factor "$dupe"); as+=("$s"); am+=("$m")
  done
  local users records
  users=$(cut -d' ' -f1 "$root/projects/p/data/interim/p_train_val_test.txt" | uniq | wc -l)
  records=$(python3 -c "import json;print(json.load(open('$root/projects/p/config/data_config_p.json'))['record_counts']['p.train_val_test.train_val.tfrecord'])")
  local r a
  r=$(printf "%s\n" "${rs[@]}" | median); a=$(printf "%s\n" "${as[@]}" | median)
  printf "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%.2f\t%d\n" "$label" "$users" "$dupe" "$r" "$(printf "%s\n" "${rm[@]}" | median)" \
      "$a" "$(printf "%s\n" "${am[@]}" | median)" "$(awk -v r="$r" -v a="$a" 'BEGIN {print r + a}')" "$records" >> "$table"
}

ml="$work/ml1m"
project "$ml" "$pkl" pkl
for dupe in 10 1 5 20; do
  row "ml-1m.pkl" "$ml" "$dupe"
done
# synthetic copies: the ML-1m chains k times under new user ids, as a CSV of (uid, space-separated items)
for k in 4 16; do
  csv="$work/ml1m_x$k.csv"
  copy_chains_csv "$ml/projects/p/data/interim/p_train_val_test.txt" "$k" 0 > "$csv"
  project "$work/x$k" "$csv" csv
  row "ml-1m_x${k}_csv" "$work/x$k" 10
done
echo "raw + all, task train_val_test, median of $runs runs (wall seconds incl. JVM start; peak RSS); work: $work"
column -t "$table"
