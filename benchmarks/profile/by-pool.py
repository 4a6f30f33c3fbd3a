#!/usr/bin/env python3
"""CPU samples of the request threads per server, by what they were doing, per request served.

    python3 benchmarks/profile/by-pool.py OUT.collapsed

Reads OUT.collapsed (from filter-profile.sh: cpu samples every 1 ms, thread names first) and
OUT.log (FilterOverhead's output: its request threads' CPU per request, by server). Run with one
bare and one filtered server. Each
Jetty server has a thread pool of its own (qtp<hash>); the pool whose stacks hold SnowplowFilter
is the filtered server's, the other the bare one. A stack counts as the filter's when a frame of
ours is on it other than SnowplowFilter.doFilter calling the chain; the servlet's writes that only
pass through the title capture's writer into Jetty's count as the servlet's.
"""
import collections
import re
import sys

OURS = re.compile(r'io/github/snowplowjakarta/(servlet|core)/')


def ours(frames):
    for i, frame in enumerate(frames):
        if not OURS.search(frame):
            continue
        if ('SnowplowFilter.doFilter' in frame and i + 1 < len(frames)
                and not OURS.search(frames[i + 1])):
            continue  # the filter calling the chain
        return True
    return False


def category(frames):
    s = ';'.join(frames)
    if 'TitleCapture' in s and ('ResponseWriter.write' in s or 'HttpOutput' in s
                                or 'ServletApiResponse.getWriter' in s):
        return 'servlet (Jetty, through the capture)'
    if ours(frames):
        if 'finishOrWait' in s:
            return 'filter: after the chain (page view)'
        if 'SnowplowFilter.start' in s:
            return 'filter: start (consent)'
        if 'TitleCapture' in s:
            return 'filter: title capture wrappers'
        return 'filter: other'
    if 'Fixed.doGet' in s:
        return 'servlet'
    if ('writev' in s or 'SocketChannelImpl.write' in s) and 'sock_def_readable' in s:
        # On loopback the sender's CPU delivers the response and wakes the reader, wrk, if it
        # sleeps: it does so more often the slower the server (kernel frames: perf_events only).
        return 'kernel: wake the load generator (in the response write)'
    if 'writev' in s or 'SocketChannelImpl.write' in s:
        return 'jetty: write response (syscall)'
    if 'SocketChannelImpl.read' in s or 'IOUtil.read' in s:
        return 'jetty: read request (syscall)'
    if 'Unsafe.park' in s or 'Unsafe_Park' in s:
        return 'threads: park'
    if 'unpark' in s.lower() or 'signalNext' in s:
        return 'threads: wake another'
    if 'epoll' in s.lower() or 'ManagedSelector' in s:
        return 'jetty: selector'
    if 'HttpParser' in s:
        return 'jetty: parse'
    if 'completeOutput' in s or 'HttpOutput' in s:
        return 'jetty: complete output (user)'
    if 'ServletChannel' in s or 'ServletHandler' in s:
        return 'jetty: servlet dispatch'
    return 'jetty: other'


def jetty_cpu(log):
    """Each server's request-thread CPU per request, from FilterOverhead's table (whole run)."""
    cpu, table = {}, False
    for line in open(log):
        if line.startswith('CPU µs/request'):
            table = True
        elif table and not line.strip():
            break
        elif table:
            m = re.match(r'(.+?)\s+([0-9.]+)\s', line)
            if m:
                cpu[m.group(1).strip()] = float(m.group(2))
    return cpu


def main(collapsed):
    pools = collections.defaultdict(collections.Counter)
    filter_samples = collections.Counter()
    other = collections.Counter()
    for line in open(collapsed):
        stack, count = line.rstrip('\n').rsplit(' ', 1)
        frames = stack.split(';')
        pool = re.match(r'\[(qtp\d+)', frames[0])
        if pool:
            pools[pool.group(1)][category(frames)] += int(count)
            if 'SnowplowFilter.doFilter' in stack:
                filter_samples[pool.group(1)] += int(count)
        else:
            thread = frames[0]
            other['emitter' if 'snowplow-emitter' in thread
                  else 'JIT' if 'CompilerThre' in thread
                  else 'VM thread (serial GC)' if 'VM Thread' in thread
                  else 'other'] += int(count)
    # The profile's window need not cover each server's rounds alike (it starts and stops on a
    # timer), so samples are turned into shares, and shares into µs with the request threads' CPU
    # per request that FilterOverhead measured over the whole run.
    cpu = jetty_cpu(collapsed.replace('.collapsed', '.log'))
    bare = [name for name in cpu if name.startswith('bare')]
    filtered = [name for name in cpu if not name.startswith('bare')]
    if len(bare) != 1 or len(filtered) != 1:
        sys.exit(f'expected one bare and one filtered server, the log has {list(cpu)}')
    # The filtered pool is the one whose stacks pass through the filter: a few frames of ours can
    # show up in the bare pool too, where the JIT shares compiled code between the servers.
    filtered_pool = filter_samples.most_common(1)[0][0] if filter_samples else None
    for pool, counts in pools.items():
        name = filtered[0] if pool == filtered_pool else bare[0]
        total = sum(counts.values())
        print(f'{name} ({pool}): {total} samples, {cpu[name]:.2f} µs/request measured')
        for k, n in sorted(counts.items()):
            print(f'  {100 * n / total:5.1f} %  {cpu[name] * n / total:6.2f} µs  {k}')
    print('other threads, samples (their CPU per request is in the log):')
    for k, n in other.most_common():
        print(f'  {k}: {n}')


if __name__ == '__main__':
    main(sys.argv[1])
