#!/usr/bin/env bash
# The whole pipeline on a small synthetic project, tracked in the local MLflow file store (./mlruns):
# demo-data -> raw -> all -> train_val -> test (+ most-popular baseline) -> inference.
# Usage: scripts/demo.sh [project-name]   (default: demo; writes projects/<name>/)
set -euo pipefail
cd "$(dirname "$0")/.."
project="${1:-demo}"
jar=launcher/target/bert4rec.jar

if [ ! -f "$jar" ] || [ -n "$(find . -name '*.java' -newer "$jar" -print -quit)" ] || [ pom.xml -nt "$jar" ]; then
  echo "== building $jar"
  mvn -B -q package -DskipTests
fi
b4r() { echo "== bert4rec $*"; java -jar "$jar" "$@"; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
b4r demo-data --project "$project"
b4r raw --project "$project" --task train_val_test
b4r all --project "$project" --task train_val_test --bert_config config/bert_config_demo.json --dupe_factor 5
# train_val's defaults (learning rate 2e-3, Adam with bias correction, batch 128, dynamic masking) with a schedule
# of 800 steps, which this small project needs
b4r train_val --project "$project" --model_name demo_model --num_train_steps 800 --num_warmup_steps 50 \
    --save_checkpoints_steps 200 --log_every_steps 100
b4r test --project "$project" --model_name demo_model --baseline most_popular 2>&1 | tee "$log"
b4r raw --project "$project" --task inference --vocab_exist 1
b4r all --project "$project" --task inference --bert_config config/bert_config_demo.json \
    --vocab_filename "projects/$project/references/$project.vocab"
b4r inference --project "$project" --model_name demo_model --is_embeddings true --is_items_preds true \
    --predictions_per_user 10
end=$(date +%s)

results="projects/$project/results/demo_model"
echo
echo "== demo finished in $((end - start)) s"
echo "test metrics, full ranking ($results/test_results.txt and test_results_most_popular.txt):"
sed -n '/metric  *model  *most_popular/,/users/p' "$log"
echo
echo "outputs:"
echo "  data:        projects/$project/data/{interim,processed}/, vocabulary projects/$project/references/"
echo "  model:       projects/$project/models/demo_model/ (checkpoints, configs, TensorBoard events)"
echo "  results:     $results/ (validation, test, next items, embeddings)"
echo "  MLflow runs: ./mlruns (mlflow ui --backend-store-uri ./mlruns)"
echo "  curves:      tensorboard --logdir projects/$project/models"
