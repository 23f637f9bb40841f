#!/usr/bin/env bash
# A single-node Slurm cluster in a directory, for trying an array sweep on one machine (and for SlurmArrayTest):
#   scripts/slurm-local.sh start DIR   # munged, slurmctld, slurmd as root, state in DIR; prints SLURM_CONF=DIR/slurm.conf
#   scripts/slurm-local.sh stop DIR    # stops them by their pid files and waits until they are gone
# Needs root and Debian's slurm-wlm and munge. No accounting daemon: read the tasks' outputs, not sacct.
set -euo pipefail
cmd="${1:?start|stop}"; dir="$(mkdir -p "${2:?DIR}" && cd "$2" && pwd)"
case "$cmd" in
  start)
    mkdir -p "$dir/state" "$dir/spool"
    [ -f "$dir/munge.key" ] || { head -c 1024 /dev/urandom > "$dir/munge.key"; chmod 400 "$dir/munge.key"; }
    # the daemons get no terminal: a caller reading this script's output must see it end
    munged --force --socket="$dir/munge.socket" --key-file="$dir/munge.key" --log-file="$dir/munged.log" \
      --pid-file="$dir/munged.pid" --seed-file="$dir/munged.seed" </dev/null >>"$dir/start.log" 2>&1
    host="$(hostname)"; mem=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
    cat > "$dir/slurm.conf" <<CONF
ClusterName=inferbench
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldPort=${SLURMCTLD_PORT:-16817}
SlurmdPort=${SLURMD_PORT:-16818}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
NodeName=$host CPUs=$(nproc) RealMemory=$mem State=UNKNOWN
PartitionName=main Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
    slurmctld -f "$dir/slurm.conf" </dev/null >>"$dir/start.log" 2>&1
    slurmd -f "$dir/slurm.conf" </dev/null >>"$dir/start.log" 2>&1
    for _ in $(seq 1 50); do
      SLURM_CONF="$dir/slurm.conf" sinfo -h -o %t 2>/dev/null | grep -q idle && { echo "SLURM_CONF=$dir/slurm.conf"; exit 0; }
      sleep 0.2
    done
    echo "slurm-local: the node did not come up; see $dir/slurmctld.log and $dir/slurmd.log" >&2; exit 1 ;;
  stop)
    pids=()
    for d in slurmd slurmctld munged; do
      [ -f "$dir/$d.pid" ] || continue
      pid="$(cat "$dir/$d.pid")"
      kill "$pid" 2>/dev/null && pids+=("$pid") || true
    done
    # slurmctld saves its state into DIR while it shuts down: return once every daemon is gone, so a caller may
    # delete DIR (at most 30 s, then the stragglers are killed)
    for pid in "${pids[@]}"; do
      for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    done ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
