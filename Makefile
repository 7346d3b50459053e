# Scrutineer: two commands on a fresh Debian 12 machine.
#   make run    installs what is missing, builds, and counts the bundled Labour 2016 example
#   make test   installs what is missing, builds, and passes every test (what CI runs)
# Other targets: build, test-release, test-sanitize, fuzz, bench, lint, format, clean.

SHELL := /bin/bash
.DEFAULT_GOAL := run

# Debian packages the build, tests, fuzzers and benchmarks need (docs/dependencies.md).
PACKAGES := cmake g++ make pkg-config python3 git \
  libgtest-dev libgmock-dev libbenchmark-dev \
  nlohmann-json3-dev libcli11-dev libsodium-dev libgmp-dev \
  clang libclang-rt-14-dev clang-format clang-tidy hyperfine time
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FUZZ_SECONDS ?= 20
EXAMPLE := examples/labour_2016_leader

.PHONY: setup build run test test-release test-sanitize fuzz bench lint format clean

# Installs only what is missing, so it is quick and needs no network when all is there.
setup:
	@missing=$$(for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release

run: build
	./build/scrutineer count $(EXAMPLE)/ballots.csv --contest $(EXAMPLE)/contest.json \
	  --electorate 654006

test: test-release test-sanitize fuzz lint

test-release: build
	ctest --preset release

# Every test again under address and undefined-behaviour sanitizers.
test-sanitize: setup
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev
	ctest --preset dev

fuzz: setup
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz --target fuzz_csv fuzz_blt fuzz_preflib
	@for target in csv blt preflib; do \
	  mkdir -p build-fuzz/corpus-$$target; \
	  echo "fuzz_$$target: $(FUZZ_SECONDS) s"; \
	  ./build-fuzz/fuzz/fuzz_$$target -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=build-fuzz/ build-fuzz/corpus-$$target fuzz/corpus/$$target \
	    2>&1 | grep -E 'stat::number_of_executed_units|ERROR|SUMMARY' ; \
	  test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

bench: build
	bench/count.sh

# clang-tidy (.clang-tidy) over the sources, tests excluded; any finding fails.
lint: build
	@echo "clang-tidy over src/"
	@! run-clang-tidy -quiet -p build '^(?!.*_test\.cc$$).*/src/.*\.cc$$' 2>/dev/null \
	  | sed 's/\x1b\[[0-9;]*m//g' | grep -E 'warning:|error:'

format:
	find src tests bench fuzz -name '*.cc' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf build build-dev build-fuzz build-ci
