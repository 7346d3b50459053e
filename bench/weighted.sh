#!/usr/bin/env bash
# Instant-runoff by points per district and in a college, against the same count unweighted:
# N synthetic ranked ballots (../shared/tools/gen_ballots.py N C 42), each given one of D
# districts at random (seed 7), counted with --points 100 (every district's shares exact,
# as GMP rationals) and with a college of D equal sections. Prints the mean wall times.
#
# usage: bench/weighted.sh [N [C [D]]]     default: 270000 14 338 (a Canadian leadership)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-270000}
c=${2:-14}
d=${3:-338}
data=build/bench-data
mkdir -p "$data"
file="$data/districts-$n-$c-$d.csv"
if [ ! -s "$file" ]; then
  python3 ../shared/tools/gen_ballots.py "$n" "$c" 42 | python3 -c "
import random, sys
random.seed(7)
sys.stdout.write(sys.stdin.readline())
for line in sys.stdin:
    sys.stdout.write('d%04d' % random.randrange($d) + line[line.index(','):])
" > "$file"
fi
college=$(python3 -c "print(','.join('d%04d=1' % i for i in range($d)))")
hyperfine -N --warmup 1 --runs "${RUNS:-10}" \
  -n unweighted "build/scrutineer count $file" \
  -n "points ($d districts)" "build/scrutineer count $file --points 100" \
  -n "college ($d sections)" "build/scrutineer count $file --college $college" 2>&1 |
  grep -E '^Benchmark|Time \(mean'
