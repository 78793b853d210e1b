#!/usr/bin/env bash
# Runs the workspace's test binaries under valgrind's memcheck; any invalid access, use of
# uninitialised memory, bad free or definitely/indirectly lost block fails the step. Usage:
# .ci/memcheck.sh (from anywhere; installs valgrind with apt if it is missing). Every test binary
# of the workspace runs, less one test (a million requests); why: kmdf-sim/README.md, "Undefined
# behaviour and memcheck". About 2 minutes on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v valgrind >/dev/null 2>&1; then
    echo "memcheck: installing valgrind"
    if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends valgrind
fi
valgrind --version

# Test binaries to leave out entirely, by target name (none today; see the README).
EXCLUDED=" "
# Tests to skip inside a binary: `<target name>:<libtest --skip filter>`. The mirror's trybuild
# test runs cargo and rustc on code that must not compile (nothing of kmdf-sim runs in it), and
# needs cargo's environment, which a binary run directly lacks.
SKIPPED=("lean:a_million_requests_keep_host_memory_flat" "same_items:mirror_only_items_do_not_compile")

# The test binaries of every package, as `cargo test` builds them (already built by then: this
# only lists them). Cargo's JSON names each target and its executable; test harnesses live in
# deps/, while a binary built only for an integration test to run (iolabctl itself, for
# tests/cli.rs) sits beside it and is left out.
mapfile -t binaries < <(
    cargo test --workspace --no-run --message-format=json 2>/dev/null |
        grep '"executable":"/[^"]*/deps/' |
        sed -E 's/.*"target":\{[^}]*"name":"([^"]+)".*"executable":"([^"]+)".*/\1 \2/'
)
if [[ ${#binaries[@]} -eq 0 ]]; then
    echo "memcheck: cargo listed no test binaries" >&2
    exit 1
fi

# Tests that repeat a workload many times (schedules, seeded steps, requests) run a tenth of it.
export IOLAB_MEMCHECK=1

failed=0
ran=0
for entry in "${binaries[@]}"; do
    name=${entry%% *}
    binary=${entry#* }
    if [[ $EXCLUDED == *" $name "* ]]; then
        echo "memcheck: $name left out"
        continue
    fi
    skip=()
    for pair in "${SKIPPED[@]}"; do
        if [[ ${pair%%:*} == "$name" ]]; then skip+=(--skip "${pair#*:}"); fi
    done
    log=target/memcheck-$(basename "$binary").log
    start=$SECONDS
    if valgrind --tool=memcheck --quiet --error-exitcode=1 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
        "$binary" --quiet --test-threads=2 "${skip[@]}" >"$log" 2>&1; then
        echo "memcheck: $name clean ($((SECONDS - start)) s)"
    else
        echo "memcheck: $name FAILED ($((SECONDS - start)) s); its log:" >&2
        cat "$log" >&2
        failed=$((failed + 1))
    fi
    ran=$((ran + 1))
done
echo "memcheck: $ran test binaries, $failed with errors"
[[ $failed -eq 0 ]]
