#!/usr/bin/env bash
# The scoring rubric's contrasts on every library scenario (issue 28): a targeted response beside
# no action, every district closed, paperwork alone and the same response late, over many seeds.
# Exits non-zero when any scenario misses a criterion. Usage: benches/contrasts.sh [RUNS]
# (default 200; about a minute per scenario on 2 cores with a release build).
set -u
cd "$(dirname "$0")/.."
runs="${1:-200}"
muster="${MUSTER:-target/release/muster}"
[ -x "$muster" ] || cargo build --release --quiet || exit 1
failed=0
while read -r scenario response; do
  echo "== $scenario ($response)"
  "$muster" contrasts "scenarios/$scenario" --commands "scenarios/commands/$response" \
    --runs "$runs" --lang en || failed=1
done <<'LIST'
port-city-outbreak.en.ron port-city-good-response.txt
port-city-outbreak.zh.ron port-city-good-response.txt
cold-chain.en.ron cold-chain-good-response.txt
campus-night-market.en.ron campus-night-market-good-response.txt
flu-surge.en.ron flu-surge-good-response.txt
lantern-flu.zh.ron lantern-flu-good-response.txt
tutorial.en.ron tutorial-good-response.txt
tianjin-2022.zh.ron tianjin-2022-reported-response.txt
mers-korea-2015.en.ron mers-korea-2015-reported-response.txt
LIST
exit "$failed"
