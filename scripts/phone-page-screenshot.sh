#!/usr/bin/env bash
# The phone's page in headless Chromium: takes a seat of level 3, taps the big button (a real
# pointer event through the DevTools protocol), checks the tap reached the server and saves
# docs/screenshots/phone-seat.png; then opens the debrief's vote, taps an answer, checks the
# server counted it and saves docs/screenshots/phone-vote.png, and checks that closing the vote
# brings the seat back; taps along 120 ms late and checks the calibration the game hears; silences
# the page's socket and checks its watchdog comes back on a new one; checks a phone without a seat
# watches while seating is closed; joins the audience and saves a customer's path as
# docs/screenshots/phone-audience.png. Needs chromium
# (apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tutti/target}"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}"
mkdir -p docs/screenshots
cargo run --quiet --example phone_page -- docs/screenshots/phone-seat.png "$chromium" \
    docs/screenshots/phone-vote.png docs/screenshots/phone-audience.png
