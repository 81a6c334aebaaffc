#!/usr/bin/env bash
# Training throughput on an NVIDIA GPU (issue 3): builds the jar against nd4j-cuda-11.6 (mvn -Pcuda) into a separate
# folder, then times the ML-1m and large-catalog configurations with the same TrainingThroughput benchmark as
# scripts/bench_model.sh and prints its JAVA_REF lines (s/step, sequences/s, GFLOP/s, peak host RSS).
# Needs a CUDA 11.6 runtime and cuDNN 8 on the machine (ND4J 1.0.0-M2.1 links against them).
#
# Usage: scripts/bench_gpu.sh [TRAIN_ML1M.tfrecord BERT_ML1M.json] [TRAIN_LARGE.tfrecord BERT_LARGE.json]
#   Without arguments the inputs are prepared as scripts/bench_model.sh does (needs ../shared on this machine).
#   env: BATCH (256), STEPS (10), WARMUP (3)
set -euo pipefail
cd "$(dirname "$0")/.."
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || {
  echo "bench_gpu: no NVIDIA GPU visible (nvidia-smi failed)" >&2; exit 1; }
build="$(mktemp -d /tmp/bert4rec-cuda.XXXX)"
git ls-files -z | xargs -0 -I{} cp --parents {} "$build"
(cd "$build" && mvn -B -q -Pcuda package -DskipTests)
jar="$build/launcher/target/bert4rec.jar"
batch="${BATCH:-256}"; steps="${STEPS:-10}"; warmup="${WARMUP:-3}"
if [ $# -ge 2 ]; then
  runs=("ml1m $1 $2 20")
  [ $# -ge 4 ] && runs+=("large $3 $4 30")
else
  work="$(mktemp -d /tmp/bert4rec-gpu-data.XXXX)"
  WORK="$work" scripts/bench_model.sh 0 "ml1m large" > /dev/null   # prepares the data, times nothing
  runs=("ml1m $work/ml1m/projects/ml1m/data/processed/ml1m.train_val_test.train_val.tfrecord $work/ml1m/projects/ml1m/config/bert_config_ml1m.json 20"
        "large $work/large/projects/large/data/processed/large.train_val_test.train_val.tfrecord $work/large/config/bert_config_large_bench.json 30")
fi
for r in "${runs[@]}"; do
  read -r name train bert preds <<< "$r"
  echo "$name: $(java -cp "$jar" org.bert4rec.train.bench.TrainingThroughput "$train" "$bert" "$preds" "$batch" "$steps" \
      "$warmup" 2>/dev/null | grep '^JAVA_REF')"
done
