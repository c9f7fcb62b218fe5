# SPDX-License-Identifier: BSD-2-Clause
# shellcheck shell=bash
# lab.sh: function library for the mtuprobe network-namespace lab.
# Sourced by scripts/lab, scripts/bench and tests/lab/*.sh. It sets no shell options;
# callers run with `set -euo pipefail`.
#
# Topology (one run = four namespaces named "$LAB_ID-<node>"):
#
#   client --(lan, 1500)-- r1 ==(WAN, --wan-mtu, default 1454)== r2 --(--server-mtu, 1500)-- server
#
#   link        subnet                          addresses (left / right)
#   client-r1   192.0.2.0/24    2001:db8:1::/64  client .2 ::2   r1 .1 ::1
#   r1-r2 WAN   198.51.100.0/24 2001:db8:2::/64  r1     .1 ::1   r2 .2 ::2
#   r2-server   203.0.113.0/24  2001:db8:3::/64  r2     .1 ::1   server .2 ::2
#   (RFC 5737 / RFC 3849 documentation ranges; they exist only inside our namespaces.)
#   203.0.113.99 and 2001:db8:3::99 are deliberately unused ("unreachable" target).
#
# Interface names are fixed and short because each lives in a private namespace:
#   client: lan0            r1: lan0, wan0       r2: wan0, srv0       server: lan0
#
# Round-trip time (--rtt MS [--jitter PCT]): a fifth namespace "$LAB_ID-delay", with no
# addresses, no IPv6 and no forwarding, is spliced into the WAN:
#
#   r1 wan0 ==(veth, --wan-mtu)== wan-r1 [delay] wan-r2 ==(veth, --wan-mtu)== r2 wan0
#
# and tests/lab/delayfwd (built by meson; LAB_DELAYFWD overrides the path) moves every
# frame between wan-r1 and wan-r2, unchanged, MS/2 ms later in each direction (+-PCT% per
# frame, each direction kept in order), so an idle round trip across the WAN takes MS ms.
# Both veth pairs carry the WAN MTU, so r1 and r2 still see a plain 1454 link: PTBs,
# fragments and ESP-in-UDP cross it like any frame. As doc/lab-notes.md ("Delay") prescribes:
# tx checksum offload (and with it TSO), GSO and GRO are off on the four WAN veth ends so
# every frame is complete on the wire; r1 and r2 have static (permanent) neighbours for
# each other's WAN addresses; the forwarder runs SCHED_FIFO. Its pid is recorded in the
# lab's state directory and `lab down` stops it by that pid (SIGTERM, then SIGKILL); it
# also exits by itself when its interfaces or its namespace disappear. Its log, with
# per-direction counts and departure lateness, is $LAB_STATE_ROOT/ID/delayfwd.log
# while the lab is up. Without --rtt nothing of this exists and the WAN is one veth pair.
# Veth pairs are created inside the namespaces (`ip -n A link add ... peer ... netns B`),
# so nothing ever appears in the caller's namespace, and runs cannot collide.
#
# Failure modes (nftables, table "inet mtplab" in the named router):
#   --blackhole      r1 output: drop ICMP frag-needed and ICMPv6 packet-too-big.
#   --ptb-ratelimit  r1 output: frag-needed / PTB limited to 1/s burst 1 (the kernel's
#                    icmp_ratelimit does not apply to frag-needed; see doc/lab-notes.md).
#   --loss PCT       r2 input, output and forward: drop PCT% of ICMP/ICMPv6 at random
#                    (ND excluded). Every packet crossing or reaching r2 passes exactly one
#                    of those hooks, so each direction loses PCT% whether the target is r2's
#                    own WAN address or the server behind it.
#   --drop-ptb       r1 AND r2, output and forward: drop every ICMP frag-needed and ICMPv6
#                    packet-too-big, whoever sends it (AWS-like: nothing tells a sender its
#                    packets are too big, neither on the WAN nor inside the tunnel).
#   --drop-wan-frags r1 and r2, netdev ingress on wan0: drop every outer IPv4 fragment,
#                    so packets that only fit after fragmentation (ESP after encryption)
#                    are lost on the WAN in both directions.
# Always (table "netdev mtplabwan", netdev ingress on both routers' wan0): the named
# counter "wanfrags" counts the IPv4 fragments (frag-off & 0x3fff != 0) and IPv6
# fragments arriving over the WAN, i.e. both directions; it only counts unless
# --drop-wan-frags is given. `scripts/lab frags LAB_ID` (lab_wan_frags) prints the sum.
#
# IPsec hook: `--ipsec PROPOSAL [--tunnel-mtu N]` sources scripts/lab-ipsec.sh (kept in
# its own file) once the base lab is up and calls its API:
#     lab_ipsec_up LAB_ID R1_NS R2_NS 198.51.100.1 198.51.100.2 PROPOSAL TUNNEL_MTU
#   (TUNNEL_MTU defaults to 1400, the MTU strongSwan's kernel-libipsec gives ipsec0).
#   Its selectors are client LAN <-> server LAN, so the server (LAB_TUNNEL_TARGET_V4/V6)
#   is reached through ESP while r2's WAN address stays in the clear.
#   `lab down` calls `lab_ipsec_down LAB_ID` before deleting the namespaces. Processes
#   still running inside a lab namespace at `down` time (a hung prober, a charon whose
#   teardown failed) are terminated as well: only this lab's runs can be in there.

LAB_STATE_ROOT=${LAB_STATE_ROOT:-/run/mtplab}
LAB_NODES=(client r1 r2 server)

lab_log() { printf 'lab: %s\n' "$*" >&2; }
lab_die() { printf 'lab: error: %s\n' "$*" >&2; return 1; }

# lab_valid_id ID: ids are what lab_new_id makes: lowercase letters and digits only, so
# "$id-<node>" can never match another run's namespace by accident.
lab_valid_id() { [[ $1 =~ ^[a-z][a-z0-9]{3,30}$ ]]; }

# lab_new_id [PREFIX]: PREFIX (default mtp) + our pid + 4 random hex digits.
lab_new_id() {
	local prefix=${1:-mtp} id tries=0
	[[ $prefix =~ ^[a-z][a-z0-9]{0,11}$ ]] ||
		lab_die "prefix must be 1-12 lowercase letters/digits, starting with a letter" || return 1
	while :; do
		id=$(printf '%s%dx%04x' "$prefix" "$$" "$RANDOM")
		if [[ ! -e /run/netns/$id-client && ! -e $LAB_STATE_ROOT/$id ]]; then
			printf '%s\n' "$id"
			return 0
		fi
		tries=$((tries + 1))
		((tries < 20)) || lab_die "cannot find a free lab id" || return 1
	done
}

lab_ns() { printf '%s-%s\n' "$1" "$2"; } # lab_ns ID NODE -> namespace name

lab_exec() { # lab_exec ID NODE CMD... (runs CMD in that node's namespace)
	local id=$1 node=$2
	shift 2
	ip netns exec "$(lab_ns "$id" "$node")" "$@"
}

lab_require_root() {
	[[ $(id -u) -eq 0 ]] || lab_die "must run as root (network namespaces)" || return 1
	ip netns list >/dev/null 2>&1 || lab_die "'ip netns' is not available" || return 1
}

# Sysctls common to every node. accept_dad=0 because DAD would drop the first seconds of
# traffic (doc/lab-notes.md); set on "default" too so veth devices created later inherit it.
lab__ns_init() {
	local id=$1 node=$2 ns
	ns=$(lab_ns "$id" "$node")
	ip netns add "$ns"
	ip -n "$ns" link set lo up
	ip netns exec "$ns" sysctl -qw \
		net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
		net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0
	case $node in
	r1 | r2)
		ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1 \
			net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.forwarding=1
		;;
	esac
}

# lab__veth ID NODE_A IF_A NODE_B IF_B MTU
lab__veth() {
	local a b
	a=$(lab_ns "$1" "$2")
	b=$(lab_ns "$1" "$4")
	ip -n "$a" link add "$3" mtu "$6" type veth peer name "$5" mtu "$6" netns "$b"
	ip -n "$a" link set "$3" up
	ip -n "$b" link set "$5" up
}

# The delay namespace: no addresses, no IPv6 (not even link-local: nothing of its own
# may appear on the WAN), no forwarding. Only delayfwd moves frames through it.
lab__delay_ns_init() {
	local ns
	ns=$(lab_ns "$1" delay)
	ip netns add "$ns"
	ip -n "$ns" link set lo up
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 net.ipv4.ip_forward=0
}

# lab__addr ID NODE IF V4/LEN V6/LEN MTU: no IPv6 on links below 1280 (RFC 8200
# minimum; the kernel refuses the address there).
lab__addr() {
	local ns
	ns=$(lab_ns "$1" "$2")
	ip -n "$ns" addr add "$4" dev "$3"
	(($6 < 1280)) || ip -n "$ns" -6 addr add "$5" dev "$3" nodad
}

lab__topology() {
	local id=$1 wan=$2 srv=$3 rtt=${4:-0} c r1 r2 s
	c=$(lab_ns "$id" client) r1=$(lab_ns "$id" r1) r2=$(lab_ns "$id" r2) s=$(lab_ns "$id" server)
	lab__veth "$id" client lan0 r1 lan0 1500
	if ((rtt > 0)); then
		lab__veth "$id" r1 wan0 delay wan-r1 "$wan"
		lab__veth "$id" delay wan-r2 r2 wan0 "$wan"
	else
		lab__veth "$id" r1 wan0 r2 wan0 "$wan"
	fi
	lab__veth "$id" r2 srv0 server lan0 "$srv"
	lab__addr "$id" client lan0 192.0.2.2/24 2001:db8:1::2/64 1500
	lab__addr "$id" r1 lan0 192.0.2.1/24 2001:db8:1::1/64 1500
	lab__addr "$id" r1 wan0 198.51.100.1/24 2001:db8:2::1/64 "$wan"
	lab__addr "$id" r2 wan0 198.51.100.2/24 2001:db8:2::2/64 "$wan"
	lab__addr "$id" r2 srv0 203.0.113.1/24 2001:db8:3::1/64 "$srv"
	lab__addr "$id" server lan0 203.0.113.2/24 2001:db8:3::2/64 "$srv"
	# Explicit routes only (no defaults between routers): an address outside the plan is
	# unreachable at the first router instead of looping until the TTL runs out.
	ip -n "$c" route add default via 192.0.2.1
	ip -n "$c" -6 route add default via 2001:db8:1::1
	ip -n "$r1" route add 203.0.113.0/24 via 198.51.100.2
	ip -n "$r2" route add 192.0.2.0/24 via 198.51.100.1
	ip -n "$s" route add default via 203.0.113.1
	if ((wan >= 1280)); then
		ip -n "$r1" -6 route add 2001:db8:3::/64 via 2001:db8:2::2
		ip -n "$r2" -6 route add 2001:db8:1::/64 via 2001:db8:2::1
	fi
	((srv < 1280)) || ip -n "$s" -6 route add default via 2001:db8:3::1
}

# lab__delayfwd_bin STATE_DIR: the forwarder executable: $LAB_DELAYFWD, else meson's
# build/tests/lab/delayfwd, else compiled from source into the state directory.
lab__delayfwd_bin() {
	local dir=$1 root bin
	root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	if [[ -n ${LAB_DELAYFWD:-} ]]; then
		[[ -x $LAB_DELAYFWD ]] || lab_die "LAB_DELAYFWD=$LAB_DELAYFWD is not executable" || return 1
		printf '%s\n' "$LAB_DELAYFWD"
		return 0
	fi
	bin=$root/build/tests/lab/delayfwd
	if [[ -x $bin && ! $root/tests/lab/delayfwd.c -nt $bin ]]; then
		printf '%s\n' "$bin"
		return 0
	fi
	command -v cc >/dev/null || lab_die "--rtt needs $bin (meson compile -C build) or a C compiler" || return 1
	cc -std=c17 -O2 -Wall -Wextra -D_GNU_SOURCE -o "$dir/delayfwd" "$root/tests/lab/delayfwd.c" >&2 ||
		lab_die "cannot compile tests/lab/delayfwd.c" || return 1
	printf '%s\n' "$dir/delayfwd"
}

lab__mac() { # lab__mac NS IF
	ip -n "$1" -o link show dev "$2" | sed -n 's|.*link/ether \([0-9a-f:]*\) .*|\1|p'
}

# lab__delay_up ID STATE_DIR WAN_MTU RTT_MS JITTER_PCT: offloads off, static neighbours
# across the delayed WAN, then start delayfwd and wait until its sockets are ready.
lab__delay_up() {
	local id=$1 dir=$2 wan=$3 rtt=$4 jitter=$5 r1 r2 m bin mac1 mac2 pid i ready="" ns ifc
	r1=$(lab_ns "$id" r1) r2=$(lab_ns "$id" r2) m=$(lab_ns "$id" delay)
	command -v ethtool >/dev/null || lab_die "--rtt needs ethtool (scripts/deps)" || return 1
	bin=$(lab__delayfwd_bin "$dir") || return 1
	for ns in "$r1:wan0" "$r2:wan0" "$m:wan-r1" "$m:wan-r2"; do
		ifc=${ns##*:}
		ns=${ns%:*}
		# Partial checksums would cross as garbage: the frame is copied, not the skb.
		ip netns exec "$ns" ethtool -K "$ifc" tx off tso off gso off gro off >/dev/null 2>&1 ||
			lab_die "ethtool -K $ifc tx off failed in $ns" || return 1
	done
	mac1=$(lab__mac "$r1" wan0) mac2=$(lab__mac "$r2" wan0)
	[[ -n $mac1 && -n $mac2 ]] || lab_die "cannot read the WAN MAC addresses" || return 1
	ip -n "$r1" neigh replace 198.51.100.2 lladdr "$mac2" dev wan0 nud permanent
	ip -n "$r2" neigh replace 198.51.100.1 lladdr "$mac1" dev wan0 nud permanent
	if ((wan >= 1280)); then
		ip -n "$r1" -6 neigh replace 2001:db8:2::2 lladdr "$mac2" dev wan0 nud permanent
		ip -n "$r2" -6 neigh replace 2001:db8:2::1 lladdr "$mac1" dev wan0 nud permanent
	fi
	# `ip netns exec` execs the program, so $! is the forwarder's own pid; it is recorded
	# before anything else can fail, so `lab down` always finds it. fd 3 (our caller's
	# pipe) is closed for it, and it closes anything else it inherits.
	ip netns exec "$m" "$bin" -d $((rtt * 500)) -j "$jitter" -p "$dir/delayfwd.ready" \
		-n "$m" wan-r1 wan-r2 </dev/null >>"$dir/delayfwd.log" 2>&1 3>&- &
	pid=$!
	printf '%d\n' "$pid" >"$dir/delayfwd.pid"
	for ((i = 0; i < 100; i++)); do
		if [[ -s $dir/delayfwd.ready ]]; then
			ready=$(<"$dir/delayfwd.ready")
			break
		fi
		lab__running "$pid" || break
		sleep 0.05
	done
	if [[ $ready != "$pid" ]]; then
		sed 's/^/lab: /' "$dir/delayfwd.log" >&2
		lab_die "delayfwd did not start (pid $pid)" || return 1
	fi
	lab_log "delay: $rtt ms round trip (one-way $((rtt * 500)) us +-$jitter%), delayfwd pid $pid in $m"
}

# lab__running PID: PID exists and is not a zombie (a forwarder that exited by itself
# stays one until init reaps it, and it has no namespace any more).
lab__running() {
	local st
	st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || return 1
	[[ -n $st && ${st%% *} != [ZX] ]]
}

# lab__delay_down ID STATE_DIR: stop the forwarder by its recorded pid, if it still is
# ours (same program name, running in this lab's delay namespace).
lab__delay_down() {
	local id=$1 dir=$2 pid m want i
	[[ -f $dir/delayfwd.pid ]] || return 0
	pid=$(<"$dir/delayfwd.pid")
	[[ $pid =~ ^[0-9]+$ ]] || return 0
	m=$(lab_ns "$id" delay)
	if [[ $(cat "/proc/$pid/comm" 2>/dev/null) != delayfwd ]] || ! lab__running "$pid"; then
		rm -f -- "$dir/delayfwd.pid"
		[[ ! -f $dir/delayfwd.log ]] || grep -e '->' -e 'wake-ups' -e stopping "$dir/delayfwd.log" | sed 's/^/lab: /' >&2 || true
		return 0
	fi
	want=$(stat -L -c %i "/run/netns/$m" 2>/dev/null || true)
	if [[ -n $want && $(readlink "/proc/$pid/ns/net" 2>/dev/null) != "net:[$want]" ]]; then
		lab_log "pid $pid is not this lab's delayfwd; not killing it"
		return 0
	fi
	kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < 40; i++)); do
		lab__running "$pid" || break
		sleep 0.05
	done
	if lab__running "$pid"; then
		lab_log "delayfwd pid $pid ignored SIGTERM; killing it"
		kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f -- "$dir/delayfwd.pid"
	# Its closing statistics (frames, drops, lateness) go with the state directory: show them.
	[[ ! -f $dir/delayfwd.log ]] || grep -e '->' -e 'wake-ups' "$dir/delayfwd.log" | sed 's/^/lab: /' >&2 || true
}

# One small ping per destination fills the neighbour tables on every hop (doc/lab-notes.md).
# Done before any loss rule exists, so a failure here means the lab is broken.
lab__warmup() {
	local id=$1 wan=$2 srv=$3 rtt=${4:-0} dst ok dsts=(198.51.100.2 203.0.113.2) w
	w=$((1 + (rtt + 999) / 1000))
	# Below 1280 the kernel removes IPv6 from a link (RFC 8200 minimum MTU).
	((wan < 1280)) || dsts+=(2001:db8:2::2)
	((wan < 1280 || srv < 1280)) || dsts+=(2001:db8:3::2)
	for dst in "${dsts[@]}"; do
		ok=0
		for _ in 1 2 3; do
			if lab_exec "$id" client ping -n -q -c 1 -W "$w" -s 16 "$dst" >/dev/null 2>&1; then
				ok=1
				break
			fi
		done
		((ok)) || lab_die "warm-up ping from client to $dst failed" || return 1
	done
}

# lab__nft_chain NAME HOOK RULES: one base chain of table inet mtplab (policy accept).
lab__nft_chain() {
	printf '\tchain %s {\n\t\ttype filter hook %s priority filter; policy accept;\n\t\t%s\n\t}\n' \
		"$1" "$2" "$3"
}

lab__nft_r1() {
	local id=$1 blackhole=$2 ratelimit=$3 rules=""
	if ((blackhole)); then
		rules+="icmp type destination-unreachable icmp code frag-needed counter drop
		icmpv6 type packet-too-big counter drop
"
	fi
	if ((ratelimit)); then
		rules+="icmp type destination-unreachable icmp code frag-needed limit rate over 1/second burst 1 packets counter drop
		icmpv6 type packet-too-big limit rate over 1/second burst 1 packets counter drop
"
	fi
	[[ -n $rules ]] || return 0
	{
		echo "table inet mtplab {"
		lab__nft_chain ptbout output "$rules"
		echo "}"
	} | lab_exec "$id" r1 nft -f -
}

lab__nft_r2_loss() {
	local id=$1 pct=$2 rule hook
	((pct > 0)) || return 0
	# ND is ICMPv6 too; losing it would model a broken LAN, not a lossy path.
	rule="icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, nd-router-advert } accept
		meta l4proto { icmp, ipv6-icmp } numgen random mod 100 < $pct counter drop"
	{
		echo "table inet mtplab {"
		for hook in input output forward; do
			# never plain "fwd": an nft keyword (doc/lab-notes.md)
			lab__nft_chain "loss$hook" "$hook" "$rule"
		done
		echo "}"
	} | lab_exec "$id" r2 nft -f -
}

# --drop-ptb: no frag-needed / packet-too-big leaves or crosses either router.
lab__nft_drop_ptb() {
	local id=$1 on=$2 rule node hook
	((on)) || return 0
	rule="icmp type destination-unreachable icmp code frag-needed counter drop
		icmpv6 type packet-too-big counter drop"
	for node in r1 r2; do
		{
			echo "table inet mtplab {"
			for hook in output forward; do
				lab__nft_chain "dropptb$hook" "$hook" "$rule"
			done
			echo "}"
		} | lab_exec "$id" "$node" nft -f -
	done
}

# The WAN fragment counter (always) and --drop-wan-frags, at netdev ingress of wan0 on
# both routers: every packet crossing the WAN passes exactly one of the two hooks, before
# reassembly.
lab__nft_wan() {
	local id=$1 drop=$2 verdict="" node
	((drop)) && verdict=drop
	for node in r1 r2; do
		lab_exec "$id" "$node" nft -f - <<EOF
table netdev mtplabwan {
	counter wanfrags {
	}
	chain wanin {
		type filter hook ingress device "wan0" priority filter; policy accept;
		ip frag-off & 0x3fff != 0 counter name "wanfrags" $verdict
		ip6 nexthdr ipv6-frag counter name "wanfrags" $verdict
	}
}
EOF
	done
}

# lab_wan_frags ID: IP fragments seen arriving over the WAN so far, both routers summed.
lab_wan_frags() {
	local id=$1 node n sum=0
	for node in r1 r2; do
		n=$(lab_exec "$id" "$node" nft list counter netdev mtplabwan wanfrags |
			sed -n 's/.*packets \([0-9]*\).*/\1/p')
		[[ $n =~ ^[0-9]+$ ]] || lab_die "no WAN fragment counter on $node" || return 1
		sum=$((sum + n))
	done
	printf '%d\n' "$sum"
}

# Learned PMTUs are cached per destination (doc/lab-notes.md): flush them everywhere.
lab_flush() {
	local id=$1 node
	for node in "${LAB_NODES[@]}"; do
		lab_exec "$id" "$node" ip route flush cache
		lab_exec "$id" "$node" ip -6 route flush cache
	done
}

# lab_vars ID WAN_MTU SERVER_MTU BLACKHOLE LOSS RATELIMIT DROP_PTB DROP_WAN_FRAGS
#          [RTT_MS JITTER_PCT]: the up output (NAME=value). LAB_DELAY is the delay
# namespace (empty without --rtt).
lab_vars() {
	local id=$1 wan=$2 srv=$3 rtt=${9:-0} delay=""
	local pmtu_srv=$((wan < srv ? wan : srv))
	((rtt == 0)) || delay=$id-delay
	cat <<EOF
LAB_ID=$id
LAB_CLIENT=$id-client
LAB_R1=$id-r1
LAB_R2=$id-r2
LAB_SERVER=$id-server
LAB_CLIENT_IF=lan0
LAB_CLIENT_V4=192.0.2.2
LAB_CLIENT_V6=2001:db8:1::2
LAB_R1_LAN_V4=192.0.2.1
LAB_R1_LAN_V6=2001:db8:1::1
LAB_R1_WAN_V4=198.51.100.1
LAB_R1_WAN_V6=2001:db8:2::1
LAB_WAN_PEER_V4=198.51.100.2
LAB_WAN_PEER_V6=2001:db8:2::2
LAB_R2_LAN_V4=203.0.113.1
LAB_R2_LAN_V6=2001:db8:3::1
LAB_SERVER_V4=203.0.113.2
LAB_SERVER_V6=2001:db8:3::2
LAB_UNUSED_V4=203.0.113.99
LAB_UNUSED_V6=2001:db8:3::99
LAB_WAN_MTU=$wan
LAB_SERVER_MTU=$srv
LAB_PMTU_WAN_PEER=$wan
LAB_PMTU_SERVER=$pmtu_srv
LAB_BLACKHOLE=$4
LAB_LOSS=$5
LAB_PTB_RATELIMIT=$6
LAB_DROP_PTB=$7
LAB_DROP_WAN_FRAGS=$8
LAB_RTT_MS=$rtt
LAB_JITTER_PCT=${10:-0}
LAB_DELAY=$delay
EOF
}

lab_ipsec_file() { printf '%s\n' "${LAB_IPSEC_FILE:-$(dirname "${BASH_SOURCE[0]}")/lab-ipsec.sh}"; }

# lab_up ID WAN_MTU SERVER_MTU BLACKHOLE LOSS RATELIMIT DROP_PTB DROP_WAN_FRAGS
#        [IPSEC_PROPOSAL [TUNNEL_MTU [RTT_MS [JITTER_PCT]]]]  (RTT_MS 0: no delay element)
# Prints the variables on stdout; everything else goes to stderr. On failure the caller
# must run lab_down ID (scripts/lab does so from its EXIT trap).
lab_up() {
	local id=$1 wan=$2 srv=$3 bh=$4 loss=$5 rl=$6 dptb=$7 dfrag=$8 ipsec=${9:-} tmtu=${10:-}
	local rtt=${11:-0} jitter=${12:-0}
	local node dir vars
	lab_valid_id "$id" || lab_die "bad lab id '$id'" || return 1
	dir=$LAB_STATE_ROOT/$id
	mkdir -p "$dir"
	for node in "${LAB_NODES[@]}"; do
		lab__ns_init "$id" "$node"
	done
	((rtt == 0)) || lab__delay_ns_init "$id"
	lab__topology "$id" "$wan" "$srv" "$rtt"
	((rtt == 0)) || lab__delay_up "$id" "$dir" "$wan" "$rtt" "$jitter"
	lab__warmup "$id" "$wan" "$srv" "$rtt"
	lab__nft_r1 "$id" "$bh" "$rl"
	lab__nft_r2_loss "$id" "$loss"
	lab__nft_drop_ptb "$id" "$dptb"
	lab__nft_wan "$id" "$dfrag"
	lab_flush "$id"
	vars=$(lab_vars "$id" "$wan" "$srv" "$bh" "$loss" "$rl" "$dptb" "$dfrag" "$rtt" "$jitter")
	printf '%s\n' "$vars" >"$dir/env"
	if [[ -n $ipsec ]]; then
		vars+=$'\n'$(lab__ipsec_up "$id" "$dir" "$ipsec" "$tmtu")
		printf '%s\n' "$vars" >"$dir/env"
	fi
	printf '%s\n' "$vars"
}

# lab__ipsec_up ID STATE_DIR PROPOSAL TUNNEL_MTU: prints the extra variables.
lab__ipsec_up() {
	local id=$1 dir=$2 proposal=$3 tmtu=${4:-1400} file
	file=$(lab_ipsec_file)
	[[ -f $file ]] || lab_die "--ipsec needs $file" || return 1
	echo 1 >"$dir/ipsec" # from now on `down` must call lab_ipsec_down
	(
		# shellcheck source=/dev/null
		. "$file"
		lab_ipsec_up "$id" "$(lab_ns "$id" r1)" "$(lab_ns "$id" r2)" \
			198.51.100.1 198.51.100.2 "$proposal" "$tmtu" >&2
	) || return 1
	# charon's table 220 routes the whole remote LAN into ipsec0 whatever the source, so
	# r2's replies from its WAN address to the client would enter the tunnel, match no
	# selector and vanish: the WAN target must stay reachable in the clear.
	local node ns
	for node in r1 r2; do
		ns=$(lab_ns "$id" "$node")
		ip -n "$ns" rule add from 198.51.100.0/24 lookup main priority 200
		ip -n "$ns" -6 rule add from 2001:db8:2::/64 lookup main priority 200
	done
	cat <<EOF
LAB_IPSEC_PROPOSAL=$proposal
LAB_TUNNEL_MTU=$tmtu
LAB_TUNNEL_TARGET_V4=203.0.113.2
LAB_TUNNEL_TARGET_V6=2001:db8:3::2
EOF
}

lab__kill_ns_pids() {
	local ns=$1 pids sig
	for sig in TERM KILL; do
		pids=$(ip netns pids "$ns" 2>/dev/null || true)
		[[ -n $pids ]] || return 0
		# shellcheck disable=SC2086 # one pid per word
		kill -s "$sig" $pids 2>/dev/null || true
		[[ $sig == KILL ]] || sleep 0.5
	done
}

# lab_down ID: idempotent; touches only "$ID-{client,r1,r2,server,delay}", the state dir
# and the delay forwarder whose pid that directory records.
lab_down() {
	local id=$1 dir node ns file
	lab_valid_id "$id" || lab_die "bad lab id '$id'" || return 1
	dir=$LAB_STATE_ROOT/$id
	file=$(lab_ipsec_file)
	if [[ -f $dir/ipsec && -f $file ]]; then
		(
			# shellcheck source=/dev/null
			. "$file"
			lab_ipsec_down "$id"
		) || lab_log "lab_ipsec_down failed for $id (continuing)"
	fi
	lab__delay_down "$id" "$dir"
	for node in "${LAB_NODES[@]}" delay; do
		ns=$(lab_ns "$id" "$node")
		[[ -e /run/netns/$ns ]] || continue
		lab__kill_ns_pids "$ns"
		ip netns del "$ns" 2>/dev/null || lab_log "could not delete namespace $ns"
	done
	rm -rf -- "$dir"
}
