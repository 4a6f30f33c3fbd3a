#!/usr/bin/env python3
"""Each server's throughput against its bare server's in the same round, median over the rounds.

    python3 benchmarks/profile/round-ratios.py OUT.log [OUT2.log ...]

FilterOverhead prints these ratios for its own run ("req/s vs the bare server's in the same
round"); this script pools the rounds of several logs, older ones included. Servers of one round
run minutes apart at most, one after the other: the ratio within a round cancels most of a
drifting host's effect. The bare server of each server is the bare one of the same page: "bare
page", "bare template", "bare api" or "bare post".
"""
import collections
import re
import statistics
import sys

ROUND = re.compile(r'round (\d+)\s+(.+?)\s+([0-9,]+) req/s')


def bare_of(name):
    if 'template' in name:
        return 'bare template'
    if 'post' in name:
        return 'bare post'
    if 'api' in name:
        return 'bare api'
    return 'bare page'


def main(logs):
    ratios = collections.defaultdict(list)
    for log in logs:
        rounds = collections.defaultdict(dict)
        for line in open(log):
            m = ROUND.match(line)
            if m and 'p99.9' not in line:  # not the fixed-rate part's rounds
                rounds[int(m.group(1))][m.group(2).strip()] = float(m.group(3).replace(',', ''))
        for served in rounds.values():
            for name, rate in served.items():
                bare = served.get(bare_of(name))
                if bare and not name.startswith('bare'):
                    ratios[name].append(rate / bare)
    print(f'{"server":<20} {"rounds":>6} {"median":>7} {"min":>6} {"max":>6}   (req/s vs bare, same round)')
    for name, values in ratios.items():
        print(f'{name:<20} {len(values):>6} {statistics.median(values):>7.2f} '
              f'{min(values):>6.2f} {max(values):>6.2f}')


if __name__ == '__main__':
    main(sys.argv[1:])
