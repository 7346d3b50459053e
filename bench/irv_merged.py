#!/usr/bin/env python3
"""A careful Python instant-runoff of our CSV cast-vote record: like irv_plain.py, but it
merges identical ballots as it reads (as scrutineer does), so each round loops over distinct
rankings only. The second yardstick of bench/count.sh. Standard library only; the same rules
as scrutineer's default.

usage: irv_merged.py BALLOTS.csv   prints each round's tally and the winner
"""
import csv
import sys
from collections import Counter


def read_ballots(path):
    ballots = Counter()
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        count_col = header.index("count") if "count" in header else None
        rank_cols = [i for i, name in enumerate(header) if name.startswith("rank")]
        for row in rows:
            ranking = []
            for i in rank_cols:
                if not row[i]:
                    break
                if row[i] in ranking:
                    break
                ranking.append(row[i])
            ballots[tuple(ranking)] += int(row[count_col]) if count_col is not None else 1
    return ballots


def count(ballots):
    candidates = sorted({c for ranking in ballots for c in ranking})
    continuing = set(candidates)
    history = []
    while True:
        tally = {c: 0 for c in continuing}
        for ranking, n in ballots.items():
            for c in ranking:
                if c in continuing:
                    tally[c] += n
                    break
        history.append(tally)
        total = sum(tally.values())
        print(f"round {len(history)}: " + ", ".join(f"{c} {v}" for c, v in sorted(tally.items())))
        leader = max(tally, key=tally.get)
        if 2 * tally[leader] > total or len(continuing) == 1:
            return leader
        fewest = min(tally.values())
        lowest = [c for c in candidates if c in continuing and tally[c] == fewest]
        for earlier in reversed(history[:-1]):
            if len(lowest) == 1:
                break
            least = min(earlier[c] for c in lowest)
            lowest = [c for c in lowest if earlier[c] == least]
        continuing.remove(lowest[0])


if __name__ == "__main__":
    print("elected:", count(read_ballots(sys.argv[1])))
