#!/bin/bash
# Set-up B of FilterOverhead (the server JVM alone on CPU 1) with async-profiler attached through
# jcmd after the warm-up and the first round (the JIT has settled by then) until the end of the run.
#
#   benchmarks/profile/filter-profile.sh JAR OUT [servers] [rounds]
#
# JAR: benchmarks/target/benchmarks.jar; OUT: prefix of OUT.log (FilterOverhead's output) and
# OUT.collapsed (the profile, one line per stack, thread names first). ASYNC_PROFILER: the path of
# libasyncProfiler.so, from the jar of tools.profiler:async-profiler (Maven Central), e.g.
#   mvn dependency:get -Dartifact=tools.profiler:async-profiler:4.2
#   unzip ~/.m2/repository/tools/profiler/async-profiler/4.2/async-profiler-4.2.jar \
#     'linux-x64/*' -d /tmp/async-profiler
#   export ASYNC_PROFILER=/tmp/async-profiler/linux-x64/libasyncProfiler.so
# EVENT (cpu) and INTERVAL (1ms) pick what is sampled: EVENT=alloc INTERVAL=65536 for allocations.
# WARMUP (5) is each server's warm-up in seconds.
# perf_events (cpu) need root where kernel.perf_event_paranoid is 2; else EVENT=itimer.
set -e
JAR=$1; OUT=$2; SERVERS=${3:-bare page,with filter}; ROUNDS=${4:-5}; WARMUP=${WARMUP:-5}
AP=${ASYNC_PROFILER:?set ASYNC_PROFILER to libasyncProfiler.so}
n=$(echo "$SERVERS" | tr ',' '\n' | wc -l)
taskset -c 1 java -Dload.cpus=0 -Dwarmup.seconds="$WARMUP" -Dservers="$SERVERS" -cp "$JAR" \
  io.github.snowplowjakarta.benchmarks.FilterOverhead "$ROUNDS" 10 16 > "$OUT.log" 2>&1 &
PID=$!
sleep $((3 + (WARMUP - 2) * n + 10 * n)) # start-up, warm-up, round 1
# jcmd takes key=value words as its own options: the agent's options go quoted, as one word.
jcmd $PID JVMTI.agent_load "$AP" "\"start,event=${EVENT:-cpu},interval=${INTERVAL:-1ms},threads\"" > /dev/null
sleep $((10 * n * (ROUNDS - 1) - 2))
jcmd $PID JVMTI.agent_load "$AP" "\"stop,file=$OUT.collapsed,collapsed\"" > /dev/null
wait $PID
grep -v '^SLF4J' "$OUT.log"
