# CryptoSignal platform. `make` alone prints this help.
SHELL := /bin/bash
.DEFAULT_GOAL := help
NPM_CI_STAMP := node_modules/.install-stamp
PY := .venv/bin/python
FEATURES_MATRIX := out/features.arrow
TRAIN_ARGS ?=

.PHONY: help install build lint test test-unit test-int test-py test-ops audit demo up bench train infra-up infra-down infra-status clean

help: ## Print this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(NPM_CI_STAMP): package.json package-lock.json
	ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund
	@touch $@

install: $(NPM_CI_STAMP) ## Install Node dependencies (npm ci) and the Python venv
	@bash scripts/python-venv.sh

build: $(NPM_CI_STAMP) ## Generate contracts and compile every TypeScript workspace
	npm run build

lint: build ## Biome lint + format check, import boundaries, buf lint
	npm run lint
	@if [ -x libs/contracts/scripts/buf-check.sh ]; then libs/contracts/scripts/buf-check.sh; fi

test-unit: build ## Unit tests (no infrastructure)
	npm run test:unit

test-int: build infra-up ## Integration tests against real Kafka, PostgreSQL and Redis (and headless Chromium)
	@bash scripts/ensure-chromium.sh
	source infra/env.sh && npm run test:int
	bash infra/postgres/test-roles.sh

test-py: install ## Python tests (ml/)
	@bash scripts/python-test.sh

test-ops: ## Offline checks of alert rules (promtool), dashboards, docker-compose and the Helm chart
	bash scripts/ops-check.sh

audit: install ## npm audit --omit=dev and pip-audit of .venv; fails on high/critical; CS_AUDIT_REQUIRED=1 also when one cannot run
	bash scripts/audit.sh

test: install lint test-unit test-int test-py test-ops audit ## Everything CI runs: install, lint, unit, integration, Python and ops checks, dependency audit
	@echo "make test: all suites passed"

demo: build ## Run the main job on the shipped real data (embedded mode) -> out/demo/
	npx cryptosignal demo

up: build infra-up ## Start local infrastructure and every service as its own process (distributed mode)
	npx cryptosignal up

bench: build infra-up ## Benchmarks (parsers, factors, bus, recorder, collector, inference), one JSON line each
	@source infra/env.sh && bash bench/run.sh

train: install build ## Train the shipped models into models/ from data/market (seeded, CPU); TRAIN_ARGS="--profile full --device cuda" for full size
	@mkdir -p out
	npx cryptosignal features export --data data/market --out $(FEATURES_MATRIX) --no-progress
	$(PY) -m cryptosignal_ml.train --matrix $(FEATURES_MATRIX) --out models $(TRAIN_ARGS)

infra-up: ## Install (if missing) and start Kafka, PostgreSQL, Redis, Prometheus on loopback
	@bash infra/scripts/up.sh

infra-down: ## Stop the local infrastructure
	@bash infra/scripts/down.sh

infra-status: ## Show what is running
	@bash infra/scripts/status.sh

clean: ## Remove build outputs (keeps node_modules, .venv and infra data)
	rm -rf out libs/*/dist services/*/dist libs/contracts/src/gen
