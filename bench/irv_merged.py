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

from irv_plain import count  # the same rounds, over (ranking, count) pairs


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


if __name__ == "__main__":
    print("elected:", count(list(read_ballots(sys.argv[1]).items())))
