#!/usr/bin/env bash
# Type-checks iolab's Windows user-mode code (iolabctl, iolab-client's Win32 transport,
# iolab-protocol) for x86_64-pc-windows-msvc on a Linux machine, with Debian's rustc-web 1.96 and
# -Zbuild-std. docs/windows-check.md explains how and why. Usage: .ci/windows-check.sh
set -euo pipefail

cd "$(dirname "$0")/.."

TARGET=x86_64-pc-windows-msvc
WANT_MINOR=96

debian_rustc_ok() {
    [[ -x /usr/bin/rustc && -x /usr/bin/cargo ]] || return 1
    local version
    version="$(/usr/bin/rustc --version 2>/dev/null)" || return 1
    [[ "$version" =~ ^rustc\ 1\.([0-9]+)\. ]] || return 1
    ((BASH_REMATCH[1] >= WANT_MINOR)) || return 1
    # build-std needs the standard library's sources.
    [[ -d "$(/usr/bin/rustc --print sysroot)/lib/rustlib/src/rust/library" ]]
}

if ! debian_rustc_ok; then
    echo "windows-check: installing Debian's rustc-web, cargo-web and rust-web-src (~770 MiB)"
    if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends rustc-web cargo-web rust-web-src
    debian_rustc_ok || { echo "windows-check: /usr/bin/rustc is not 1.${WANT_MINOR}+ with sources" >&2; exit 1; }
fi

# Debian's toolchain only: rustup's proxies must not answer for cargo, rustc or rustdoc.
export PATH="/usr/bin:$PATH"
export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR_WINDOWS_CHECK:-target/windows-check}"
unset RUSTC_WRAPPER RUSTC_WORKSPACE_WRAPPER

echo "windows-check: $(/usr/bin/rustc --version), target $TARGET, target dir $CARGO_TARGET_DIR"

# The Windows side must not pull in the driver crate (wdk-build refuses a non-Windows host and
# wdk-sys needs the WDK): iolabctl is checked without its `sim` feature. Fail early if the
# dependency graph says otherwise.
tree="$(/usr/bin/cargo tree -e normal,build --target "$TARGET" -p iolabctl --no-default-features --prefix none)"
if grep -E '^(iolab |kmdf-sim|wdk)' <<<"$tree"; then
    echo "windows-check: iolabctl --no-default-features depends on the driver or the simulator" >&2
    exit 1
fi

PACKAGES=(-p iolabctl -p iolab-client -p iolab-protocol)
# Tests are checked too; the workspace builds with panic = "abort", so tests must as well.
BUILD_STD=(-Zbuild-std=std,panic_abort -Zpanic-abort-tests --target "$TARGET" --no-default-features)

echo "windows-check: cargo check ${PACKAGES[*]}"
/usr/bin/cargo check "${BUILD_STD[@]}" "${PACKAGES[@]}" --all-targets

# A plain Windows build of iolabctl (default features, no --cfg iolab_sim) must not link the
# driver either: its simulator transport only exists where the driver builds against kmdf-sim.
echo "windows-check: cargo check -p iolabctl (default features)"
/usr/bin/cargo check -Zbuild-std=std,panic_abort --target "$TARGET" -p iolabctl
tree="$(/usr/bin/cargo tree -e normal,build --target "$TARGET" -p iolabctl --prefix none)"
if grep -E '^(iolab |wdk)' <<<"$tree"; then
    echo "windows-check: iolabctl (default features) depends on the driver crate on Windows" >&2
    exit 1
fi

# The driver links iolab-protocol into a kernel image: check it against core alone, no std.
echo "windows-check: cargo check -p iolab-protocol (no_std, core only)"
CARGO_TARGET_DIR="$CARGO_TARGET_DIR/core-only" \
    /usr/bin/cargo check -Zbuild-std=core --target "$TARGET" -p iolab-protocol --lib

# Clippy must come from the same toolchain as the standard library sources; Debian's cargo-web
# does not ship it (rustup's clippy is a different compiler version and cannot build these std
# sources), so it runs only when a matching clippy-driver exists.
if [[ -x /usr/bin/clippy-driver ]] && /usr/bin/cargo clippy --version >/dev/null 2>&1 \
    && [[ "$(/usr/bin/clippy-driver --rustc --version 2>/dev/null)" == "$(/usr/bin/rustc --version)" ]]; then
    echo "windows-check: cargo clippy ${PACKAGES[*]}"
    /usr/bin/cargo clippy "${BUILD_STD[@]}" "${PACKAGES[@]}" --all-targets -- -D warnings
else
    echo "windows-check: note: no clippy for $(/usr/bin/rustc --version) (Debian's cargo-web has none); clippy skipped"
fi

echo "windows-check: ok"
