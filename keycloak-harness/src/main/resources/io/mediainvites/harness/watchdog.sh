#!/usr/bin/env bash
# Runs a command in its own process group and ends that whole group when this script is told to stop
# or when the owning JVM disappears (also after kill -9), so no Keycloak outlives its test run.
# usage: watchdog.sh <owner-pid> <command...>
owner=$1
shift
setsid "$@" &
child=$!

stop() {
  trap - TERM INT HUP
  kill -TERM -- "-$child" 2>/dev/null
  for _ in $(seq 1 40); do
    kill -0 -- "-$child" 2>/dev/null || exit 0
    sleep 0.5
  done
  kill -KILL -- "-$child" 2>/dev/null
  exit 0
}
trap stop TERM INT HUP

while kill -0 "$owner" 2>/dev/null && kill -0 "$child" 2>/dev/null; do
  sleep 1 &
  wait $!
done
if ! kill -0 "$child" 2>/dev/null; then
  wait "$child"
  exit $?
fi
stop
