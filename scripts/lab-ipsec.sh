# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=bash
#
# lab-ipsec.sh -- a real IKEv2/ESP site-to-site tunnel between two lab routers.
#
# Sourced by scripts/lab (and by hand); it never runs anything when sourced.
# It is `set -euo pipefail` safe: every function reports failure by its return
# status and a message on stderr, and never calls exit.
#
#   lab_ipsec_up   PREFIX R1_NS R2_NS R1_WAN_V4 R2_WAN_V4 PROPOSAL TUNNEL_MTU
#   lab_ipsec_down PREFIX
#   lab_ipsec_mtu  PREFIX TUNNEL_MTU          change the ipsec0 MTU of a running tunnel
#   lab_ipsec_blackhole PREFIX on|off         drop the PTBs r1 sends (ICMP 3/4, ICMPv6 2)
#   lab_ipsec_status PREFIX                   swanctl --list-sas on both routers
#
# The kernel here has no ESP (xfrm ESP states fail), so this uses strongSwan's
# kernel-libipsec plugin: charon does ESP itself and exchanges clear packets
# with the kernel over a TUN device named ipsec0, routed through table 220.
# ESP is always UDP-encapsulated (port 4500, NAT-T framing).  See
# doc/lab-notes.md.
#
# Topology assumed (scripts/lab):
#
#   client --- r1 ===== WAN (MTU 1454) ===== r2 --- server
#   192.0.2.0/24         198.51.100.0/24        203.0.113.0/24
#   2001:db8:1::/64      2001:db8:2::/64        2001:db8:3::/64
#
# One CHILD_SA carries 192.0.2.0/24 <-> 203.0.113.0/24 and 2001:db8:1::/64 <->
# 2001:db8:3::/64, so IPv6 rides the IPv4-outer tunnel.  The WAN subnet is not
# in the traffic selectors: r1 and r2 still reach each other's WAN address in
# the clear (that is how IKE and the ESP-in-UDP packets travel).
#
# lab_ipsec_up, in order:
#   1. makes /tmp/PREFIX-ipsec (mode 700) with r1/ and r2/ config dirs and a
#      pre-shared key from /dev/urandom;
#   2. starts one charon per router namespace, each in a private mount
#      namespace with a tmpfs on /run (charon's pid file is hard-wired to
#      /var/run/charon.pid, so two daemons on one host would otherwise refuse
#      to start), STRONGSWAN_CONF pointing at the per-run config, records
#      "NS PID STARTTIME" in /tmp/PREFIX-ipsec/pids before anything else can fail;
#   3. waits for each vici socket, sets ipsec0's MTU, loads the conn and the
#      secret with swanctl --uri unix://...;
#   4. initiates the CHILD_SA from r1, waits (bounded) until both routers
#      report it INSTALLED and both have the table-220 routes;
#   5. pings r1's LAN address -> r2's LAN address over IPv4 and IPv6 (both ends
#      are inside the selectors, so the pings go through the tunnel) and checks
#      that the CHILD_SA packet counters moved, i.e. the replies really came
#      back through ESP.
#
# Knobs (environment, all optional):
#   LAB_IPSEC_TMP       parent of the per-run dir           [/tmp]
#   LAB_IPSEC_TIMEOUT   seconds to wait for the CHILD_SA    [15]
#   LAB_IPSEC_IKE       IKE proposal                        [aes128-sha256-x25519]
#   LAB_IPSEC_LEFT_TS   r1 side selectors  [192.0.2.0/24,2001:db8:1::/64]
#   LAB_IPSEC_RIGHT_TS  r2 side selectors  [203.0.113.0/24,2001:db8:3::/64]
#   LAB_IPSEC_R1_LAN    r1 addresses inside LEFT_TS for the check ping
#                       [192.0.2.1 2001:db8:1::1]
#   LAB_IPSEC_R2_LAN    r2 addresses inside RIGHT_TS [203.0.113.1 2001:db8:3::1]
#   LAB_IPSEC_CHARON    the daemon                          [/usr/lib/ipsec/charon]
#   LAB_IPSEC_QUIET     1: no progress lines on stderr      [0]
#
# Quirks found while building this (strongSwan 5.9.8, Debian 12, kernel 6.x):
#   - ipsec0 is created with MTU 1400 when charon loads kernel-libipsec, and
#     charon evidently sizes its TUN reads by that value once: lowering the
#     MTU later is safe, raising it above 1400 is a silent blackhole.  Measured
#     with ipsec0 at 1454 on both routers: inner 1400 passes, 1401 is read
#     truncated, encrypted, sent (same outer size as 1400) and dropped after
#     decryption at r2; 1420 and 1454 vanish too; 1455 gets frag-needed 1454.
#     So TUNNEL_MTU > 1400 is refused unless LAB_IPSEC_ALLOW_TRUNCATE=1.
#   - The table-220 routes carry no mtu metric (kernel-netlink's `mtu` option
#     is 0): `ip route get 203.0.113.2 from 192.0.2.2 iif <lan>` in r1 says
#     "dev ipsec0 table 220" and nothing else, so forwarded packets are checked
#     against ipsec0's device MTU.  Changing it takes effect at once, also on an
#     established SA (lab_ipsec_mtu), and r1 answers DF packets that are too
#     big with frag-needed / Packet Too Big carrying exactly that MTU.
#   - An ipsec0 MTU below 1280 makes the kernel remove IPv6 from the device,
#     and with it the IPv6 route in table 220: IPv6 through the tunnel just
#     stops (measured: mtu 1200 -> route gone, ping6 times out; back to 1280
#     -> the route reappeared within 0.5 s).  TUNNEL_MTU < 1280 is refused.
#   - Nothing accounts for the ESP overhead: with the default 1400 and a 1454
#     WAN, inner packets above the true limit (1374 for aes128-sha1 and
#     aes256-sha256, 1390 for aes128gcm16) pass only because r1's kernel
#     fragments charon's outer UDP packet and r2 reassembles it.  The client
#     gets no ICMP for those sizes.
#   - charon does not close inherited descriptors.  Started from a command
#     substitution (eval "$(scripts/lab up ...)") it would keep the pipe open
#     and the caller would wait forever; so the launcher closes fds > 2 first.
#   - Do not lower charon.threads: with threads = 8 the vici socket accepts
#     connections but never answers (kernel-libipsec, kernel-netlink, the
#     sockets and vici each park a worker), so swanctl hangs.  Every swanctl
#     call is wrapped in `timeout` for the same reason.
#   - swanctl wants the command first: `swanctl --uri X --load-all` is
#     rejected ("unrecognized option '--uri'"); `swanctl --load-all --uri X`
#     works.  --load-all also prints "opening directory .../x509 failed" for
#     every credential dir next to the --file; harmless with a PSK.
#   - encap = yes is needed (libipsec only does ESP-in-UDP) and makes charon
#     log "remote host is behind NAT" and behave as if NATed; keep_alive = 0
#     stops the 1-byte NAT keep-alives it would otherwise send every 20 s.
#   - `ip route show table 220 2001:db8:3::/64` prints nothing unless -6 is
#     given (ip does not infer the family from the prefix there).
#   - `ip netns exec` and `unshare -m` (without --fork) exec in place, so the
#     PID of the background job is charon's own PID; the launcher checks comm
#     and the pid file charon wrote into its private /run.  After SIGTERM a
#     charon reparented to init may linger briefly as a zombie; lab_ipsec_down
#     counts a zombie as gone and then waits for ipsec0 to disappear.

# ----------------------------------------------------------------------------
# helpers (private; names start with _lab_ipsec_)

_lab_ipsec_log() {
	[[ ${LAB_IPSEC_QUIET:-0} == 1 ]] || printf 'lab-ipsec: %s\n' "$*" >&2
}

_lab_ipsec_err() {
	printf 'lab-ipsec: error: %s\n' "$*" >&2
}

_lab_ipsec_dir() {
	printf '%s/%s-ipsec' "${LAB_IPSEC_TMP:-/tmp}" "$1"
}

# field 22 of /proc/PID/stat (start time in clock ticks); comm may hold
# spaces or parentheses, so cut after the last ')'.
_lab_ipsec_starttime() {
	local stat rest
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	rest=${stat##*) }
	# rest starts at field 3 (state); field 22 is word 20 of rest
	# shellcheck disable=SC2086 # split into fields on purpose
	set -- $rest
	[[ $# -ge 20 ]] || return 1
	printf '%s' "${20}"
}

# true if PID is still the process we started (PID + start time identify it:
# a recycled PID has a different start time) and is not a zombie.  No comm
# check: before its exec the launcher subshell carries the caller's comm.
_lab_ipsec_ours() {
	local pid=$1 start=$2 now stat
	now=$(_lab_ipsec_starttime "$pid") || return 1
	[[ $now == "$start" ]] || return 1
	# a zombie is dead already (it waits for its parent, often init, to reap
	# it); the state is the first field after the ")" closing comm
	stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
	stat=${stat##*) }
	[[ ${stat%% *} != Z ]]
}

_lab_ipsec_swanctl() {
	# $1 = per-router dir, $2 = swanctl command (it must come first: swanctl
	# rejects --uri before the command), the rest are its options
	local rdir=$1 cmd=$2
	shift 2
	# bounded: a wedged charon must not hang the caller (see quirks)
	STRONGSWAN_CONF="$rdir/strongswan.conf" timeout "${LAB_IPSEC_SWANCTL_TIMEOUT:-$((${LAB_IPSEC_TIMEOUT:-15} + 10))}" \
		swanctl "$cmd" --uri "unix://$rdir/charon.vici" "$@"
}

# _lab_ipsec_write_conf RDIR NAME LOCAL_WAN REMOTE_WAN LOCAL_TS REMOTE_TS PROPOSAL PSKHEX
_lab_ipsec_write_conf() {
	local rdir=$1 name=$2 lwan=$3 rwan=$4 lts=$5 rts=$6 esp=$7 psk=$8
	local ike=${LAB_IPSEC_IKE:-aes128-sha256-x25519}

	# umask so the PSK never sits in a world-readable file
	(
		umask 077
		cat >"$rdir/strongswan.conf" <<-EOF
		# strongswan.conf for lab router $name (generated by lab-ipsec.sh)
		charon {
		    # Load exactly the plugins named in 'load'; ignore the per-plugin
		    # 'load = yes' snippets in /etc/strongswan.d (not included here).
		    load_modular = no
		    # kernel-libipsec must come before kernel-netlink: it registers the
		    # userspace ESP backend (TUN device ipsec0); kernel-netlink still
		    # provides addresses, routes and rules.  random nonce: RNG and
		    # nonces.  openssl aes sha1 sha2 hmac gcm: ciphers/integrity for
		    # IKE and for libipsec's ESP.  gmp curve25519: DH groups.  kdf:
		    # IKE key derivation (prf+).  pem pkcs1 pubkey x509: key and
		    # certificate parsers, unused with a PSK but part of the known-good
		    # set from doc/lab-notes.md.
		    # socket-default: the IKE sockets (UDP 500/4500); libipsec sends
		    # its ESP-in-UDP through them too.  vici: swanctl's control socket.
		    load = random nonce openssl aes sha1 sha2 hmac gmp curve25519 gcm kdf pem pkcs1 pubkey x509 kernel-libipsec kernel-netlink socket-default vici
		    # Routes for the tunnelled subnets go to table 220 via ipsec0,
		    # selected by an 'ip rule' at priority 220 (what this build does
		    # anyway; written out so nobody has to look it up).
		    install_routes = yes
		    routing_table = 220
		    routing_table_prio = 220
		    # No NAT keep-alives: encap = yes makes charon act as if behind
		    # NAT, and the 20 s 1-byte keep-alives only clutter WAN captures.
		    keep_alive = 0s
		    # Do not try to install virtual IPs / DNS (none configured).
		    install_virtual_ip = no
		    # Fail fast when the peer is not there (bring-up is bounded anyway):
		    # 3 retransmits (after 1, 1.8, 3.2 s; give up ~12 s after the first
		    # send) instead of the default 5 stretching over 165 s.
		    retransmit_timeout = 1.0
		    retransmit_base = 1.8
		    retransmit_tries = 3
		    plugins {
		        vici {
		            # Per-router control socket; swanctl --uri unix://...
		            socket = unix://$rdir/charon.vici
		        }
		    }
		    # 'threads' stays at its default (16): with 8, vici stops answering.
		    # Log to the per-run dir instead of syslog.
		    filelog {
		        lab {
		            path = $rdir/charon.log
		            time_format = %b %e %T
		            time_add_ms = yes
		            ike_name = yes
		            flush_line = yes
		            append = yes
		            default = 1
		        }
		    }
		    # No syslog loggers (the labs run no syslog daemon anyway).
		    syslog {
		    }
		}
		# swanctl reads this file too (STRONGSWAN_CONF): load only what it
		# needs for a PSK setup.
		swanctl {
		    load = pem pkcs1 x509 revocation constraints pubkey openssl random
		}
		EOF

		cat >"$rdir/swanctl.conf" <<-EOF
		# swanctl.conf for lab router $name (generated by lab-ipsec.sh)
		connections {
		    lab {
		        version = 2
		        local_addrs = $lwan
		        remote_addrs = $rwan
		        # IKE proposal (openssl/curve25519 plugins provide it)
		        proposals = $ike
		        # Force ESP-in-UDP on 4500: libipsec has no raw ESP.
		        encap = yes
		        mobike = no
		        # No DPD; a lab tunnel lives for minutes.
		        dpd_delay = 0s
		        local {
		            auth = psk
		            id = $lwan
		        }
		        remote {
		            auth = psk
		            id = $rwan
		        }
		        children {
		            lab {
		                mode = tunnel
		                local_ts = $lts
		                remote_ts = $rts
		                # ESP proposal under test; no DH group = no PFS.
		                esp_proposals = $esp
		                start_action = none
		                close_action = none
		                dpd_action = none
		            }
		        }
		    }
		}
		secrets {
		    ike-lab {
		        id-1 = $lwan
		        id-2 = $rwan
		        secret = 0x$psk
		    }
		}
		EOF
	)
}

# _lab_ipsec_poll TENTHS CMD...: run CMD every 0.1 s until it succeeds or
# TENTHS tenths of a second have passed (wall clock); its output is discarded.
_lab_ipsec_poll() {
	local deadline=$((${EPOCHREALTIME//[.,]/} + $1 * 100000))
	shift
	while :; do
		if "$@" >/dev/null 2>&1; then
			return 0
		fi
		((${EPOCHREALTIME//[.,]/} < deadline)) || return 1
		sleep 0.1
	done
}

_lab_ipsec_child_installed() {
	# $1 = per-router dir
	_lab_ipsec_swanctl "$1" --list-sas --ike lab 2>/dev/null | grep -q 'lab: #[0-9]*, reqid [0-9]*, INSTALLED'
}

# packets in+out of the CHILD_SA as reported by swanctl (0 if none)
_lab_ipsec_child_packets() {
	local out pin pout
	out=$(_lab_ipsec_swanctl "$1" --list-sas --ike lab 2>/dev/null) || { echo 0; return 0; }
	pin=$(sed -n 's/.*in  *[0-9a-f]*[^,]*, *[0-9]* bytes, *\([0-9]*\) packets.*/\1/p' <<<"$out" | head -1)
	pout=$(sed -n 's/.*out *[0-9a-f]*[^,]*, *[0-9]* bytes, *\([0-9]*\) packets.*/\1/p' <<<"$out" | head -1)
	echo $((${pin:-0} + ${pout:-0}))
}

_lab_ipsec_routes_ok() {
	# $1 ns, $2 comma-separated remote TS: every one must be in table 220 via ipsec0
	local ns=$1 ts t fam
	IFS=, read -r -a ts <<<"$2"
	for t in "${ts[@]}"; do
		# ip does not infer the family from the prefix here: -6 is needed
		if [[ $t == *:* ]]; then fam=-6; else fam=-4; fi
		ip -n "$ns" "$fam" route show table 220 exact "$t" 2>/dev/null | grep -q 'dev ipsec0' || return 1
	done
}

# close every descriptor above 2 of the current (sub)shell
_lab_ipsec_close_fds() {
	local f n
	for f in /proc/"$BASHPID"/fd/*; do
		n=${f##*/}
		[[ $n =~ ^[0-9]+$ ]] || continue
		((n > 2)) || continue
		exec {n}>&- 2>/dev/null || true
	done
}

# _lab_ipsec_start_charon DIR TAG NS
_lab_ipsec_start_charon() {
	local dir=$1 tag=$2 ns=$3 rdir=$1/$2 pid start i
	local charon=${LAB_IPSEC_CHARON:-/usr/lib/ipsec/charon}

	# private mount namespace + tmpfs /run: charon writes /var/run/charon.pid
	# (-> /run) unconditionally and refuses to start if it exists.
	# In a subshell that execs: closes every inherited descriptor above 2
	# first.  charon does not close them itself, and a daemon holding, say,
	# the write end of the pipe of `eval "$(scripts/lab up ...)"` makes that
	# command substitution wait forever.
	(
		_lab_ipsec_close_fds
		exec ip netns exec "$ns" unshare --mount --propagation private \
			sh -c 'mount -t tmpfs -o mode=0755,size=1m lab-ipsec-run /run && exec "$@"' sh \
			env STRONGSWAN_CONF="$rdir/strongswan.conf" "$charon" \
			</dev/null >>"$rdir/charon.out" 2>&1
	) &
	pid=$!
	# not a job of the caller's shell: no "Killed ..." job reports later
	disown "$pid" 2>/dev/null || true

	# record the PID at once, before anything else can fail; the start time
	# guards lab_ipsec_down against PID reuse.
	start=$(_lab_ipsec_starttime "$pid") || start=0
	printf '%s %s %s\n' "$ns" "$pid" "$start" >>"$dir/pids"

	# the exec chain (subshell ->) ip -> unshare -> sh -> env -> charon keeps the PID
	for ((i = 0; i < 100; i++)); do
		[[ -d /proc/$pid ]] || break
		if [[ $(cat "/proc/$pid/comm" 2>/dev/null) == charon ]]; then
			break
		fi
		sleep 0.05
	done
	if [[ $(cat "/proc/$pid/comm" 2>/dev/null) != charon ]]; then
		_lab_ipsec_err "$tag: charon did not start in $ns (see $rdir/charon.out, $rdir/charon.log)"
		return 1
	fi
	# the start time recorded above may have been taken from a pre-exec stage;
	# the PID and start time do not change across exec, so it is still valid.
	if ! _lab_ipsec_poll 100 test -S "$rdir/charon.vici"; then
		_lab_ipsec_err "$tag: no vici socket $rdir/charon.vici after 10 s (see $rdir/charon.log)"
		return 1
	fi
	local pf
	pf=$(cat "/proc/$pid/root/run/charon.pid" 2>/dev/null) || pf=
	if [[ -n $pf && $pf != "$pid" ]]; then
		_lab_ipsec_err "$tag: charon.pid says $pf, expected $pid"
		return 1
	fi
	if ! _lab_ipsec_poll 50 ip -n "$ns" link show dev ipsec0; then
		_lab_ipsec_err "$tag: no ipsec0 TUN device in $ns (kernel-libipsec not loaded? see $rdir/charon.log)"
		return 1
	fi
}

_lab_ipsec_check_mtu() {
	local mtu=$1
	if ! [[ $mtu =~ ^[0-9]+$ ]]; then
		_lab_ipsec_err "TUNNEL_MTU must be a number, got '$mtu'"
		return 1
	fi
	if ((mtu < 1280)); then
		_lab_ipsec_err "TUNNEL_MTU $mtu < 1280 would remove IPv6 from ipsec0"
		return 1
	fi
	if ((mtu > 1400)) && [[ ${LAB_IPSEC_ALLOW_TRUNCATE:-0} != 1 ]]; then
		_lab_ipsec_err "TUNNEL_MTU $mtu > 1400: charon truncates packets above 1400 (silent blackhole); set LAB_IPSEC_ALLOW_TRUNCATE=1 to do it anyway"
		return 1
	fi
}

# ----------------------------------------------------------------------------
# public API

# lab_ipsec_up PREFIX R1_NS R2_NS R1_WAN_V4 R2_WAN_V4 PROPOSAL TUNNEL_MTU
lab_ipsec_up() {
	if [[ $# -ne 7 ]]; then
		_lab_ipsec_err "usage: lab_ipsec_up PREFIX R1_NS R2_NS R1_WAN_V4 R2_WAN_V4 PROPOSAL TUNNEL_MTU"
		return 2
	fi
	local prefix=$1 r1=$2 r2=$3 w1=$4 w2=$5 esp=$6 mtu=$7
	local dir psk t0 t1 ns tag rdir before after a b rc
	local lts=${LAB_IPSEC_LEFT_TS:-192.0.2.0/24,2001:db8:1::/64}
	local rts=${LAB_IPSEC_RIGHT_TS:-203.0.113.0/24,2001:db8:3::/64}
	local -a lan1 lan2
	read -r -a lan1 <<<"${LAB_IPSEC_R1_LAN:-192.0.2.1 2001:db8:1::1}"
	read -r -a lan2 <<<"${LAB_IPSEC_R2_LAN:-203.0.113.1 2001:db8:3::1}"
	local timeout=${LAB_IPSEC_TIMEOUT:-15}

	t0=$(date +%s.%N)
	[[ $prefix =~ ^[A-Za-z0-9_.-]+$ ]] || { _lab_ipsec_err "bad PREFIX '$prefix'"; return 2; }
	[[ -n $esp ]] || { _lab_ipsec_err "empty PROPOSAL"; return 2; }
	_lab_ipsec_check_mtu "$mtu" || return 2
	for ns in "$r1" "$r2"; do
		if ! ip netns exec "$ns" true 2>/dev/null; then
			_lab_ipsec_err "namespace '$ns' does not exist"
			return 1
		fi
		if ip -n "$ns" link show dev ipsec0 >/dev/null 2>&1; then
			_lab_ipsec_err "$ns already has an ipsec0 (another charon running there?)"
			return 1
		fi
	done

	dir=$(_lab_ipsec_dir "$prefix")
	# unix socket paths are limited to 107 bytes
	if ((${#dir} + 16 > 107)); then
		_lab_ipsec_err "per-run dir path too long for a unix socket: $dir"
		return 2
	fi
	if [[ -e $dir ]]; then
		if [[ -s $dir/pids ]]; then
			local ppid pstart
			while read -r _ ppid pstart; do
				if _lab_ipsec_ours "$ppid" "$pstart"; then
					_lab_ipsec_err "$dir: charon $ppid still running; lab_ipsec_down $prefix first"
					return 1
				fi
			done <"$dir/pids"
		fi
		rm -rf -- "$dir"
	fi
	mkdir -m 700 "$dir" && mkdir -m 700 "$dir/r1" "$dir/r2" || return 1
	printf '%s %s\n' "$r1" "$r2" >"$dir/namespaces"

	psk=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
	if [[ ${#psk} -ne 64 ]]; then
		_lab_ipsec_err "could not read a key from /dev/urandom"
		return 1
	fi
	_lab_ipsec_write_conf "$dir/r1" r1 "$w1" "$w2" "$lts" "$rts" "$esp" "$psk"
	_lab_ipsec_write_conf "$dir/r2" r2 "$w2" "$w1" "$rts" "$lts" "$esp" "$psk"
	psk=

	_lab_ipsec_start_charon "$dir" r1 "$r1" || return 1
	_lab_ipsec_start_charon "$dir" r2 "$r2" || return 1

	# the route to the remote subnets goes via ipsec0 without an mtu metric,
	# so this device MTU is what r1/r2 enforce (and put in frag-needed/PTB).
	ip -n "$r1" link set dev ipsec0 mtu "$mtu" || return 1
	ip -n "$r2" link set dev ipsec0 mtu "$mtu" || return 1
	printf '%s\n' "$mtu" >"$dir/mtu"

	for tag in r1 r2; do
		rdir=$dir/$tag
		rc=0
		_lab_ipsec_swanctl "$rdir" --load-all --file "$rdir/swanctl.conf" \
			>>"$rdir/swanctl.out" 2>&1 || rc=$?
		if ((rc == 124)); then
			_lab_ipsec_err "$tag: swanctl timed out: charon does not answer on $rdir/charon.vici (see charon.log)"
			return 1
		elif ((rc != 0)); then
			_lab_ipsec_err "$tag: swanctl --load-all failed (proposal '$esp' unsupported?):"
			# (swanctl always complains about the absent x509/, private/, ... dirs)
			grep -v '^opening directory' "$rdir/swanctl.out" | sed 's/^/    /' >&2
			return 1
		fi
	done

	_lab_ipsec_log "initiating CHILD_SA ($esp) $r1 $w1 -> $r2 $w2"
	if ! _lab_ipsec_swanctl "$dir/r1" --initiate --ike lab --child lab --timeout "$timeout" \
		>>"$dir/r1/swanctl.out" 2>&1; then
		_lab_ipsec_err "swanctl --initiate failed; last lines of $dir/r1/swanctl.out and r1/r2 charon.log:"
		tail -n 5 "$dir/r1/swanctl.out" "$dir/r1/charon.log" "$dir/r2/charon.log" >&2
		return 1
	fi
	if ! _lab_ipsec_poll $((timeout * 10)) _lab_ipsec_child_installed "$dir/r1" ||
		! _lab_ipsec_poll $((timeout * 10)) _lab_ipsec_child_installed "$dir/r2"; then
		_lab_ipsec_err "CHILD_SA not INSTALLED on both routers within ${timeout}s"
		return 1
	fi
	if ! _lab_ipsec_poll 50 _lab_ipsec_routes_ok "$r1" "$rts" ||
		! _lab_ipsec_poll 50 _lab_ipsec_routes_ok "$r2" "$lts"; then
		_lab_ipsec_err "table 220 routes via ipsec0 missing:"
		ip -n "$r1" route show table all | grep -E 'table 220|ipsec0' >&2 || true
		ip -n "$r2" route show table all | grep -E 'table 220|ipsec0' >&2 || true
		return 1
	fi

	# end-to-end check: r1 LAN address -> r2 LAN address (both inside the
	# selectors), one address per family, and the SA counters must move.
	before=$(_lab_ipsec_child_packets "$dir/r1")
	for ((a = 0; a < ${#lan1[@]}; a++)); do
		b=${lan2[a]:-}
		[[ -n $b ]] || continue
		if ! _lab_ipsec_poll 5 ip netns exec "$r1" ping -n -q -c 1 -W 1 -I "${lan1[a]}" "$b"; then
			_lab_ipsec_err "no reply through the tunnel: $r1 ${lan1[a]} -> $b"
			return 1
		fi
	done
	after=$(_lab_ipsec_child_packets "$dir/r1")
	if ((after - before < 2 * ${#lan1[@]})); then
		_lab_ipsec_err "pings passed but the CHILD_SA counters moved only $before -> $after: traffic is not going through ESP"
		return 1
	fi

	t1=$(date +%s.%N)
	_lab_ipsec_log "up: $esp, ipsec0 mtu $mtu, $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s (state in $dir)"
}

# lab_ipsec_mtu PREFIX TUNNEL_MTU -- set ipsec0's MTU on both routers
lab_ipsec_mtu() {
	if [[ $# -ne 2 ]]; then
		_lab_ipsec_err "usage: lab_ipsec_mtu PREFIX TUNNEL_MTU"
		return 2
	fi
	local dir r1 r2
	dir=$(_lab_ipsec_dir "$1")
	_lab_ipsec_check_mtu "$2" || return 2
	read -r r1 r2 <"$dir/namespaces" || { _lab_ipsec_err "no tunnel '$1'"; return 1; }
	ip -n "$r1" link set dev ipsec0 mtu "$2" || return 1
	ip -n "$r2" link set dev ipsec0 mtu "$2" || return 1
	printf '%s\n' "$2" >"$dir/mtu"
}

# lab_ipsec_blackhole PREFIX on|off -- make r1 drop the frag-needed / Packet
# Too Big it generates (nftables output hook, its own table, so it does not
# interfere with scripts/lab's tables).  Inner DF packets larger than ipsec0's
# MTU then vanish without any error reaching the client.
lab_ipsec_blackhole() {
	if [[ $# -ne 2 || ! $2 =~ ^(on|off)$ ]]; then
		_lab_ipsec_err "usage: lab_ipsec_blackhole PREFIX on|off"
		return 2
	fi
	local dir r1 r2
	dir=$(_lab_ipsec_dir "$1")
	read -r r1 r2 <"$dir/namespaces" || { _lab_ipsec_err "no tunnel '$1'"; return 1; }
	ip netns exec "$r1" nft delete table inet lab_ipsec_bh 2>/dev/null || true
	rm -f "$dir/blackhole"
	[[ $2 == on ]] || return 0
	ip netns exec "$r1" nft -f - <<-'EOF' || return 1
	table inet lab_ipsec_bh {
	    chain out {
	        type filter hook output priority 0; policy accept;
	        icmp type destination-unreachable icmp code frag-needed counter drop
	        icmpv6 type packet-too-big counter drop
	    }
	}
	EOF
	: >"$dir/blackhole"
}

# lab_ipsec_status PREFIX
lab_ipsec_status() {
	local dir tag
	dir=$(_lab_ipsec_dir "${1:?usage: lab_ipsec_status PREFIX}")
	for tag in r1 r2; do
		[[ -S $dir/$tag/charon.vici ]] || continue
		echo "== $tag"
		_lab_ipsec_swanctl "$dir/$tag" --list-sas || true
	done
}

# _lab_ipsec_wait_gone TENTHS: wait up to TENTHS x 0.1 s until none of the caller's
# recorded charons (its pids/starts arrays) is alive; 0 when all are gone.
_lab_ipsec_wait_gone() {
	local n=$1 k idx alive
	for ((k = 0; k < n; k++)); do
		alive=0
		for idx in "${!pids[@]}"; do
			_lab_ipsec_ours "${pids[idx]}" "${starts[idx]}" && alive=1
		done
		((alive)) || return 0
		sleep 0.1
	done
	return 1
}

# lab_ipsec_down PREFIX -- stop exactly the daemons lab_ipsec_up recorded,
# wait for them, remove the per-run dir.  Idempotent; fine after a failed up.
lab_ipsec_down() {
	if [[ $# -ne 1 ]]; then
		_lab_ipsec_err "usage: lab_ipsec_down PREFIX"
		return 2
	fi
	local dir ns pid start i alive r1 r2 killed=0
	local -a pids=() starts=() nss=()
	dir=$(_lab_ipsec_dir "$1")
	[[ -d $dir ]] || return 0

	if [[ -f $dir/pids ]]; then
		while read -r ns pid start; do
			[[ $pid =~ ^[0-9]+$ ]] || continue
			nss+=("$ns")
			pids+=("$pid")
			starts+=("$start")
		done <"$dir/pids"
	fi

	# SIGTERM: charon deletes the IKE/CHILD SAs, its routes, its ip rule and
	# the TUN device on the way out.
	for i in "${!pids[@]}"; do
		if _lab_ipsec_ours "${pids[i]}" "${starts[i]}"; then
			kill -TERM "${pids[i]}" 2>/dev/null || true
		fi
	done
	alive=0
	_lab_ipsec_wait_gone 50 || alive=1
	if ((alive)); then
		for i in "${!pids[@]}"; do
			if _lab_ipsec_ours "${pids[i]}" "${starts[i]}"; then
				_lab_ipsec_err "charon ${pids[i]} ignored SIGTERM for 5 s; SIGKILL"
				kill -KILL "${pids[i]}" 2>/dev/null || true
				killed=1
			fi
		done
		_lab_ipsec_wait_gone 20 || true
	fi
	if [[ -r $dir/namespaces ]] && read -r r1 r2 <"$dir/namespaces"; then
		# charon is gone (or a zombie) once its TUN device has disappeared
		for ns in "$r1" "$r2"; do
			for ((i = 0; i < 30; i++)); do
				ip -n "$ns" link show dev ipsec0 >/dev/null 2>&1 || break
				sleep 0.1
			done
		done
		if [[ -e $dir/blackhole ]]; then
			ip netns exec "$r1" nft delete table inet lab_ipsec_bh 2>/dev/null || true
		fi
		# after SIGKILL charon could not remove its policy-routing rules
		if ((killed)); then
			for ns in "$r1" "$r2"; do
				while ip -n "$ns" rule del table 220 2>/dev/null; do :; done
				while ip -n "$ns" -6 rule del table 220 2>/dev/null; do :; done
				ip -n "$ns" route flush table 220 2>/dev/null || true
				ip -n "$ns" -6 route flush table 220 2>/dev/null || true
			done
		fi
	fi
	rm -rf -- "$dir"
}
