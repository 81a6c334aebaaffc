#!/usr/bin/env bash
# Training-throughput benchmark (issue 3): our trainer next to the PyTorch reference (../shared/bench/torch_bert4rec.py)
# on the same TFRecord files and the same machine, in rounds that alternate the two so that the machine's drift
# hits both; prints the median of each and the ratio.
#
#   ml1m   the ML-1m configuration: vocab 3,420, seq 200, hidden 64, 2 layers, 2 heads, 20 predictions
#          (../shared/data/ml-1m/ml-1m.pkl -> raw -> all, the paper's settings)
#   large  the large-catalog configuration: vocab 54,546, seq 50, 30 predictions (synthetic chains over 54,542 items,
#          masked_lm_prob 0.6 so that all 30 prediction slots are real)
#
# Usage: scripts/bench_model.sh [ROUNDS=3] [CONFIGS="ml1m large"]   (ROUNDS 0: prepare the inputs only)
#   env: BATCH (256), STEPS (timed steps per run, 8), WARMUP (3), SHARED (../shared), WORK (temp folder),
#        TORCH_ENV ("default passive": PyTorch run with libgomp's default waiting and with OMP_WAIT_POLICY=PASSIVE;
#        our launcher sets PASSIVE itself, see PassiveOpenMp)
# Needs: Debian's python3-torch python3-protobuf protobuf-compiler and an optimised BLAS (libopenblas0-pthread);
# without the latter Debian's PyTorch falls back to the reference BLAS and runs ~4x slower, which would flatter us.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
configs="${2:-ml1m large}"
batch="${BATCH:-256}"
steps="${STEPS:-8}"
warmup="${WARMUP:-3}"
BENCH_NEEDS_PKL=0 source scripts/bench_lib.sh bench_model
torch_py="$shared/bench/torch_bert4rec.py"
torch_env="${TORCH_ENV:-default passive}"
/usr/bin/python3 -c "import torch, google.protobuf" 2>/dev/null || {
  echo "bench_model: needs Debian's PyTorch: apt-get install -y python3-torch python3-protobuf protobuf-compiler" >&2; exit 1; }
blas=$(/usr/bin/python3 -c "import torch,time;a=torch.randn(1024,1024);t=time.time();[a@a for _ in range(5)];print(int(5*2*1024**3/(time.time()-t)/1e9))")
[ "$blas" -ge 40 ] || echo "bench_model: warning: PyTorch's matrix product reaches only $blas GFLOP/s: install libopenblas0-pthread" >&2

b4r() { java -jar "$jar" "$@" --no_tracking > /dev/null; }

prepare_ml1m() {
  local root="$work/ml1m"
  [ -f "$pkl" ] || { echo "bench_model: $pkl not found (set SHARED)" >&2; return 1; }
  mkdir -p "$root/config" "$root/projects/ml1m/data/external"
  cp config/bert_config.json "$root/config/"
  ln -sf "$(cd "$(dirname "$pkl")" && pwd)/$(basename "$pkl")" "$root/projects/ml1m/data/external/ml1m_train_val_test.pkl"
  b4r raw --root "$root" --project ml1m --task train_val_test
  b4r all --root "$root" --project ml1m --task train_val_test --max_predictions_per_seq 20 --masked_lm_prob 0.2
  train="$root/projects/ml1m/data/processed/ml1m.train_val_test.train_val.tfrecord"
  bert="$root/projects/ml1m/config/bert_config_ml1m.json"
  vocab=3420; seq=200; preds=20
}

prepare_large() {
  local root="$work/large"
  mkdir -p "$root/config"
  sed -e 's/"max_position_embeddings": [0-9]*/"max_position_embeddings": 50/' config/bert_config.json > "$root/config/bert_config.json"
  b4r demo-data --root "$root" --project large --users 4000 --items 54542 --min_length 30 --max_length 120
  b4r raw --root "$root" --project large --task train_val_test
  b4r all --root "$root" --project large --task train_val_test --max_predictions_per_seq 30 --masked_lm_prob 0.6 \
      --dupe_factor 1
  vocab=54546; seq=50; preds=30
  train="$root/projects/large/data/processed/large.train_val_test.train_val.tfrecord"
  # the model as the configuration names it: 54,542 items + 4 (the data's vocabulary may be a little smaller)
  bert="$root/config/bert_config_large_bench.json"
  sed -e "s/\"vocab_size\": [0-9]*/\"vocab_size\": $vocab/" "$root/projects/large/config/bert_config_large.json" > "$bert"
}


table="$work/throughput.tsv"
printf "config\timpl\truns\ts_per_step\tseq_per_s\tgflop_per_s\tpeak_rss_mb\n" > "$table"
for config in $configs; do
  "prepare_$config"
  [ "$rounds" -gt 0 ] || continue   # 0 rounds: only prepare the inputs (scripts/bench_gpu.sh)
  raw="$work/$config.runs"
  : > "$raw"
  for r in $(seq 1 "$rounds"); do
    line=$(java -cp "$jar" org.bert4rec.train.bench.TrainingThroughput "$train" "$bert" "$preds" "$batch" "$steps" \
        "$warmup" 2>/dev/null | grep '^JAVA_REF')
    echo "bert4rec $line" >> "$raw"
    for e in $torch_env; do
      if [ "$e" = passive ]; then envs=(env OMP_WAIT_POLICY=PASSIVE); else envs=(env -u OMP_WAIT_POLICY); fi
      line=$("${envs[@]}" /usr/bin/python3 "$torch_py" --train "$train" --vocab_size "$vocab" --max_seq_length "$seq" \
          --batch "$batch" --bench_steps "$steps" 2>/dev/null | grep '^TORCH_REF')
      echo "torch-$e $line" >> "$raw"
    done
    echo "round $r/$rounds of $config done" >&2
  done
  gflop=$(grep '^bert4rec' "$raw" | head -1 | field gflop_per_step)
  for impl in bert4rec $(for e in $torch_env; do echo "torch-$e"; done); do
    s=$(grep "^$impl " "$raw" | field s_per_step | median)
    rss=$(grep "^$impl " "$raw" | field peak_rss_mb | median)
    n=$(grep -c "^$impl " "$raw")
    awk -v c="$config" -v i="$impl" -v n="$n" -v s="$s" -v b="$batch" -v g="$gflop" -v m="$rss" \
        'BEGIN {printf "%s\t%s\t%d\t%.3f\t%.1f\t%.1f\t%d\n", c, i, n, s, b / s, g / s, m}' >> "$table"
  done
done
echo "Training throughput, batch $batch, median of $rounds runs x $steps timed steps (after $warmup warm-up); work: $work"
column -t "$table"
echo
awk -F'\t' 'NR > 1 {s[$1 "/" $2] = $4; if ($2 ~ /^torch/ && (!($1 in best) || $4 < best[$1])) best[$1] = $4}
  END {for (c in best) if ((c "/bert4rec") in s) printf "%s: bert4rec is %.2fx the fastest PyTorch run\n", c, best[c] / s[c "/bert4rec"]}' "$table"
