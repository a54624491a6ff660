#!/bin/bash
# Runs as PID 1 of a fresh PID+mount+UTS+IPC+network namespace (started by sdns_boot in
# sdns.sh). Builds an overlay root (host / read-only lower, tmpfs upper), then execs
# systemd. Adapted from the team's shared recipe (tools/systemd/sdns-init.sh).
set -eu
NAME=$1; CG=$2; SHARE=$3; UNIT=${4:-basic.target}
if [ "${SDNS_STAGE:-1}" = 1 ]; then
    mkdir -p "$CG/ns"; echo $$ > "$CG/ns/cgroup.procs"
    SDNS_STAGE=2 exec unshare --cgroup "$0" "$@"     # cgroup ns rooted at $CG/ns, still PID 1
fi
ip link set lo up 2>/dev/null || true                # the namespace's own loopback
R=/run/sdns-$NAME                     # lives only in this mount namespace
mkdir -p "$R"; mount -t tmpfs -o mode=755 tmpfs "$R"
mkdir -p "$R"/{upper,work,root}
mount -t overlay overlay -o lowerdir=/,upperdir="$R/upper",workdir="$R/work" "$R/root"
N=$R/root
mount -t proc proc "$N/proc"
mount --bind "$N/proc/sys" "$N/proc/sys"; mount -o remount,bind,ro "$N/proc/sys"
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$N/sys"
mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 "$N/sys/fs/cgroup"
mount -t tmpfs -o mode=755,nosuid tmpfs "$N/dev"
for d in null zero full random urandom tty; do touch "$N/dev/$d"; mount --bind "/dev/$d" "$N/dev/$d"; done
touch "$N/dev/console"; mount --bind /dev/null "$N/dev/console"
mkdir -p "$N/dev/pts" "$N/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$N/dev/pts"; ln -s pts/ptmx "$N/dev/ptmx"
mount -t tmpfs -o mode=1777 tmpfs "$N/dev/shm"
ln -s /proc/self/fd "$N/dev/fd"; ln -s /proc/self/fd/0 "$N/dev/stdin"
ln -s /proc/self/fd/1 "$N/dev/stdout"; ln -s /proc/self/fd/2 "$N/dev/stderr"
mount -t tmpfs -o mode=755,nosuid,nodev tmpfs "$N/run"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$N/tmp"
mkdir -p "$N/share"; mount --bind "$SHARE" "$N/share"          # host dir for artefacts/units
# Mask units that are pointless or could touch the shared host/VM.
mkdir -p "$N/etc/systemd/system"
for u in getty@tty1.service console-getty.service systemd-timesyncd.service systemd-udevd.service \
         systemd-udev-trigger.service systemd-modules-load.service systemd-sysctl.service \
         systemd-pstore.service systemd-random-seed.service systemd-binfmt.service \
         systemd-journal-flush.service postgresql.service e2scrub_reap.service \
         apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer \
         fstrim.timer man-db.timer systemd-firstboot.service systemd-machine-id-commit.service \
         systemd-networkd.service systemd-resolved.service NetworkManager.service; do
    ln -sf /dev/null "$N/etc/systemd/system/$u"
done
# Optional: units/drop-ins to install before boot
[ -d "$SHARE/units" ] && cp -a "$SHARE/units/." "$N/etc/systemd/system/"
echo "sdns-$NAME" > "$N/etc/hostname"; hostname "sdns-$NAME"
cd "$N"; mkdir -p oldroot; pivot_root . oldroot; umount -l /oldroot; rmdir /oldroot
exec env -i container=sdns TERM=dumb /lib/systemd/systemd --unit="$UNIT" \
     --log-target=journal-or-kmsg --show-status=no
