# Scrutineer: two commands on a fresh Debian 12 machine.
#   make run    installs what is missing, builds, runs the Labour-2016-shaped election demo, then
#               serves a small demo election to vote in (scrutineer serve --demo; Ctrl-C ends it)
#   make test   installs what is missing, builds, and passes every test (what CI runs)
# Other targets: build, test-release, test-sanitize, fuzz, bench, bench-store, bench-web, lint,
# format, clean.

SHELL := /bin/bash
.DEFAULT_GOAL := run

# Debian packages the build, tests, fuzzers and benchmarks need (docs/dependencies.md).
PACKAGES := cmake ninja-build g++ make pkg-config python3 git \
  libgtest-dev libgmock-dev libbenchmark-dev \
  nlohmann-json3-dev libcli11-dev libsodium-dev libgmp-dev libtomlplusplus-dev libsqlite3-dev \
  libcurl4-openssl-dev python3-aiosmtpd \
  postgresql libpq-dev libcpp-httplib-dev libssl-dev openssl chromium nodejs \
  clang libclang-rt-14-dev clang-format clang-tidy hyperfine time
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FUZZ_SECONDS ?= 5
EXAMPLE := examples/labour_2016_leader

.PHONY: setup build run test test-release test-sanitize fuzz bench bench-store bench-web lint format \
  clean

# $(call with_postgres,DIR,COMMAND): runs COMMAND with SCRUTINEER_TEST_POSTGRES set to a
# throwaway PostgreSQL server (tests/postgres_server.sh, state in DIR), stopped afterwards
# whether COMMAND passes or fails; the target fails when COMMAND does.
define with_postgres
	@url=$$(tests/postgres_server.sh start $(1)) || exit 1; \
	trap 'tests/postgres_server.sh stop $(1)' EXIT; \
	export SCRUTINEER_TEST_POSTGRES=$$url; \
	echo "SCRUTINEER_TEST_POSTGRES=$$url $(2)"; \
	$(2)
endef

# $(call configure,PRESET,DIR): configures DIR with PRESET (Ninja); a DIR made by another
# generator (an older checkout's Makefiles) is removed first, as CMake cannot switch in place.
define configure
	@if [ -f $(2)/CMakeCache.txt ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$$' $(2)/CMakeCache.txt; then \
	  rm -rf $(2); fi
	@cmake --preset $(1) >/dev/null
endef

# Installs only what is missing, so it is quick and needs no network when all is there. npm
# is looked for as a command: Node.js packaged elsewhere brings its own.
setup:
	@missing=$$(for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: setup
	$(call configure,release,build)
	@cmake --build --preset release

# The demo, then a small election to vote in at http://127.0.0.1:8080/ with the codes printed
# (a fresh store each time: build/serve-demo.db).
run: build
	./build/scrutineer demo --store build/demo.db --definition $(EXAMPLE)/election.toml
	rm -f build/serve-demo.db build/serve-demo.db-wal build/serve-demo.db-shm
	./build/scrutineer serve --demo --store build/serve-demo.db --listen 127.0.0.1:8080

test: test-release test-sanitize fuzz lint

test-release: build
	$(call with_postgres,build/postgres,ctest --preset release)

# Every test again under address and undefined-behaviour sanitizers.
test-sanitize: setup
	$(call configure,dev,build-dev)
	@cmake --build --preset dev
	$(call with_postgres,build-dev/postgres,ctest --preset dev)

fuzz: setup
	$(call configure,fuzz,build-fuzz)
	@cmake --build --preset fuzz --target fuzz_csv fuzz_blt fuzz_preflib fuzz_election_toml
	@for target in csv blt preflib election_toml; do \
	  mkdir -p build-fuzz/corpus-$$target; \
	  echo "fuzz_$$target: $(FUZZ_SECONDS) s"; \
	  ./build-fuzz/fuzz/fuzz_$$target -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=build-fuzz/ build-fuzz/corpus-$$target fuzz/corpus/$$target \
	    2>&1 | grep -E 'stat::number_of_executed_units|ERROR|SUMMARY' ; \
	  test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

bench: build
	bench/count.sh

# Ballots a second through Store::Cast, durable commits, on SQLite and PostgreSQL.
bench-store: build
	$(call with_postgres,build/postgres,./build/bench/cast_bench)

# Ballots a second and latency over HTTP, 200 voters at once, on SQLite and PostgreSQL.
bench-web: build
	$(call with_postgres,build/postgres,./build/bench/web_bench)

# clang-tidy (.clang-tidy) over the sources, tests excluded; any finding fails.
lint: build
	@echo "clang-tidy over src/"
	@! run-clang-tidy -quiet -p build '^(?!.*_test\.cc$$).*/src/.*\.cc$$' 2>/dev/null \
	  | sed 's/\x1b\[[0-9;]*m//g' | grep -E 'warning:|error:'

format:
	find src tests bench fuzz -name '*.cc' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf build build-dev build-fuzz build-ci
