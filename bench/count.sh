#!/usr/bin/env bash
# The counting benchmark of issue "the leadership count": N synthetic ranked ballots, 10
# candidates, seed 42 (../shared/tools/gen_ballots.py), read and counted by instant-runoff.
# Prints, for each N: wc -l's time on the same file (page cache warm), scrutineer's time and
# peak memory, their ratio, and (for 2,000,000) a plain Python instant-runoff's time.
#
# usage: bench/count.sh [N ...]     default: 2000000 10000000
set -euo pipefail
cd "$(dirname "$0")/.."
scrutineer=build/scrutineer
data=build/bench-data
mkdir -p "$data"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000000 10000000)

# Mean wall time in milliseconds of a command over several runs (hyperfine).
mean_ms() {
  hyperfine --warmup 2 --runs "${RUNS:-10}" --export-json "$data/h.json" "$1" >/dev/null 2>&1
  python3 -c "import json; print(round(json.load(open('$data/h.json'))['results'][0]['mean'] * 1000, 1))"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for n in "${sizes[@]}"; do
  file="$data/ballots-$n.csv"
  if [ ! -s "$file" ]; then
    echo "generating $file"
    python3 ../shared/tools/gen_ballots.py "$n" 10 42 > "$file"
  fi
  bytes=$(stat -c %s "$file")
  wc_ms=$(mean_ms "wc -l $file")
  ours_ms=$(mean_ms "$scrutineer count $file --format json")
  peak_kb=$(/usr/bin/time -f %M "$scrutineer" count "$file" --format json 2>&1 >/dev/null | tail -1)
  echo "$n ballots, $((bytes / 1000000)) MB:"
  echo "  wc -l              ${wc_ms} ms"
  echo "  scrutineer count   ${ours_ms} ms  ($(python3 -c "print(round($ours_ms / $wc_ms, 1))") x wc -l)"
  echo "  peak memory        $((peak_kb / 1024)) MiB  ($(python3 -c "print(round(100 * $peak_kb * 1024 / $bytes))")% of the file)"
  if [ "$n" -le 2000000 ] && [ -z "${SKIP_PYTHON:-}" ]; then
    start=$(date +%s.%N)
    python3 bench/irv_baseline.py "$file" > /dev/null
    py_ms=$(python3 -c "print(round(($(date +%s.%N) - $start) * 1000))")
    echo "  python baseline    ${py_ms} ms  ($(python3 -c "print(round($py_ms / $ours_ms))") x slower than scrutineer)"
  fi
done
