#!/usr/bin/env bash
# Search benchmark (issue #4): N generated documents (1–5 KB bodies) indexed with tantivy + jieba,
# then 1,000 queries of 1–4 words, half with a filter. Prints docs/s, index size, p50/p99.
# Usage: bench/search.sh [N]   (default 100000; the issue's target is measured at 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
mkdir -p bench/out
cargo run --release --locked -p gongkai --example search_bench -- "$N" bench/out/search-index
