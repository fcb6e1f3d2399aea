#!/usr/bin/env bash
# Installs every tool the tests need. Idempotent: each step checks before it installs.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
for part in rust c python web; do
  if [ -x "scripts/setup-$part.sh" ]; then "scripts/setup-$part.sh"; fi
done
