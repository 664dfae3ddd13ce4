#!/usr/bin/env bash
# Capture real redis-server 7.0 logs for three replication stories (full sync, partial resync,
# failover) into conformance/logs/fixtures/, so the engine's log lines can be checked against them.
# Usage: conformance/logs/capture.sh   (needs redis-server and redis-cli 7.0 on PATH; ~20 s)
# Servers run on 16380-16382 in a temporary directory, seed-like configs (loglevel notice,
# disk-based full sync as the tutor's default), and are stopped by pid at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/fixtures"
mkdir -p "$out"
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.3; rm -rf "$tmp"; }
trap cleanup EXIT

start() { # start PORT: a seed-like config, in the foreground (we keep its pid)
  local port=$1 dir="$tmp/$1"
  mkdir -p "$dir"
  cat > "$dir/redis.conf" <<CONF
port $port
pidfile $dir/redis.pid
loglevel notice
logfile "$dir/redis.log"
dbfilename dump.rdb
dir $dir
protected-mode no
save ""
repl-diskless-sync no
repl-ping-replica-period 3600
enable-debug-command local
CONF
  redis-server "$dir/redis.conf" &
  pids+=($!)
  until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.05; done
}
cli() { redis-cli -p "$@" >/dev/null; }
synced() { # synced REPLICA: wait until its link is up and its offset equals its master's
  local r=$1 m
  for _ in $(seq 200); do
    m=$(redis-cli -p "$r" info replication | tr -d '\r')
    if grep -q master_link_status:up <<<"$m"; then
      local mp off moff
      mp=$(sed -n 's/^master_port://p' <<<"$m"); off=$(sed -n 's/^slave_repl_offset://p' <<<"$m")
      moff=$(redis-cli -p "$mp" info replication | tr -d '\r' | sed -n 's/^master_repl_offset://p')
      [ "$off" = "$moff" ] && return 0
    fi
    sleep 0.1
  done
  echo "capture: $r never synced" >&2; exit 1
}

# 1. Full sync (lesson 2): a master with keys, writes k1..k3, a fresh replica, SLAVEOF.
start 16380; start 16381; start 16382
cli 16380 debug populate 1000
cli 16380 set k1 v1; cli 16380 set k2 v2; cli 16380 set k3 v3
cli 16381 slaveof 127.0.0.1 16380
synced 16381
cli 16380 set k4 v4
sleep 1.2
cp "$tmp/16380/redis.log" "$out/full-sync.master.log"
cp "$tmp/16381/redis.log" "$out/full-sync.replica.log"

# 2. Partial resync: the replica's link to its master is killed; it reconnects with PSYNC and
#    gets +CONTINUE plus the bytes it missed.
: > "$tmp/16380/redis.log"; : > "$tmp/16381/redis.log"
redis-cli -p 16381 client kill type master >/dev/null
cli 16380 set k5 v5
synced 16381
sleep 1.2
cp "$tmp/16380/redis.log" "$out/partial-resync.master.log"
cp "$tmp/16381/redis.log" "$out/partial-resync.replica.log"

# 3. Failover (the seed's section 10): 16382 joins, the master shuts down, 16381 is promoted with
#    SLAVEOF NO ONE, 16382 moves to it and continues with PSYNC.
cli 16382 slaveof 127.0.0.1 16380
synced 16382
: > "$tmp/16380/redis.log"; : > "$tmp/16381/redis.log"; : > "$tmp/16382/redis.log"
redis-cli -p 16380 shutdown nosave >/dev/null 2>&1 || true
sleep 1.5
cli 16381 slaveof no one
cli 16382 slaveof no one
cli 16382 slaveof 127.0.0.1 16381
synced 16382
sleep 1.2
cp "$tmp/16380/redis.log" "$out/failover.old-master.log"
cp "$tmp/16381/redis.log" "$out/failover.new-master.log"
cp "$tmp/16382/redis.log" "$out/failover.replica.log"

# 4. Promotion of a connected replica, and a connected replica re-pointed to another master.
cli 16381 slaveof 127.0.0.1 16382
synced 16381
: > "$tmp/16381/redis.log"; : > "$tmp/16382/redis.log"
cli 16382 set k6 v6
synced 16381
cli 16381 slaveof no one
sleep 1.2
cp "$tmp/16381/redis.log" "$out/promote-connected.log"
cp "$tmp/16382/redis.log" "$out/promote-connected.master.log"
cli 16381 slaveof 127.0.0.1 16382
synced 16381
: > "$tmp/16381/redis.log"
start 16383
cli 16381 slaveof 127.0.0.1 16383
synced 16381
sleep 1.2
cp "$tmp/16381/redis.log" "$out/repoint-connected.log"

# 5. A seed-style server (daemonize yes, default save points): start, SHUTDOWN (saves), start
#    again (loads dump.rdb). Its log and pid file as the seed's config names them.
d="$tmp/seed"; mkdir -p "$d"
cat > "$d/redis.conf" <<CONF
port 16390
daemonize yes
pidfile $d/redis.pid
loglevel notice
logfile "$d/redis.log"
dbfilename dump.rdb
dir $d
protected-mode no
CONF
redis-server "$d/redis.conf"
until redis-cli -p 16390 ping >/dev/null 2>&1; do sleep 0.05; done
cat "$d/redis.pid" > "$out/seed-daemon.pid"
cli 16390 set a 1
cli 16390 bgsave
sleep 1
cli 16390 save
redis-cli -p 16390 shutdown >/dev/null 2>&1 || true
sleep 0.5
redis-server "$d/redis.conf"
until redis-cli -p 16390 ping >/dev/null 2>&1; do sleep 0.05; done
redis-cli -p 16390 shutdown nosave >/dev/null 2>&1 || true
sleep 0.5
cp "$d/redis.log" "$out/seed-daemon.log"
redis-server --version > "$out/redis-version.txt"
echo "capture: logs written to $out"
