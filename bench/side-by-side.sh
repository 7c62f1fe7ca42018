#!/usr/bin/env bash
# Two checkout benchmarks at once against one PostgreSQL, so both copies of the app see the same host:
# on a shared VM consecutive runs of one build vary more than most changes, the ratio of two copies does not.
#
#   bench/side-by-side.sh "<connection string without Database>" [options]
#
# Options (each side defaults to the current Release build and the connection string given):
#   --a-env "K=V ..." / --b-env "K=V ..."   environment for that side's app and load generator
#   --a-app-env "K=V ..." / --b-app-env ... environment for that side's app only
#   --a-bin DIR / --b-bin DIR               a MemberMall.Bench build directory (e.g. a worktree of another commit)
#   --a-conn CS / --b-conn CS               that side's connection string (without Database)
#   --seconds N (60)  --warmup N (30)  --users N (32)
#   --history N                             seconds of untimed orders before the app restarts (default: the benchmark's own;
#                                           builds from before the option do not know it)
#
# Side A uses the database membermall_a, side B membermall_b; both are dropped and made again.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -ge 1 ] || { sed -n 2,14p "$0"; exit 2; }
CONN=$1; shift
BIN=bench/MemberMall.Bench/bin/Release/net10.0
A_ENV="" B_ENV="" A_APP="" B_APP="" A_BIN=$BIN B_BIN=$BIN A_CONN=$CONN B_CONN=$CONN SECONDS_=60 WARMUP=30 USERS=32 HISTORY=()
while [ $# -gt 0 ]; do
  case $1 in
    --a-env) A_ENV=$2 ;; --b-env) B_ENV=$2 ;;
    --a-app-env) A_APP=$2 ;; --b-app-env) B_APP=$2 ;;
    --a-bin) A_BIN=$2 ;; --b-bin) B_BIN=$2 ;;
    --a-conn) A_CONN=$2 ;; --b-conn) B_CONN=$2 ;;
    --seconds) SECONDS_=$2 ;; --warmup) WARMUP=$2 ;; --users) USERS=$2 ;; --history) HISTORY=(--history-seconds "$2") ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
for dir in "$A_BIN" "$B_BIN"; do
  [ -f "$dir/MemberMall.Bench.dll" ] || { echo "no build in $dir: dotnet build bench/MemberMall.Bench -c Release" >&2; exit 2; }
done

LOGS=$(mktemp -d)
side() { # name env bin conn app-env
  local app=() kv
  for kv in $5; do app+=(--app-env "$kv"); done
  # shellcheck disable=SC2086
  env $2 dotnet "$3/MemberMall.Bench.dll" checkout "${4%;};Database=membermall_$1" --users "$USERS" --seconds "$SECONDS_" \
    --warmup-seconds "$WARMUP" "${HISTORY[@]}" --search-clients 0 --search-seconds 0 "${app[@]}" > "$LOGS/$1.log" 2>&1
}
side a "$A_ENV" "$A_BIN" "$A_CONN" "$A_APP" & A=$!
side b "$B_ENV" "$B_BIN" "$B_CONN" "$B_APP" & B=$!
FAILED=0
wait $A || FAILED=1
wait $B || FAILED=1
for s in a b; do
  echo "$s: $(grep -m1 -E '^- Checkout:' "$LOGS/$s.log" || echo 'no result, see the log')"
done
echo "logs: $LOGS"
exit $FAILED
