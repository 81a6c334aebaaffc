#!/usr/bin/env bash
# Quality benchmark (issue 3): ML-1m with the paper's data settings, trained for MINUTES on this machine, full-ranking
# test metrics after every SEGMENT minutes, next to the PyTorch reference (../shared/bench/torch_bert4rec.py)
# trained for the same minutes on the same TFRecord files with the same hyperparameters.
#
# Usage: scripts/bench_quality.sh [MINUTES=60] [SEGMENT=10]
#   env: STEPS (num_train_steps, the end of the linear decay; default 10000), LR (2e-3), BATCH (128), MPPS
#        (max_predictions_per_seq, 40 as the paper for ML-1m), MAX_WINDOWS (all --max_windows_per_chain; default 1:
#        each user's last 200 training items, as Klenitskiy & Vasilev train; 0 = the original's sliding windows over
#        the whole chain), DROPOUT (both dropouts of the bert config; default: config/bert_config.json's, 0.1),
#        BIAS_CORRECTION (true), DYNAMIC_MASKING (true), SHARED (../shared), WORK (a temp folder), TORCH=0 to skip
#        the reference.
# Test metrics are full ranking, with the items the user has seen kept as candidates and excluded (as the published
# ML-1m figures do: every item was rated once, so a seen item is never the next one). Ours excludes the whole
# history (history_ids); the PyTorch reference reads the standard features only and excludes the input window.
# Our training runs in segments of SEGMENT minutes (--training_time_limit_seconds), each resuming from the last
# checkpoint: resuming is exact, so this is one continuous run with a test in between.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-60}"
segment="${2:-10}"
steps="${STEPS:-10000}"
lr="${LR:-2e-3}"
batch="${BATCH:-128}"
dropout="${DROPOUT:-}"
bias_correction="${BIAS_CORRECTION:-true}"
dynamic_masking="${DYNAMIC_MASKING:-true}"
shared="${SHARED:-../shared}"
pkl="$shared/data/ml-1m/ml-1m.pkl"
torch_py="$shared/bench/torch_bert4rec.py"
[ -f "$pkl" ] || { echo "bench_quality: $pkl not found (set SHARED=<folder holding data/ml-1m>)" >&2; exit 1; }
jar=launcher/target/bert4rec.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
jar="$(pwd)/$jar"
work="${WORK:-$(mktemp -d /tmp/bert4rec-quality.XXXX)}"
mkdir -p "$work/config" "$work/projects/ml1m/data/external"
if [ -n "$dropout" ]; then
  sed -E "s/(_dropout_prob\"[^0-9]*)[0-9.]+/\1$dropout/" config/bert_config.json > "$work/config/bert_config.json"
else
  cp config/bert_config.json "$work/config/"
fi
ln -sf "$(cd "$(dirname "$pkl")" && pwd)/$(basename "$pkl")" "$work/projects/ml1m/data/external/ml1m_train_val_test.pkl"
b4r() { java -jar "$jar" "$@" --root "$work" --project ml1m --no_tracking; }

b4r raw --task train_val_test > /dev/null
b4r all --task train_val_test --max_predictions_per_seq "${MPPS:-40}" --masked_lm_prob 0.2 --dupe_factor 10 \
    --max_windows_per_chain "${MAX_WINDOWS:-1}" > /dev/null
processed="$work/projects/ml1m/data/processed"
vocab_size=$(python3 -c "import json;print(json.load(open('$work/projects/ml1m/config/bert_config_ml1m.json'))['vocab_size'])")

table="$work/quality.tsv"
printf "impl\tminutes\tsteps\texclude_seen\tndcg10\thit10\tmrr\n" > "$table"
done_min=0
while [ "$done_min" -lt "$minutes" ]; do
  done_min=$((done_min + segment))
  b4r train_val --model_name quality --num_train_steps "$steps" --learning_rate "$lr" --batch_size_train "$batch" \
      --num_warmup_steps 100 --save_checkpoints_steps 100000 --log_every_steps 50 --is_evaluate false \
      --adam_bias_correction "$bias_correction" --dynamic_masking "$dynamic_masking" \
      --training_time_limit_seconds $((segment * 60)) 2> "$work/train_$done_min.log" > /dev/null
  step=$(ls -d "$work/projects/ml1m/models/quality"/ckpt-* | sed 's/.*ckpt-//' | sort -n | tail -1)
  for exclude in false true; do
    b4r test --model_name quality --batch_size 256 --exclude_seen "$exclude" 2> /dev/null > /dev/null
    python3 - "$work/projects/ml1m/results/quality/test_metrics.json" "$done_min" "$step" "$exclude" \
        >> "$table" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print(f"bert4rec\t{sys.argv[2]}\t{sys.argv[3]}\t{sys.argv[4]}\t{m['ndcg10']:.4f}\t{m['hit10']:.4f}\t{m['mrr']:.4f}")
PY
  done
  [ "$step" -ge "$steps" ] && break
done

if [ "${TORCH:-1}" = 1 ] && [ -f "$torch_py" ]; then
  /usr/bin/python3 "$torch_py" --train "$processed/ml1m.train_val_test.train_val.tfrecord" \
      --test "$processed/ml1m.train_val_test.test.tfrecord" --vocab_size "$vocab_size" --max_seq_length 200 \
      --batch "$batch" --lr "$lr" --warmup 100 --steps "$steps" --time_limit $((minutes * 60)) --exclude_seen \
      --dropout "${dropout:-$(python3 -c "import json;print(json.load(open('config/bert_config.json'))['hidden_dropout_prob'])")}" \
      --eval_every_s $((segment * 60)) > "$work/torch.log" 2>&1 || true
  python3 - "$work/torch.log" >> "$table" <<'PY'
import re, sys
for line in open(sys.argv[1]):
    m = re.match(r"EVAL train_s=(\d+) step=(\d+) ndcg10=([\d.]+) hit10=([\d.]+)", line)
    if m:
        print(f"torch\t{int(m[1]) // 60}\t{m[2]}\ttrue\t{m[3]}\t{m[4]}\t-")
    if line.startswith("TORCH_REF"):
        kv = dict(x.split("=", 1) for x in line.split()[1:])
        if "ndcg10" in kv:
            print(f"torch\t{int(kv['train_s']) // 60}\t{kv['steps']}\ttrue\t{kv['ndcg10']}\t{kv['hit10']}\t{kv['mrr']}")
PY
fi
echo "ML-1m full-ranking test metrics vs training minutes (max_windows_per_chain ${MAX_WINDOWS:-1}, batch $batch," \
     "lr $lr, num_train_steps $steps, dropout" \
     "${dropout:-of the template}, adam_bias_correction $bias_correction, dynamic_masking $dynamic_masking); work: $work"
column -t "$table"
