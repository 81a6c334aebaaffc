# bert4rec: build, tests, demo, and the seed pipeline's one-target-per-stage workflow (docs/TRACKING.md).
#
#   make build | test | demo | bench
#   make <stage>                 e.g. make data_processing_raw_train_val_test, make train_val, make inference
#   make <stage> -e F='-f'       force the stage (dvc repro -f), as in the seed
#   make <stage> PUSH=1          also git add/commit/push before the stage, as the seed always did
#   make test_stage              the seed's `make test` (the `test` target runs the unit tests)
#
# Each stage target: writes its name to config/new_experiment_stage.txt, creates a new MLflow experiment for it
# (bert4rec make-exp), records the git commit, then runs `dvc repro <stage> $(F)`; without DVC installed it runs
# the stage's command from dvc.yaml directly, and says so.

SHELL := /bin/bash
JAVA ?= java
MVN ?= mvn
F ?=
PUSH ?= 0
JAR := launcher/target/bert4rec.jar
MODULES := utils data-processing bert4rec-model train-test-inf launcher
SOURCES := $(shell find $(MODULES) -path '*/src/main/*' -type f 2>/dev/null) pom.xml $(wildcard $(addsuffix /pom.xml,$(MODULES)))

TASKS := train_val_test train_val test inference
DATA_STAGES := $(addprefix data_processing_raw_,$(TASKS)) $(addprefix data_processing_all_,$(TASKS))
STAGES := $(DATA_STAGES) train_val inference

.PHONY: help build test demo bench make-exp dvc-create test_stage $(STAGES)

help:
	@echo "make build          build $(JAR) (mvn -B -q package -DskipTests)"
	@echo "make test           run every unit test (mvn -B test)"
	@echo "make demo           the whole pipeline on a small generated project (scripts/demo.sh)"
	@echo "make bench          benchmarks (scripts/bench.sh)"
	@echo "make <stage>        one pipeline stage, tracked in a new MLflow experiment; stages:"
	@echo "                    $(DATA_STAGES)"
	@echo "                    train_val test_stage inference"
	@echo "                    options: F='-f' (force), PUSH=1 (git add/commit/push first)"
	@echo "make dvc-create     write dvc.yaml for the current project (ARGS='--model_name m ...')"

build:
	$(MVN) -B -q package -DskipTests

test:
	$(MVN) -B test

demo:
	scripts/demo.sh

bench:
	scripts/bench.sh

$(JAR): $(SOURCES)
	$(MVN) -B -q package -DskipTests

make-exp: $(JAR)
	$(JAVA) -jar $(JAR) make-exp $(ARGS)

dvc-create: $(JAR)
	$(JAVA) -jar $(JAR) dvc-create $(ARGS)

# One recipe for every stage; $(1) is the DVC stage name.
define run_stage
	@echo "$(1)" > config/new_experiment_stage.txt
	@$(JAVA) -jar $(JAR) make-exp
	@commit=$$(git rev-parse HEAD 2>/dev/null || echo "none (not a git work tree)"); \
	  dirty=$$(git status --porcelain -- . ':(exclude)config/new_experiment_stage.txt' 2>/dev/null | head -c1); \
	  echo "stage $(1): code at commit $$commit$${dirty:+, with uncommitted changes (the run logs them)}"
	@if [ "$(PUSH)" = "1" ]; then \
	  git add . && { git diff --cached --quiet || git commit -q -m "run stage $(1)"; } && git push; \
	fi
	@if command -v dvc >/dev/null 2>&1; then \
	  echo "dvc repro $(1) $(F)"; \
	  dvc repro $(1) $(F); \
	else \
	  cmd=$$(awk -v stage="  $(1):" '$$0 == stage {found = 1; next} found && /^    cmd: / {sub(/^    cmd: /, ""); print; exit} found && /^  [^ ]/ {exit}' dvc.yaml 2>/dev/null); \
	  if [ -z "$$cmd" ]; then \
	    echo "error: dvc.yaml has no stage $(1): run 'make dvc-create' (with ARGS='--task ...' for this task's stages)" >&2; \
	    exit 1; \
	  fi; \
	  echo "dvc is not installed: running stage $(1) directly, without DVC's caching and upstream checks: $$cmd"; \
	  eval "$$cmd"; \
	fi
endef

$(STAGES): $(JAR)
	$(call run_stage,$@)

test_stage: $(JAR)
	$(call run_stage,test)
