# Nabij: the two commands of the README, and the steps they are made of.
#   make run   - install what is missing, build the release, and serve http://127.0.0.1:3000 with
#                demo data (make dev: the debug build, quicker to rebuild while changing code)
#   make test  - every test suite: format, clippy (both targets), unit, integration (SQLite and
#                PostgreSQL), and the browser suite in Chromium (hydrated and without JavaScript)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := 0.2.130
# cargo-leptos builds with this flag; the other cargo commands use it too, so they share its
# artifacts. (It is not exported: cargo-leptos would add its own copy and rebuild everything.)
RUST_FLAGS := RUSTFLAGS="--cfg erase_components"
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# PostgreSQL for the integration tests (a server where tests may create databases).
NABIJ_TEST_POSTGRES_URL ?= postgres:///postgres?host=/var/run/postgresql
export NABIJ_TEST_POSTGRES_URL

.PHONY: help run dev test tools node-tools build build-release fmt-check clippy unit-and-integration postgres-check e2e size bench bench-messaging dashboard-timing load crash faults api-conformance throughput lighthouse clean

help:
	@echo "make run    build the release and serve Nabij on http://127.0.0.1:3000 (SQLite, demo data)"
	@echo "make dev    the same with the debug build (quicker to rebuild while changing code)"
	@echo "make test   run every test suite"

tools:
	@rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@if ! cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)"; then \
	  echo "Installing cargo-leptos $(CARGO_LEPTOS_VERSION) (about 15 minutes, once)"; \
	  cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked; fi
	@if ! wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)"; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi
	@$(MAKE) --no-print-directory node-tools

node-tools:
	@if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -d end2end/node_modules/@playwright/test ]; then \
	  cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund; fi

build: tools
	cargo leptos build

# Type-erased components make the release WebAssembly much smaller (fewer monomorphised views).
# --precompress writes brotli and gzip copies of every static file for the server to send as is.
build-release: tools
	RUSTFLAGS="--cfg erase_components" cargo leptos build --release --precompress

# What a newcomer should see is the product as it is served: the release build (compressed
# files, optimised WebAssembly). Developers rebuild faster with `make dev`.
run: build-release
	./target/release/nabij serve --demo

dev: build
	./target/debug/nabij serve --demo

fmt-check:
	cargo fmt --all -- --check

clippy:
	$(RUST_FLAGS) cargo clippy -p app -p nabij --all-targets --features app/ssr -- -D warnings
	$(RUST_FLAGS) cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

postgres-check:
	@if command -v pg_isready >/dev/null && pg_isready -q -h /var/run/postgresql; then \
	  echo "PostgreSQL reachable: integration tests run against SQLite and PostgreSQL"; \
	else \
	  echo "################################################################################"; \
	  echo "## PostgreSQL is NOT reachable: the PostgreSQL integration tests will FAIL.    ##"; \
	  echo "## Start one (see README) or point NABIJ_TEST_POSTGRES_URL at a server where   ##"; \
	  echo "## tests may create databases, e.g. postgres://user:pw@host/postgres           ##"; \
	  echo "################################################################################"; \
	fi

# One test at a time: each integration test runs the app in its own tokio runtime, and several
# runtimes rendering Leptos pages at once in one process were seen to stall now and then.
unit-and-integration: postgres-check
	$(RUST_FLAGS) timeout 1800 cargo test --workspace --exclude frontend --features app/ssr -- --test-threads=1

e2e: build
	cd end2end && timeout 2700 npx playwright test

# What each public page's first visit transfers, compressed as served (budget 100 KiB a page,
# 60 KiB of it JavaScript and WebAssembly).
size: build-release
	./scripts/page-weight.sh

test: tools fmt-check clippy unit-and-integration e2e
	@echo "All test suites passed."

# Nearest-network lookups at 1,557, 10,000 and 100,000 networks (criterion prints the figures).
bench:
	$(RUST_FLAGS) cargo bench -p app --features ssr --bench nearest

# Messaging: recording an alert to 20,000 households, live delivery to 1,000 pages, e-mails per
# second (SQLite, and PostgreSQL when NABIJ_TEST_POSTGRES_URL is set; the Makefile sets it).
bench-messaging:
	./scripts/bench-messaging.sh

# Server time of each dashboard on the demo data at its size and ten times it, on SQLite and
# PostgreSQL (the release build).
dashboard-timing: build-release postgres-check
	./scripts/dashboard-timing.sh

# Hardening figures against the release build, on SQLite and PostgreSQL (scripts that print,
# never tests): 60 s of mixed traffic at 256 connections (needs wrk), a burst cut by kill -9,
# SMTP down / PostgreSQL restarted / disk full, and the open API against its OpenAPI document
# (schemathesis from PyPI).
load: build-release postgres-check
	./scripts/load.sh

crash: build-release postgres-check
	./scripts/crash.py

faults: build-release postgres-check
	./scripts/faults.sh

api-conformance: build-release
	./scripts/api-conformance.sh

# Lighthouse's four scores, LCP, total blocking time and bytes for the public pages (mobile
# defaults, Debian's Chromium; Lighthouse from npm on first use).
lighthouse: build-release
	./scripts/lighthouse.sh

# Anonymous public pages per second, Nabij (render cache) against nginx sending the same bytes
# (needs wrk and nginx-light).
throughput: build-release
	./scripts/throughput.sh

clean:
	cargo clean
	rm -rf var end2end/node_modules end2end/test-results
