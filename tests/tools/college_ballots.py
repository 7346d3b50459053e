#!/usr/bin/env python3
"""Builds ballots that reproduce a published electoral-college count, round by round.

The published counts of Labour's 2007 deputy leadership and Welsh Labour's 2018 deputy
leadership give each candidate's share of each section in every round, but not the ballots.
This script makes ballots (our CSV layout: section, count, rank1..rankN) whose count in a
college of thirds gives those shares: N ballots a section share out the first round; each
eliminated candidate's ballots then go on to the others in the amounts that make the next
round's published shares (as near as whole ballots allow); a ballot runs out of preferences
only where that is needed to keep the shares. Expected results for the tests
come from the published figures, not from these ballots.

    college_ballots.py ../shared/research/leadership-elections/labour_2007_deputy.json
    college_ballots.py WELSH.json '{"affiliated_unions": 1000, "party_members": 1000,
                                    "mps_ams_meps": 27}'

(The optional JSON gives the ballots of a section; 1,000,000 otherwise.)
"""
import json
import sys

BALLOTS_PER_SECTION = 1_000_000


def shares(cells):
    """Published cells (any scale) -> shares summing to 1."""
    total = sum(cells.values())
    return {name: value / total for name, value in cells.items()}


def apportion(weights, total):
    """Whole numbers in proportion to `weights` summing to `total` (largest remainders)."""
    raw = {name: w * total for name, w in weights.items()}
    whole = {name: int(v) for name, v in raw.items()}
    left = total - sum(whole.values())
    for name in sorted(raw, key=lambda n: (whole[n] - raw[n], n))[:left]:
        whole[name] += 1
    return whole


def section_rounds(contest, section):
    """The published shares of one section, round by round."""
    rounds = []
    for rnd in contest["rounds"]:
        if "weighted_percent_by_section" in rnd:
            cells = {c: v[section] for c, v in rnd["weighted_percent_by_section"].items()}
        else:
            cells = {c: v for c, v in rnd["section_percent"][section].items()}
        rounds.append(shares(cells))
    return rounds


def build_section(contest, section, ballots):
    rounds = section_rounds(contest, section)
    votes = apportion(rounds[0], ballots)
    piles = {name: [([name], n)] for name, n in votes.items() if n > 0}
    finished = []  # ballots that ran out of preferences
    for before, after in zip(contest["rounds"], rounds[1:]):
        for out in before["eliminated"]:
            moving = piles.pop(out, [])
            continuing = sum(n for pile in piles.values() for _, n in pile)
            held = sum(n for _, n in moving)
            # Every ballot moves on; only a candidate whose published share fell (by rounding)
            # would need some to run out, and gets none instead.
            target = apportion(after, continuing + held)
            gains = {c: max(0, target[c] - sum(n for _, n in piles.get(c, []))) for c in after}
            excess = sum(gains.values()) - held
            for c in sorted(gains, key=lambda c: -gains[c]):
                take = min(excess, gains[c]) if excess > 0 else 0
                gains[c] -= take
                excess -= take
            gains[None] = held - sum(gains.values())  # runs out of preferences
            for path, n in moving:
                for c in list(gains):
                    take = min(n, gains[c])
                    if take == 0:
                        continue
                    gains[c] -= take
                    n -= take
                    if c is None:
                        finished.append((path, take))
                    else:
                        piles.setdefault(c, []).append((path + [c], take))
    groups = finished + [g for pile in piles.values() for g in pile]
    return sorted(groups)


def main():
    contest = json.load(open(sys.argv[1]))
    sizes = {s: BALLOTS_PER_SECTION for s in contest["sections"]}
    sizes.update(json.loads(sys.argv[2]) if len(sys.argv) > 2 else {})
    ranks = len(contest["candidates"])
    print(",".join(["section", "count"] + [f"rank{i}" for i in range(1, ranks + 1)]))
    for section in contest["sections"]:
        for path, n in build_section(contest, section, sizes[section]):
            print(",".join([section, str(n)] + path + [""] * (ranks - len(path))))


if __name__ == "__main__":
    main()
