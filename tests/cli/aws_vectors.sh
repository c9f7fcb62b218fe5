#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# AWS Site-to-Site VPN's published MTU/MSS per algorithm (outer MTU 1500;
# doc/vendor-syntax.md, bottom), printed through every vendor: each
# vendor's tunnel MTU and MSS lines must carry exactly the table's numbers.
# The numbers below are typed from AWS's table, not taken from the tool.
# Usage: aws_vectors.sh MTUPROBE
set -uo pipefail
bin=$1
fail=0 pass=0

# esp proposal, nat-t (yes/no), MTU, MSS v4, MSS v6 (AWS's table row)
rows=(
	"aes128gcm16 no 1446 1406 1386"      # AES-GCM-16, NAT-T off
	"aes256gcm16 no 1446 1406 1386"
	"aes128gcm16 yes 1438 1398 1378"     # AES-GCM-16, NAT-T on
	"aes256gcm16 yes 1438 1398 1378"
	"aes128-sha1 no 1438 1398 1378"      # AES-CBC, SHA1 / SHA2-256, off
	"aes256-sha256 no 1438 1398 1378"
	"aes128-sha1 yes 1422 1382 1362"     # AES-CBC, SHA1 / SHA2-256, on
	"aes256-sha256 yes 1422 1382 1362"
	"aes128-sha384 no 1422 1382 1362"    # AES-CBC, SHA2-384, off or on
	"aes128-sha384 yes 1422 1382 1362"
	"aes128-sha512 no 1422 1382 1362"    # AES-CBC, SHA2-512, off
	"aes128-sha512 yes 1406 1366 1346"   # AES-CBC, SHA2-512, on
)

# The tunnel's lines for each vendor, at its default tunnel name; M, 4 and 6
# stand for the MTU, the IPv4 MSS and the IPv6 MSS. "=" lines must appear
# as whole lines, "~" lines as the end of a line (a comment: the form is
# unconfirmed for that vendor, but the number must still be right).
expect() {
	case $1 in
	rtx) printf '%s\n' "=ip tunnel mtu M" "=ip tunnel tcp mss limit 4" "=ipv6 tunnel mtu M" \
		"=ipv6 tunnel tcp mss limit 6" ;;
	ix) printf '%s\n' "=  ip mtu M" "=  ip tcp adjust-mss 4" "~: ipv6 mtu M" "~: ipv6 tcp adjust-mss 6" ;;
	linux) printf '%s\n' "=ip link set dev vti0 mtu M" \
		"~\"vti0\" meta nfproto ipv4 tcp flags & (syn|rst) == syn tcp option maxseg size 4+1-65535 tcp option maxseg size set 4" \
		"~\"vti0\" meta nfproto ipv6 tcp flags & (syn|rst) == syn tcp option maxseg size 6+1-65535 tcp option maxseg size set 6" ;;
	linux-iptables) printf '%s\n' "=ip link set dev vti0 mtu M" \
		"=iptables -t mangle -A MTUPROBE -o vti0 -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 4" \
		"=ip6tables -t mangle -A MTUPROBE -i vti0 -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 6" ;;
	cisco-ios) printf '%s\n' "= ip mtu M" "= ip tcp adjust-mss 4" "= ipv6 mtu M" "= ipv6 tcp adjust-mss 6" ;;
	cisco-asa) printf '%s\n' "~: mtu vti1 M" "=sysopt connection tcpmss 4" "~: sysopt connection tcpmss 6" ;;
	junos) printf '%s\n' "=set interfaces st0 unit 1 family inet mtu M" \
		"=set interfaces st0 unit 1 family inet6 mtu M" "=set security flow tcp-mss ipsec-vpn mss 4" \
		"~: set security flow tcp-mss ipsec-vpn mss 6" ;;
	fortigate) printf '%s\n' "=        set tcp-mss 4" "~: set mtu M" ;;
	vyos) printf '%s\n' "=set interfaces vti vti1 mtu M" "=set interfaces vti vti1 ip adjust-mss 4" \
		"=set interfaces vti vti1 ipv6 adjust-mss 6" ;;
	routeros) printf '%s\n' "~[find name=\"gre-tunnel1\"] mtu=M" \
		"=/ip firewall mangle add chain=forward action=change-mss protocol=tcp tcp-flags=syn out-interface=\"gre-tunnel1\" tcp-mss=4+1-65535 new-mss=4 comment=\"mtuprobe\"" \
		"=/ipv6 firewall mangle add chain=forward action=change-mss protocol=tcp tcp-flags=syn in-interface=\"gre-tunnel1\" tcp-mss=6+1-65535 new-mss=6 comment=\"mtuprobe\"" ;;
	esac
}

# Fills M, 4, 6 (and 4+1, 6+1) into one expected line.
fill() {
	local s=$1 m=$2 v4=$3 v6=$4
	s=${s//4+1/$((v4 + 1))}
	s=${s//6+1/$((v6 + 1))}
	s=$(sed -E "s/(^|[ =])M($|[^A-Za-z])/\1$m\2/g; s/(mss |tcpmss |limit |set |new-mss=)4($|[^0-9])/\1$v4\2/g; s/(mss |tcpmss |limit |set |new-mss=)6($|[^0-9])/\1$v6\2/g" <<<"$s")
	printf '%s' "$s"
}

vendors="rtx ix linux linux-iptables cisco-ios cisco-asa junos fortigate vyos routeros"
for row in "${rows[@]}"; do
	read -r esp nat m v4 v6 <<<"$row"
	natflag=()
	[[ $nat == yes ]] && natflag=(--nat-t)
	for v in $vendors; do
		out=$("$bin" calc --wan-mtu 1500 --esp "$esp" "${natflag[@]}" --vendor "$v" -q 2>&1)
		while IFS= read -r e; do
			want=$(fill "${e:1}" "$m" "$v4" "$v6")
			if [[ ${e:0:1} == "=" ]]; then
				grep -qxF -- "$want" <<<"$out"
			else
				awk -v s="$want" 'substr($0, length($0) - length(s) + 1) == s { f = 1 } END { exit !f }' <<<"$out"
			fi
			if [[ $? -eq 0 ]]; then
				pass=$((pass + 1))
			else
				echo "FAIL $v, --esp $esp nat-t $nat: no line '$want'"
				fail=$((fail + 1))
			fi
		done < <(expect "$v")
	done
done
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
