#!/usr/bin/env bash
# Benchmark of 依申请公开 at city scale (issue #3): with CASES cases across AGENCIES agencies,
# on SQLite and on PostgreSQL, in one run:
#   * an agency's queue page (/admin/cases, as that agency's request officer): p95 latency over a
#     mix of the views an officer uses (open cases, all cases, each stage, due soon, overdue,
#     text search, later pages), against the target of 100 ms;
#   * the city-wide annual statistics (tables 三 and 四, `gongkai report foi --year`), against
#     the target of 2 s, and one agency's;
#   * how long loading the cases took.
#
#   bench/foi-cases.sh [CASES=1000000] [AGENCIES=100] [SECONDS=20] [CONNECTIONS=4]
#
# With KEEP=1 the databases are kept after the run and reused by the next one (loading 1,000,000
# cases takes about 16 minutes); the load rate is then not measured again.
#
# Needs: the Rust toolchain, python3, curl, psql, and a PostgreSQL server at $PG_URL (default
# postgres://postgres@127.0.0.1:5432/postgres); wrk and bc are installed with apt-get if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-1000000}
AGENCIES=${2:-100}
SECS=${3:-20}
CONNS=${4:-4}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PORT=18090
FROM=2025-01-01
UNTIL=2026-11-27

for tool in wrk bc; do
  command -v $tool >/dev/null || { apt-get update -qq && apt-get install -y -qq $tool >/dev/null; }
done
cargo build --release -p gongkai
BIN=$PWD/target/release/gongkai
SRC=$PWD/bench
OUT=$PWD/bench/out/foi-cases
KEEP=${KEEP:-}
[ -n "$KEEP" ] || rm -rf "$OUT"
mkdir -p "$OUT"
cd "$OUT"
export RUST_LOG=warn
secs() { date +%s.%N; }
: > results.txt
note() { echo "$*" | tee -a results.txt; }

# The views an officer moves between; `q=` searches a word the generator uses in descriptions.
cat > queue-paths.txt <<'EOF'
/admin/cases
/admin/cases?stage=all
/admin/cases?stage=all&page=2
/admin/cases?stage=all&page=20
/admin/cases?stage=closed
/admin/cases?stage=archived&page=3
/admin/cases?stage=new
/admin/cases?stage=awaiting-correction
/admin/cases?stage=consulting
/admin/cases?due=soon
/admin/cases?due=overdue
/admin/cases?stage=all&q=%E6%9C%80%E4%BD%8E%E7%94%9F%E6%B4%BB
/admin/cases?stage=all&q=%E5%BE%81%E6%94%B6
EOF

one_backend() { # name, then the global flags that select the database
  local name=$1; shift
  local gk=("$BIN" --data-dir "$name" "$@")
  # (grep reads all its input: with -q it could close the pipe early and, under pipefail,
  # fail the check.)
  if [ -n "$KEEP" ] && "${gk[@]}" agency list 2>/dev/null | grep 001900001 >/dev/null; then
    echo "== $name: reusing the cases loaded by an earlier run"
  else
    load "$name" "${gk[@]}"
  fi
  statistics_and_queue "$name" "${gk[@]}"
}

load() { # name, then the command that runs gongkai on that database
  local name=$1; shift
  local gk=("$@")
  echo "== $name: $AGENCIES agencies"
  for i in $(seq 1 "$AGENCIES"); do
    "${gk[@]}" agency add --code "$(printf '0019%05d' "$i")" --name "基准测试单位$i" --kind department --slug "bench-$i" > /dev/null
  done
  echo "== $name: $CASES cases"
  local t0 t1
  t0=$(secs)
  "${gk[@]}" generate-cases --count "$CASES" --agencies "$AGENCIES" --from $FROM --until $UNTIL 2> generate-$name.log
  t1=$(secs)
  tail -n 1 generate-$name.log
  note "$name load: $(echo "$CASES / ($t1 - $t0)" | bc) cases/s"
}

statistics_and_queue() { # name, then the command that runs gongkai on that database
  local name=$1; shift
  local gk=("$@")
  local t0 t1

  echo "== $name: annual statistics"
  local code=001900001
  for scope in city agency; do
    local args=(report foi --year 2025 --format json)
    [ "$scope" = agency ] && args+=(--agency $code)
    "${gk[@]}" "${args[@]}" > report-$name-$scope.json # warm-up: the first run reads from disk
    local best=999
    for _ in 1 2 3; do
      t0=$(secs); "${gk[@]}" "${args[@]}" > /dev/null; t1=$(secs)
      best=$(echo "if ($t1 - $t0 < $best) $t1 - $t0 else $best" | bc)
    done
    note "$name statistics $scope 2025: $(printf '%.3f' "$best") s (best of 3, whole command)"
  done
  python3 - "$name" <<'PY'
import json, sys
r = json.load(open(f"report-{sys.argv[1]}-city.json"))
rows = {row["code"]: row["cells"]["total"] for row in r["table3"]["rows"]}
print(f"  city 2025: new {rows['new']}, carried in {rows['carried-in']}, results {rows['total']}, carried out {rows['carried-out']}, checks failed {len(r['checks'])}")
PY

  echo "== $name: queue pages"
  printf 'officer-%s\n' "$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')Aa1!" > officer.pw
  "${gk[@]}" user add --username bench-officer --name 基准经办人 --role officer --agency $code --password-stdin < officer.pw > /dev/null 2>&1 \
    || "${gk[@]}" user set-password bench-officer --password-stdin < officer.pw > /dev/null
  "${gk[@]}" serve --listen 127.0.0.1:$PORT > serve-$name.log 2>&1 &
  local pid=$!
  trap "kill -TERM $pid 2>/dev/null || true" EXIT
  for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$PORT/healthz > /dev/null && break; sleep 0.2; done
  export COOKIE
  COOKIE=$(python3 "$SRC/login.py" http://127.0.0.1:$PORT bench-officer "$(cat officer.pw)")
  local open
  open=$(curl -s -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/admin/cases?stage=all" | grep -o '共 [0-9]* 条' | head -1 || true)
  echo "  the officer's agency: ${open:-?}"
  wrk -t1 -c"$CONNS" -d5s -s "$SRC/p95.lua" http://127.0.0.1:$PORT -- queue-paths.txt > /dev/null
  wrk -t1 -c"$CONNS" -d"${SECS}s" -s "$SRC/p95.lua" http://127.0.0.1:$PORT -- queue-paths.txt > wrk-$name.txt
  note "$name queue ($CONNS connections): $(tail -n 1 wrk-$name.txt), $(awk '/Requests\/sec/ {print $2}' wrk-$name.txt) req/s"
  kill -TERM $pid; wait $pid || true
  trap - EXIT
}

one_backend sqlite
PG_DB=gongkai_bench_foi
if [ -z "$KEEP" ] || ! psql "${PG_URL%/*}/$PG_DB" -qtAc 'select 1' >/dev/null 2>&1; then
  psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" -c "CREATE DATABASE $PG_DB"
fi
one_backend pg --database-url "${PG_URL%/*}/$PG_DB"
[ -n "$KEEP" ] || psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)"

echo
echo "== results ($CASES cases, $AGENCIES agencies)"
cat results.txt
