#!/usr/bin/env bash
# The counting benchmark of the leadership count: N synthetic ranked ballots, C candidates,
# seed 42 (../shared/tools/gen_ballots.py), read and counted by instant-runoff. For each file:
# wc -l's time on it (page cache warm), scrutineer's time and peak memory, their ratio, and
# (up to 2,000,000 ballots) two Python instant-runoffs: the textbook one (irv_plain.py) and
# one that merges identical ballots (irv_merged.py).
#
# usage: bench/count.sh [N[:C] ...]     default: 2000000 10000000 (10 candidates)
set -euo pipefail
cd "$(dirname "$0")/.."
scrutineer=build/scrutineer
data=build/bench-data
mkdir -p "$data"
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(2000000 10000000)

# Mean wall time in milliseconds of a command over several runs (hyperfine).
mean_ms() {
  hyperfine -N --warmup 2 --runs "${RUNS:-10}" --export-json "$data/h.json" "$1" >/dev/null 2>&1
  python3 -c "import json; print(round(json.load(open('$data/h.json'))['results'][0]['mean'] * 1000, 1))"
}

# Wall time in milliseconds of one run of a command.
once_ms() {
  local start
  start=$(date +%s.%N)
  "$@" > /dev/null
  python3 -c "print(round(($(date +%s.%N) - $start) * 1000))"
}

ratio() { python3 -c "print(round($1 / $2, 1))"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for spec in "${cases[@]}"; do
  n=${spec%%:*}
  c=10
  [[ "$spec" == *:* ]] && c=${spec##*:}
  file="$data/ballots-$n-$c.csv"
  if [ ! -s "$file" ]; then
    echo "generating $file"
    python3 ../shared/tools/gen_ballots.py "$n" "$c" 42 > "$file"
  fi
  bytes=$(stat -c %s "$file")
  wc_ms=$(mean_ms "wc -l $file")
  ours_ms=$(mean_ms "$scrutineer count $file --format json")
  peak_kb=$(/usr/bin/time -f %M "$scrutineer" count "$file" --format json 2>&1 >/dev/null | tail -1)
  echo "$n ballots, $c candidates, $((bytes / 1000000)) MB:"
  echo "  wc -l              ${wc_ms} ms"
  echo "  scrutineer count   ${ours_ms} ms  ($(ratio "$ours_ms" "$wc_ms") x wc -l)"
  echo "  peak memory        $((peak_kb / 1024)) MiB  ($(python3 -c "print(round(100 * $peak_kb * 1024 / $bytes))")% of the file)"
  if [ "$n" -le 2000000 ] && [ -z "${SKIP_PYTHON:-}" ]; then
    plain_ms=$(once_ms python3 bench/irv_plain.py "$file")
    merged_ms=$(once_ms python3 bench/irv_merged.py "$file")
    echo "  python, textbook   ${plain_ms} ms  ($(ratio "$plain_ms" "$ours_ms") x scrutineer's time)"
    echo "  python, merging    ${merged_ms} ms  ($(ratio "$merged_ms" "$ours_ms") x scrutineer's time)"
  fi
done
