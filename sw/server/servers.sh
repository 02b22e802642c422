#!/usr/bin/env bash
# Start and stop obti-gc and obti-ps together in a directory of their own
# (databases, logs, pid files), for demos and the simulation (docs/server.md).
#
#   servers.sh start DIR [--ps-addr A] [--gc-port P] [--ps-port P] [--voice-port P]
#   servers.sh order DIR [CODE]     create a work order; prints: code account
#   servers.sh stop DIR             SIGTERM both, wait for them to exit
#
# Uses build/server/ (make server) and its gc-key from build/server/gc.conf.
set -euo pipefail
cmd=${1:?usage: servers.sh start|order|stop DIR ...}
dir=${2:?usage: servers.sh start|order|stop DIR ...}
shift 2
srv=build/server
case $cmd in
start)
  ps_addr=127.0.0.1 gc_port=7060 ps_port=7061 voice_port=7062
  while [ $# -gt 0 ]; do
    case $1 in
      --ps-addr) ps_addr=$2 ;; --gc-port) gc_port=$2 ;;
      --ps-port) ps_port=$2 ;; --voice-port) voice_port=$2 ;;
      *) echo "servers.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
  done
  mkdir -p "$dir"
  "$srv/obti-gc" --config "$srv/gc.conf" --db "$dir/gc.db" --port "$gc_port" \
    --ps-addr "$ps_addr" --ps-port "$ps_port" --ps-voice-port "$voice_port" 2>> "$dir/gc.log" &
  echo $! > "$dir/gc.pid"
  "$srv/obti-ps" --config "$srv/ps.conf" --db "$dir/ps.db" --port "$ps_port" \
    --voice-port "$voice_port" --gc "127.0.0.1:$gc_port" 2>> "$dir/ps.log" &
  echo $! > "$dir/ps.pid"
  for i in $(seq 100); do
    if grep -q "obti-ps start" "$dir/ps.log" 2>/dev/null && grep -q "obti-gc start" "$dir/gc.log" 2>/dev/null; then
      echo "servers up: GC 127.0.0.1:$gc_port (PS given as $ps_addr:$ps_port/$voice_port), logs in $dir"
      exit 0
    fi
    for p in gc ps; do
      kill -0 "$(cat "$dir/$p.pid")" 2>/dev/null || { echo "servers.sh: obti-$p exited:" >&2; tail -3 "$dir/$p.log" >&2; exit 1; }
    done
    sleep 0.05
  done
  echo "servers.sh: servers did not start (see $dir/*.log)" >&2
  exit 1 ;;
order)
  "$srv/obti-admin" --db "$dir/ps.db" create-order ${1:+--code "$1"} ;;
stop)
  for p in ps gc; do
    [ -f "$dir/$p.pid" ] || continue
    pid=$(cat "$dir/$p.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    rm -f "$dir/$p.pid"
  done ;;
*)
  echo "usage: servers.sh start|order|stop DIR ..." >&2; exit 2 ;;
esac
