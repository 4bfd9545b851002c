#!/bin/sh
# The game's peak memory with and without a SoundFont (README: Speed): the sixteen departments of
# tests/scenarios/sixteen-departments.ron, autoplayed for 30 s at 1920×1080 under Xvfb, with an
# audio device (ALSA's null device, so no sound card or sound server is needed; the game loads a
# SoundFont only when a device opened).
#
#     scripts/soundfont-memory.sh [TUTTI_BINARY] [SOUNDFONT]
#
# TUTTI_BINARY defaults to target/debug/tutti (under $CARGO_TARGET_DIR when set); SOUNDFONT to
# FluidR3 (`sudo apt-get install fluid-soundfont-gm`). Prints the SoundFont's line of the log and
# the peak resident memory for each run. Needs xvfb-run. Results go to a temporary folder.
set -eu
cd "$(dirname "$0")/.."
bin=${1:-${CARGO_TARGET_DIR:-target}/debug/tutti}
font=${2:-/usr/share/sounds/sf2/FluidR3_GM.sf2}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf 'pcm.!default { type null }\nctl.!default { type hw card 0 }\n' >"$scratch/null.conf"
run() {
    env ALSA_CONFIG_PATH="/usr/share/alsa/alsa.conf:$scratch/null.conf" \
        TUTTI_CONFIG_DIR="$scratch/config" XDG_DATA_HOME="$scratch/data" TUTTI_SOUNDFONT="$1" \
        xvfb-run -a -s "-screen 0 1920x1080x24" "$bin" play tests/scenarios/sixteen-departments.ron \
        --autoplay --frame-report --exit-after 30 2>&1 |
        sed 's/\x1b\[[0-9;]*m//g' | grep -E "SoundFont|orchestra|no audio|peak resident" | sed 's/^.*Z *//'
}
echo "synthesis:"
run ""
echo "SoundFont $font:"
run "$font"
