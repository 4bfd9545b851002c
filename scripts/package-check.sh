#!/usr/bin/env bash
# Builds the Debian package and tries it as a stranger's machine would: a clean Debian bookworm
# root (debootstrap --variant=minbase from Debian's archive, the mirror this machine's apt uses;
# cached in $CACHE between runs) installs the .deb with apt-get, so its dependencies come from the
# archive and nothing from this machine, then runs every command a facilitator would, opens the
# window under Xvfb and validates the desktop entry and the metainfo. A copy of the binary alone
# in an empty folder runs check and simulate too. Run as root before a release (not part of CI):
#   scripts/package-check.sh
# Cold (the release build and the root made anew) it takes about 30 minutes on 2 cores. Measured
# 2026-12-07 with the dependencies built and the root cached: 619 s, of which 549 s the release
# build of tutti itself after a change and 70 s the install and checks in the clean root.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE=${CACHE:-/var/cache/tutti-package-check}
target=${CARGO_TARGET_DIR:-target}
started=$(date +%s)
say() { echo "== $* ($(($(date +%s) - started)) s)"; }

install_tools() {
    local need=()
    for p in debootstrap xz-utils; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
    if [ ${#need[@]} -gt 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
    fi
    command -v cargo-deb >/dev/null || cargo install cargo-deb --locked
}

build_package() {
    say "release build"
    cargo build --release --locked
    ls -l "$target/release/tutti"
    say "cargo deb"
    cargo deb --no-build --locked
    deb=$(ls -t "$target"/debian/tutti_*_amd64.deb | head -1)
    ls -l "$deb"
}

# The mirror this machine's apt uses (one-line or deb822 sources), for debootstrap.
mirror() {
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list \
        2>/dev/null | awk '/^URIs:/ {print $2; exit} /^deb / {print $2; exit}'
}

clean_root() {
    local tarball=$CACHE/bookworm-minbase.tar.xz
    mkdir -p "$CACHE"
    if [ ! -f "$tarball" ]; then
        say "debootstrap bookworm (once; cached in $tarball)"
        local made=$CACHE/made
        rm -rf "$made"
        debootstrap --variant=minbase bookworm "$made" "$(mirror)"
        tar -C "$made" -cJf "$tarball" .
        rm -rf "$made"
    fi
    root=$(mktemp -d /tmp/tutti-root.XXXX)
    tar -C "$root" -xJf "$tarball"
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    mount -t proc proc "$root/proc"
    trap 'umount "$root/proc" 2>/dev/null || true; rm -rf "$root"' EXIT
}

in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

try_installed() {
    say "apt-get install ./$(basename "$deb") in the clean root"
    cp "$deb" "$root/tmp/"
    in_root apt-get update -qq
    in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/tmp/$(basename "$deb")"
    in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb xauth \
        desktop-file-utils appstream
    say "the commands"
    in_root tutti --version
    in_root tutti new /tmp/ours.ron --lang en --departments 4
    in_root tutti check /tmp/ours.ron
    in_root tutti simulate /tmp/ours.ron --runs 3
    in_root tutti simulate /tmp/ours.ron --export /tmp/out
    in_root ls /tmp/out
    say "the window, from the installed dependencies alone"
    in_root sh -c 'cd /tmp && xvfb-run -a -s "-screen 0 1280x720x24" tutti play /tmp/ours.ron --exit-after 5 >/tmp/window.log 2>&1; tail -3 /tmp/window.log'
    if grep -q panicked "$root/tmp/window.log"; then
        echo "the window panicked" >&2
        exit 1
    fi
    grep -q "screen:" "$root/tmp/window.log" || { echo "the window did not open" >&2; exit 1; }
    say "desktop entry and metainfo"
    in_root desktop-file-validate /usr/share/applications/dk.tutti.Tutti.desktop
    in_root appstreamcli validate --no-net /usr/share/metainfo/dk.tutti.Tutti.metainfo.xml
    in_root man -w tutti >/dev/null 2>&1 || in_root ls /usr/share/man/man1/tutti.1.gz
    say "the binary alone in an empty folder"
    in_root sh -c 'mkdir /tmp/alone && cp /usr/bin/tutti /tmp/alone/ && cd /tmp/alone && ./tutti check /tmp/ours.ron && ./tutti simulate /tmp/ours.ron --runs 2 >/dev/null && echo alone: ok'
}

install_tools
build_package
clean_root
try_installed
say "package check passed: $deb"
