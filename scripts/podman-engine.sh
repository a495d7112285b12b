#!/usr/bin/env bash
# A real Docker Engine API for the tests: Podman's service on a unix socket, with all of its state in one
# temp folder (../shared/knowledge/test-infrastructure.md has the recipe and why each setting is there).
#
#   scripts/podman-engine.sh start   configure, start, wait for /_ping, import the busybox image `mini:latest`,
#                                    print DOCKER_HOST=unix://<dir>/podman.sock (idempotent)
#   scripts/podman-engine.sh stop    remove containers, stop the service, unmount, delete the folder, and undo
#                                    what podman and CNI changed outside it (ip_forward, iptables chains, bridge)
#   scripts/podman-engine.sh env     print the variables that point podman's own CLI at this instance
#
# Needs root on Debian 12 with `apt-get install -y podman runc busybox-static`.
# HOSTSCOPE_PODMAN_DIR chooses the folder (default: $TMPDIR/hostscope-podman).
set -euo pipefail

dir="${HOSTSCOPE_PODMAN_DIR:-${TMPDIR:-/tmp}/hostscope-podman}"
sock="$dir/podman.sock"
export CONTAINERS_CONF="$dir/containers.conf"
export CONTAINERS_STORAGE_CONF="$dir/storage.conf"
# The image every test container runs; `podman import` keeps it offline (no registry is reachable).
image="mini:latest"

log() { echo "podman-engine: $*" >&2; }

ping_ok() {
  [ -S "$sock" ] && curl -fsS --max-time 2 --unix-socket "$sock" http://d/_ping >/dev/null 2>&1
}

service_pid() {
  local pid
  [ -f "$dir/service.pid" ] || return 1
  pid=$(cat "$dir/service.pid")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

write_config() {
  mkdir -p "$dir/storage" "$dir/run" "$dir/networks"
  local nofile
  nofile=$(ulimit -Hn)
  # runc: crun refuses this hybrid cgroup host. The default ulimits need CAP_SYS_RESOURCE, which we lack.
  # tmp_dir, the events log and network_config_dir keep the state and the networks the tests create out of
  # /run and /etc.
  cat >"$CONTAINERS_CONF" <<EOF
[containers]
default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$dir/events.log"
tmp_dir = "$dir/libpod"

[network]
network_config_dir = "$dir/networks"
EOF
  cat >"$CONTAINERS_STORAGE_CONF" <<EOF
[storage]
driver = "overlay"
graphroot = "$dir/storage"
runroot = "$dir/run"
EOF
}

# What podman and CNI leave outside the folder, noted before the first start so `stop` removes only that.
record_host_state() {
  [ -f "$dir/host-state" ] && return 0
  {
    echo "ip_forward $(cat /proc/sys/net/ipv4/ip_forward)"
    local path
    for path in /var/lib/containers /var/lib/cni /run/runc /run/netns; do
      [ -e "$path" ] || echo "created $path"
    done
    if command -v iptables >/dev/null && ! iptables -t nat -S CNI-HOSTPORT-DNAT >/dev/null 2>&1; then echo "cni-chains"; fi
    ip -o link show 2>/dev/null | awk -F': ' '{ sub(/@.*/, "", $2); print "link " $2 }'
  } >"$dir/host-state"
}

restore_host_state() {
  local state="$dir/host-state"
  [ -f "$state" ] || return 0
  local link
  for link in $(ip -o link show 2>/dev/null | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | grep '^cni-podman' || true); do
    grep -qx "link $link" "$state" || ip link delete "$link" 2>/dev/null || true
  done
  if grep -qx cni-chains "$state"; then
    local table rule chain
    for table in nat filter; do
      { iptables -t "$table" -S | grep -E '^-A [A-Z]+ .*-j CNI-' || true; } | sed 's/^-A /-D /' | while read -r rule; do
        eval "iptables -t $table $rule" || true
      done
      for chain in $(iptables -t "$table" -S | awk '/^-N CNI-/ { print $2 }'); do iptables -t "$table" -F "$chain"; done
      for chain in $(iptables -t "$table" -S | awk '/^-N CNI-/ { print $2 }'); do iptables -t "$table" -X "$chain" || true; done
    done
  fi
  # /run/netns is a mount point of its own once CNI has made a namespace in it.
  awk '$1 == "created" { print $2 }' "$state" | while read -r path; do
    while grep -q " $path " /proc/mounts; do umount "$path" || break; done
    rm -rf "$path" || log "could not remove $path"
  done
  awk '$1 == "ip_forward" { print $2 }' "$state" >/proc/sys/net/ipv4/ip_forward
}

start_service() {
  record_host_state
  rm -f "$sock"
  nohup podman system service --time=0 "unix://$sock" >"$dir/service.log" 2>&1 &
  echo $! >"$dir/service.pid"
  local i
  for i in $(seq 1 100); do
    if ping_ok; then return 0; fi
    if ! service_pid >/dev/null; then
      log "the service exited; its log ($dir/service.log):"
      cat "$dir/service.log" >&2
      return 1
    fi
    sleep 0.1
  done
  log "no answer on $sock/_ping after 10 s; log in $dir/service.log"
  return 1
}

build_image() {
  podman image exists "$image" && return 0
  local root="$dir/rootfs"
  rm -rf "$root"
  mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/proc" "$root/sys" "$root/dev" "$root/data"
  cp /bin/busybox "$root/bin/busybox"
  local applet
  for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
  echo 'root:x:0:' >"$root/etc/group"
  tar -C "$root" -cf "$dir/rootfs.tar" .
  podman import --quiet --change 'CMD ["/bin/sh"]' "$dir/rootfs.tar" "$image" >/dev/null
  rm -rf "$root" "$dir/rootfs.tar"
}

start() {
  command -v podman >/dev/null || { log "podman is not installed (apt-get install -y podman runc busybox-static)"; exit 1; }
  [ -x /bin/busybox ] || { log "/bin/busybox is missing (apt-get install -y busybox-static)"; exit 1; }
  if ! { service_pid >/dev/null && ping_ok; }; then
    if pid=$(service_pid); then kill "$pid"; fi
    write_config
    start_service
  fi
  build_image
  echo "DOCKER_HOST=unix://$sock"
}

stop() {
  [ -d "$dir" ] || { log "nothing to stop in $dir"; return 0; }
  if [ -f "$CONTAINERS_CONF" ]; then
    podman rm --all --force --time 0 >/dev/null 2>&1 || true
    podman volume prune --force >/dev/null 2>&1 || true
    podman network prune --force >/dev/null 2>&1 || true
  fi
  local pid
  if pid=$(service_pid); then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  # The conmon of each exec session outlives its container by an exit delay (300 s): end this instance's.
  local f comm
  for f in /proc/[0-9]*/cmdline; do
    pid=${f#/proc/}
    pid=${pid%/cmdline}
    comm=$(cat "/proc/$pid/comm" 2>/dev/null) || continue
    [ "$comm" = conmon ] && tr '\0' ' ' <"$f" 2>/dev/null | grep -qF -- "$dir/" && kill "$pid" 2>/dev/null || true
  done
  # Overlay and shm mounts of the storage, deepest first.
  awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
    umount -l "$m" || true
  done
  restore_host_state
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) echo "CONTAINERS_CONF=$CONTAINERS_CONF"; echo "CONTAINERS_STORAGE_CONF=$CONTAINERS_STORAGE_CONF" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
