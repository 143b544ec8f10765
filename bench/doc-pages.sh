#!/usr/bin/env bash
# Benchmark of document pages (issue #2): gongkai serving /doc/{索引号} against nginx serving the
# same pages pre-rendered as static files, measured the same way, in one run; plus JSON Lines
# import throughput on SQLite and PostgreSQL.
#
#   bench/doc-pages.sh [DOCUMENTS=100000] [SECONDS=30] [CONNECTIONS=64]
#
# Needs: the Rust toolchain, python3, wrk and nginx (installed with apt-get if missing), and for
# the PostgreSQL import a server at $PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-100000}
SECS=${2:-30}
CONNS=${3:-64}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
GK_PORT=18080
NGX_PORT=18081

for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk nginx >/dev/null; }
done
cargo build --release -p gongkai
BIN=$PWD/target/release/gongkai
OUT=$PWD/bench/out/doc-pages
rm -rf "$OUT" && mkdir -p "$OUT"
cd "$OUT"
export RUST_LOG=warn

secs() { date +%s.%N; }
echo "== corpus: $DOCS documents"
t0=$(secs); "$BIN" generate-corpus --count "$DOCS" --output corpus.jsonl; t1=$(secs)
echo "generated in $(echo "$t1 - $t0" | bc) s ($(du -h corpus.jsonl | cut -f1))"

echo "== import into SQLite"
t0=$(secs); "$BIN" --data-dir sqlite import corpus.jsonl > import-sqlite.log; t1=$(secs)
SQLITE_RATE=$(echo "$DOCS / ($t1 - $t0)" | bc)
echo "SQLite: $SQLITE_RATE documents/s"; tail -n 2 import-sqlite.log

echo "== import into PostgreSQL"
PG_DB=gongkai_bench
psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" -c "CREATE DATABASE $PG_DB"
PG_BENCH_URL="${PG_URL%/*}/$PG_DB"
t0=$(secs); "$BIN" --data-dir pg --database-url "$PG_BENCH_URL" import corpus.jsonl > import-pg.log; t1=$(secs)
PG_RATE=$(echo "$DOCS / ($t1 - $t0)" | bc)
echo "PostgreSQL: $PG_RATE documents/s"; tail -n 2 import-pg.log
psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)"

echo "== URL lists"
python3 - <<'PY'
import json, random
paths = []
for line in open("corpus.jsonl", encoding="utf-8"):
    r = json.loads(line)
    if r["type"] == "document":
        paths.append("/doc/" + r["index_no"])
random.seed(2)
open("all.txt", "w").write("\n".join(paths) + "\n")
open("hot.txt", "w").write("\n".join(random.sample(paths, 1000)) + "\n")
print(len(paths), "documents")
PY

start_gongkai() {
  "$BIN" --data-dir sqlite serve --listen 127.0.0.1:$GK_PORT > serve.log 2>&1 &
  GK_PID=$!
  for _ in $(seq 1 50); do curl -sf http://127.0.0.1:$GK_PORT/healthz >/dev/null && return; sleep 0.2; done
  echo "gongkai did not start" >&2; cat serve.log; exit 1
}
start_gongkai
echo "== render every page once (gongkai's steady state; a cold start is measured at the end)"
wrk -t2 -c"$CONNS" -d"$(( DOCS / 2000 + 10 ))s" -s "$OLDPWD/bench/sequential.lua" "http://127.0.0.1:$GK_PORT" -- all.txt | grep -E "requests in|Requests/sec"
echo "== pre-render the pages for nginx"
python3 "$OLDPWD/bench/prerender.py" http://127.0.0.1:$GK_PORT all.txt www
# Both servers' files were just written: let the kernel write them back before measuring.
sync; sleep 10

mkdir -p logs
cat > nginx.conf <<NGX
worker_processes 2;
daemon off;
pid $OUT/nginx.pid;
error_log $OUT/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { }
  default_type "text/html; charset=utf-8";
  server {
    listen 127.0.0.1:$NGX_PORT;
    root $OUT/www;
    location / { try_files \$uri =404; }
  }
}
NGX
nginx -c "$OUT/nginx.conf" -p "$OUT" &
NGX_PID=$!
sleep 1
trap 'kill $GK_PID $NGX_PID 2>/dev/null || true' EXIT

run() { # name port paths [no-warm-up]
  [ -n "${4:-}" ] || wrk -t2 -c"$CONNS" -d5s -s "$OLDPWD/bench/paths.lua" "http://127.0.0.1:$2" -- "$3" > /dev/null
  wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -s "$OLDPWD/bench/paths.lua" "http://127.0.0.1:$2" -- "$3" > "wrk-$1.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "wrk-$1.txt")
  p50=$(awk '$1 == "50%" {print $2}' "wrk-$1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "wrk-$1.txt")
  errors=$(grep -E "Non-2xx|Socket errors" "wrk-$1.txt" || true)
  printf '%-24s %10s req/s   p50 %-8s p99 %-8s %s\n' "$1" "$rps" "$p50" "$p99" "$errors" | tee -a results.txt
}

: > results.txt
for set in all hot; do
  run "nginx-$set" $NGX_PORT $set.txt
  run "gongkai-$set" $GK_PORT $set.txt
done
PEAK=$(awk '/VmHWM/ {print $2 " " $3}' /proc/$GK_PID/status)
echo "gongkai peak RSS: $PEAK" | tee -a results.txt
# Cold start: a new process renders every page it has not served yet from the database.
kill -TERM $GK_PID; wait $GK_PID || true
start_gongkai
run "gongkai-all-cold" $GK_PORT all.txt no-warm-up
echo "import: SQLite $SQLITE_RATE documents/s, PostgreSQL $PG_RATE documents/s ($DOCS documents)" | tee -a results.txt
python3 - <<'PY'
import re
rows = {}
for line in open("results.txt"):
    m = re.match(r"(\S+)\s+([\d.]+) req/s", line)
    if m:
        rows[m.group(1)] = float(m.group(2))
for s in ("all", "hot"):
    g, n = rows.get(f"gongkai-{s}"), rows.get(f"nginx-{s}")
    if g and n:
        print(f"ratio gongkai/nginx ({s}): {g / n:.2f}")
PY
