#!/usr/bin/env bash
# The filter's instructions per request, counted by callgrind (issue 8, Done #4): the same
# fixed workload (examples/filter_workload.rs: COUNT requests after a warm-up, inside a function
# callgrind collects alone with --toggle-collect) on the bare pipe (Root\IoLab) and on the
# monitored pipe (Root\IoLabMonitored) with monitoring on and off, for PING, a 64-byte ECHO and
# a 64-byte WRITE then READ. Instruction counts do not depend on machine load, and the
# simulation is deterministic, so every run gives the same numbers.
#
# Two figures per request for each stack, and what each adds over the bare run of the same
# workload (the monitored run minus the bare one):
#   driver: the driver's own code: the exclusive (self) cost of every function of the iolab and
#           iolab_protocol crates (the filter, the monitor, the src/wdf wrappers and trampolines;
#           what is inlined into them is theirs), plus the calls those functions make to code
#           outside kmdf-sim (libc's memcpy for the pipe's FIFO copies). Calls into kmdf_sim (the
#           DDIs, KeQueryInterruptTimePrecise, the ETW check) are the framework's. The pipe's own
#           share is the same in both runs and cancels out. Checked against LIMIT (1,000, issue
#           8's target) for monitoring on.
#   total:  everything the measured loop executed, kmdf-sim's simulated framework included (its
#           DDIs cost hundreds to thousands of instructions each; a real KMDF's cost
#           differently), for context.
#
# Usage: benches/callgrind-filter.sh [--functions]   (COUNT=1000 LIMIT=1000 by default)
#   --functions  also lists the driver's functions per request for each stack
# Needs valgrind (callgrind, callgrind_annotate). Outputs in target/callgrind-filter/.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-1000}
LIMIT=${LIMIT:-1000}
FUNCTIONS=0
case "${1:-}" in
    "") ;;
    --functions) FUNCTIONS=1 ;;
    *) echo "usage: benches/callgrind-filter.sh [--functions]" >&2; exit 2 ;;
esac

if ! command -v valgrind >/dev/null 2>&1 || ! command -v callgrind_annotate >/dev/null 2>&1; then
    echo "callgrind-filter: needs valgrind and callgrind_annotate (apt-get install valgrind)" >&2
    exit 2
fi

target=${CARGO_TARGET_DIR:-target}
out=$target/callgrind-filter
mkdir -p "$out"
# The bench profile (release, LTO): the code `cargo bench` measures.
cargo build -q -p iolab --profile bench --example filter_workload
bin=$target/release/examples/filter_workload

# Prints "total driver" (instructions, whole run) of one `callgrind_annotate --tree=calling`
# output, and writes what the driver's share is made of (instructions, name) to $2. Fails if the
# functions do not add up to the program total (callgrind_annotate left some out, or its format
# changed).
sums() {
    awk -v parts="$2" '
        function name(line) {
            sub(/^ *[0-9,]+ \( *[0-9.]+%\) +[*>] +/, "", line)
            sub(/^[^:]*:/, "", line)            # the source file (??? without debug info)
            sub(/ \[[^]]*\]$/, "", line)        # the object file
            sub(/ \([0-9,]+x\)$/, "", line)     # a call count
            sub(/\x27[0-9]+$/, "", line)         # a recursion level
            return line
        }
        function cost(field) { gsub(",", "", field); return field + 0 }
        /PROGRAM TOTALS/ { total = cost($1); next }
        # A function and its self cost.
        /^ *[0-9,]+ \( *[0-9.]+%\)  \*  / {
            fn = name($0); ir = cost($1); listed += ir
            in_driver = fn ~ /^<?iolab(_protocol)?::/
            if (in_driver) { driver += ir; by[fn] += ir }
            next
        }
        # One of its callees, with the inclusive cost of those calls: the driver calling code
        # outside the simulator (libc memcpy, core, alloc) is the driver spending it.
        /^ *[0-9,]+ \( *[0-9.]+%\)  >   / && in_driver {
            callee = name($0)
            if (callee !~ /^<?iolab(_protocol)?::/ && callee !~ /kmdf_sim/) {
                ir = cost($1); driver += ir; by[callee " (called by the driver)"] += ir
            }
        }
        END {
            if (total == "" || listed != total) {
                printf "callgrind-filter: functions add up to %s of %s\n", listed, total > "/dev/stderr"
                exit 1
            }
            for (f in by) printf "%d %s\n", by[f], f > parts
            printf "%d %d\n", total, driver
        }' "$1"
}

declare -A total driver requests
for workload in ping echo-64 write-read-64; do
    for stack in bare on off; do
        run="$out/$stack-$workload"
        report=$(valgrind --tool=callgrind --callgrind-out-file="$run.out" \
            --toggle-collect='filter_workload::workload::measured' \
            "$bin" "$stack" "$workload" "$COUNT" 2>"$run.log")
        # "on ping x 1000 (+16 warm-up): 1000 requests"
        requests[$stack-$workload]=$(sed -n 's/.*: \([0-9]*\) requests$/\1/p' <<<"$report")
        callgrind_annotate --threshold=100 --inclusive=no --tree=calling "$run.out" >"$run.txt"
        sum=$(sums "$run.txt" "$run.functions") # set -e: a failed sum ends the script
        read -r t d <<<"$sum"
        if [ "$d" -eq 0 ]; then
            # No function recognised as the driver's (symbol names changed?): a count of 0 would
            # pass the check without measuring anything.
            echo "callgrind-filter: no iolab function found in $run.txt" >&2
            exit 1
        fi
        total[$stack-$workload]=$t
        driver[$stack-$workload]=$d
    done
done

per() { awk -v a="$1" -v n="$2" 'BEGIN { printf "%.0f", a / n }'; }
failed=0
printf 'callgrind: instructions per request (%s x each workload; monitored minus bare = added)\n' "$COUNT"
printf '%-14s %-5s %12s %12s %14s %14s\n' workload stack driver total "driver added" "total added"
for workload in ping echo-64 write-read-64; do
    n=${requests[bare-$workload]}
    bare_driver=$(per "${driver[bare-$workload]}" "$n")
    bare_total=$(per "${total[bare-$workload]}" "$n")
    printf '%-14s %-5s %12s %12s %14s %14s\n' "$workload" bare "$bare_driver" "$bare_total" - -
    for stack in on off; do
        d=$(per "${driver[$stack-$workload]}" "$n")
        t=$(per "${total[$stack-$workload]}" "$n")
        added=$(per "$((driver[$stack-$workload] - driver[bare-$workload]))" "$n")
        total_added=$(per "$((total[$stack-$workload] - total[bare-$workload]))" "$n")
        printf '%-14s %-5s %12s %12s %14s %14s\n' "$workload" "$stack" "$d" "$t" "$added" "$total_added"
        if [ "$stack" = on ] && [ "$added" -ge "$LIMIT" ]; then
            echo "callgrind-filter: $workload with monitoring on adds $added driver instructions per request (limit $LIMIT)" >&2
            failed=1
        fi
    done
    if [ "$FUNCTIONS" = 1 ]; then
        for stack in bare on off; do
            echo "  driver functions, $stack (instructions per request):"
            sort -rn "$out/$stack-$workload.functions" |
                awk -v n="$n" '{ ir = $1; $1 = ""; printf "    %8.1f %s\n", ir / n, substr($0, 2) }'
        done
    fi
done
printf 'driver = the iolab and iolab_protocol functions (self cost and their calls outside kmdf-sim); total = every instruction, kmdf-sim included\n'
if [ "$failed" = 0 ]; then
    echo "callgrind-filter: the driver adds fewer than $LIMIT instructions per monitored request"
fi
exit "$failed"
