#!/usr/bin/env bash
# Runs every test: the API suite on SQLite and on a throwaway PostgreSQL cluster, then the browser tests
# in headless Chromium. Installs PostgreSQL and Chromium from Debian packages when they are missing.
# Ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
out="$root/test-output"
rm -rf "$out" && mkdir -p "$out"

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  [ $apt_updated -eq 1 ] || { sudo_if_needed apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" >/dev/null \
    || { echo "Could not install $*"; echo "0 passed, 1 failed"; exit 1; }
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  echo "Installing PostgreSQL (Debian package)..."
  apt_install postgresql
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium and CJK fonts (Debian packages)..."
  apt_install chromium fonts-noto-cjk
fi
PGBIN=$(pg_bin)

# A throwaway cluster on a free loopback port, stopped on exit whatever happens.
free_port() {
  local p
  for p in $(seq 55432 55532); do
    (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }
  done
  return 1
}
pgdir=$(mktemp -d /tmp/membermall-pg.XXXXXX)
chmod 755 "$pgdir"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdir"
port=$(free_port)
stop_pg() { as_pg "$PGBIN/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pgdir"; }
trap stop_pg EXIT
as_pg "$PGBIN/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 \
  || { cat "$pgdir/initdb.log"; echo "0 passed, 1 failed"; exit 1; }
# fsync off: the cluster is thrown away after the run, durability buys nothing here.
as_pg "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
  || { cat "$pgdir/server.log"; echo "0 passed, 1 failed"; exit 1; }
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

echo "Building..."
dotnet build MemberMall.slnx -nologo -v quiet >"$out/build.log" 2>&1 || { grep -E "error" "$out/build.log" | sort -u | head -50; echo "0 passed, 1 failed"; exit 1; }

passed=0; failed=0; skipped=0
suite() {
  local name=$1 filter=$2; shift 2
  echo "== $name"
  env "$@" dotnet test tests/MemberMall.Tests --no-build --nologo --filter "$filter" \
    --logger "trx;LogFileName=$name.trx" --results-directory "$out" 2>&1 | tee "$out/$name.log" \
    | grep -E "^\s+(Failed|Passed) [A-Z]|^(Passed|Failed)!|error" | grep -v "^\s*Passed " || true
  local line
  line=$(grep -E "^(Passed|Failed)!" "$out/$name.log" | tail -n 1)
  if [ -z "$line" ]; then
    if grep -q "No test matches the given testcase filter" "$out/$name.log"; then echo "(no tests)"; return; fi
    echo "The $name run ended without a summary."; failed=$((failed + 1)); return
  fi
  local f p s
  f=$(echo "$line" | sed -E 's/.*Failed: *([0-9]+).*/\1/')
  p=$(echo "$line" | sed -E 's/.*Passed: *([0-9]+).*/\1/')
  s=$(echo "$line" | sed -E 's/.*Skipped: *([0-9]+).*/\1/')
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

suite sqlite "Category!=Browser" MALL_TEST_DB=sqlite
suite postgres "Category!=Browser" MALL_TEST_DB=postgres "MALL_TEST_PG=Host=127.0.0.1;Port=$port;Username=postgres;Maximum Pool Size=200"
suite browser "Category=Browser" MALL_TEST_DB=sqlite

echo "Test results and screenshots: $out"
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
