#!/usr/bin/env bash
# Wine smoke test: builds iolabctl.exe for x86_64-pc-windows-gnu with the simulator
# (--cfg iolab_sim, Debian's rustc-web and -Zbuild-std, linked by MinGW-w64) and runs, under
# Wine, `iolabctl.exe doctor --explain 10` and the simulator selftest. Wine 8 lacks
# bcryptprimitives.dll (ProcessPrng, imported by the standard library), so a stand-in built from
# .ci/wine/bcryptprimitives.c is put beside the .exe. Wine's CfgMgr32 device-interface calls are
# stubs, so nothing here touches a real device. docs/windows-check.md has the background.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=x86_64-pc-windows-gnu
if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi
if ! command -v x86_64-w64-mingw32-gcc >/dev/null || [[ ! -x /usr/lib/wine/wine64 ]]; then
    echo "wine-smoke: installing Debian's wine64 and gcc-mingw-w64-x86-64"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends wine64 gcc-mingw-w64-x86-64
fi

export PATH="/usr/bin:$PATH"
export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1
export RUSTFLAGS="--cfg iolab_sim"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR_WINE:-target/wine}"
unset RUSTC_WRAPPER RUSTC_WORKSPACE_WRAPPER

echo "wine-smoke: cargo build -p iolabctl --target $TARGET (simulator included)"
/usr/bin/cargo build -q -Zbuild-std=std,panic_abort --target "$TARGET" -p iolabctl
BIN_DIR="$CARGO_TARGET_DIR/$TARGET/debug"
x86_64-w64-mingw32-gcc -shared -O2 -o "$BIN_DIR/bcryptprimitives.dll" \
    .ci/wine/bcryptprimitives.c -ladvapi32

export WINEPREFIX="${WINEPREFIX:-$PWD/$CARGO_TARGET_DIR/wineprefix}" WINEDEBUG=-all
wine() { /usr/lib/wine/wine64 "$@"; }

echo "wine-smoke: iolabctl.exe doctor --explain 10"
out="$(wine "$BIN_DIR/iolabctl.exe" doctor --explain 10)"
echo "$out"
grep -q '^Code 10 (CM_PROB_FAILED_START)' <<<"$out"

echo "wine-smoke: iolabctl.exe selftest (the driver inside kmdf-sim, under Wine)"
wine "$BIN_DIR/iolabctl.exe" selftest --transport sim | tr -d '\r' | tee "$CARGO_TARGET_DIR/selftest.txt"
grep -q ' passed, 0 failed, 0 skipped$' "$CARGO_TARGET_DIR/selftest.txt"
echo "wine-smoke: ok"
