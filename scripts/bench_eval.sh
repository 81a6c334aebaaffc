#!/usr/bin/env bash
# Evaluation benchmark (issue 4): `test` (full ranking of ML-1m's 6,040 users) and `inference` (top-100 + embeddings)
# on a model with the ML-1m configuration, timed after the model loads (the stages print "N users in S s"), with
# peak memory; then inference on 8x and 33x the users (about 200,000: synthetic copies of ML-1m's chains) to show
# time growing linearly and memory flat. Each figure is the median of RUNS runs.
#
# Usage: scripts/bench_eval.sh [RUNS=3]    env: SHARED (../shared), WORK (temp folder), STEPS (training steps of the
#   throwaway model, 20: its quality does not matter here), SCALES (the user multiples, "8 33"; "" for none)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
source scripts/bench_lib.sh bench_eval
root="$work/root"
mkdir -p "$root/config" "$root/projects/p/data/external"
cp config/bert_config.json "$root/config/"
ln -sf "$pkl" "$root/projects/p/data/external/p_train_val_test.pkl"
ln -sf "$pkl" "$root/projects/p/data/external/p_inference.pkl"
b4r() { java -jar "$jar" "$@" --root "$root" --project p --no_tracking; }

b4r raw --task train_val_test > /dev/null
b4r all --task train_val_test > /dev/null
b4r train_val --model_name m --num_train_steps "${STEPS:-20}" --is_evaluate false --log_every_steps 1000 > /dev/null 2>&1
b4r raw --task inference --vocab_exist 1 > /dev/null
b4r all --task inference --vocab_filename "$root/projects/p/references/p.vocab" > /dev/null

# one measured stage run: prints "stage_seconds wall_seconds peak_rss_mb"
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" java -jar "$jar" "$@" --root "$root" --project p --no_tracking \
      > /dev/null 2> "$work/err.txt" || { cat "$work/err.txt" >&2; exit 1; }
  local s
  s=$(sed -n 's/.* users in \([0-9.]*\) s.*/\1/p' "$work/err.txt" | head -1)
  awk -v s="$s" '{printf "%s %.2f %d\n", s, $1, $2 / 1024}' "$work/time.txt"
}
table="$work/eval.tsv"
printf "stage\tusers\tstage_s\twall_s\tpeak_rss_mb\tusers_per_s\n" > "$table"
row() {   # label users args...
  local label="$1" users="$2" ss=() ws=() ms=()
  shift 2
  for _ in $(seq 1 "$runs"); do
    read -r s w m < <(measure "$@"); ss+=("$s"); ws+=("$w"); ms+=("$m")
  done
  local s
  s=$(printf "%s\n" "${ss[@]}" | median)
  printf "%s\t%d\t%s\t%s\t%s\t%.0f\n" "$label" "$users" "$s" "$(printf "%s\n" "${ws[@]}" | median)" \
      "$(printf "%s\n" "${ms[@]}" | median)" "$(awk -v u="$users" -v s="$s" 'BEGIN {print u / s}')" >> "$table"
}
row test 6040 test --model_name m --batch_size 256
row inference 6040 inference --model_name m --batch_size 256 --predictions_per_user 100 --is_embeddings true \
    --is_items_preds true

# more users: the inference chains k times under new user ids
interim="$root/projects/p/data/interim/p_inference.txt"
cp "$interim" "$work/inference_1x.txt"
for k in ${SCALES-8 33}; do
  copy_chains_csv "$work/inference_1x.txt" "$k" 1 > "$work/p_inference_x$k.csv"
  rm -f "$root/projects/p/data/external/p_inference.pkl"
  ln -sf "$work/p_inference_x$k.csv" "$root/projects/p/data/external/p_inference.csv"
  b4r raw --task inference --vocab_exist 1 > /dev/null 2>&1
  b4r all --task inference --vocab_filename "$root/projects/p/references/p.vocab" > /dev/null
  users=$(cut -d' ' -f1 "$interim" | uniq | wc -l)
  row "inference_x$k" "$users" inference --model_name m --batch_size 256 --predictions_per_user 100 \
      --is_embeddings true --is_items_preds true
  rm -f "$root/projects/p/data/external/p_inference.csv"
done
echo "test and inference on the ML-1m configuration (vocab 3,420, seq 200, hidden 64), median of $runs runs;"
echo "stage_s: after the model loads (the stage's own timer); wall_s: the whole command; work: $work"
column -t "$table"
