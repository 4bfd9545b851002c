#!/usr/bin/env bash
# Pastes a Danish agreement into the debrief's agreement line with Ctrl+V, in a real window under
# Xvfb (apt-get install xvfb mesa-vulkan-drivers xdotool imagemagick xclip), and checks that the
# game kept it. Prints the kept agreement; writes /tmp/paste.png to look at.
#   scripts/agreement-paste-check.sh [path/to/tutti]
set -u
cd "$(dirname "$0")/.."
bin=${1:-target/debug/tutti}
work=$(mktemp -d)
Xvfb :77 -screen 0 1280x720x24 >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=:77
sleep 1
TUTTI_CONFIG_DIR=$work/c TUTTI_RESULTS_DIR=$work/r "$bin" play levels/01-own-part.en.ron --window 1280x720 > $work/log 2>&1 &
game=$!
sleep 5
win=$(xdotool search --name Tutti | head -1)
k() { xdotool windowfocus --sync $win key --delay 150 "$@"; sleep 0.4; }
k Return Return
sleep 6
k F9 F9
sleep 2
k Down Down Return
printf 'Vi ringer altid kunden op – også når det er svært' | xclip -selection clipboard
k ctrl+v
sleep 0.5
import -window root /tmp/paste.png
k Return
sleep 1
kill $game; sleep 1; kill $xvfb
if grep -q panicked $work/log; then cat $work/log; echo "the game panicked" >&2; exit 1; fi
grep -q 'agreement: Some("Vi ringer altid kunden op – også når det er svært")' $work/log \
    || { cat $work/log; echo "the pasted agreement was not kept" >&2; exit 1; }
echo "pasted and kept: Vi ringer altid kunden op – også når det er svært"
