#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# ansible.sh MTUPROBE CASE: contrib/ansible/site-mtu.yml run by ansible-playbook with
# Ansible's local connection against the lab's namespaces (issue 23), so nothing leaves
# the machine: three "sites", each a host whose probe runs in the lab's client namespace
# (mtuprobe_netns) toward r2 and its own server address; r2 makes one of them a black hole
# at 1400 (as sites.sh does). The playbook keeps each site's probe --json and prints
# `mtuprobe report` of them: the table must name every site with its exact numbers.
# Needs root and ansible-playbook (apt-get install ansible-core); exit 77 otherwise.
#
#   sites   osaka (clean), kyoto (black hole at 1400 behind the tunnel target), nara (the
#           WAN only): summary.txt rows exact, one JSON file per site, exit 0.
# The case_* functions are called by name at the bottom:
# shellcheck disable=SC2317
set -euo pipefail
# shellcheck source=tests/lab/lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

case_sites() {
	command -v ansible-playbook >/dev/null || t_skip "ansible-playbook missing (apt-get install ansible-core)"
	t_lab_up
	ip -n "$LAB_SERVER" addr add 203.0.113.11/24 dev lan0
	ip -n "$LAB_SERVER" addr add 203.0.113.12/24 dev lan0
	ip netns exec "$LAB_R2" nft -f - <<'NFT'
table inet sites {
	chain forward_sites {
		type filter hook forward priority 0; policy accept;
		ip daddr 203.0.113.12 ip length > 1400 drop
	}
}
NFT
	local inv=$T_TMP/inventory.yml res=$T_TMP/results rc=0
	mkdir -p "$res"
	cat >"$inv" <<YML
sites:
  hosts:
    osaka: { wan_target: 198.51.100.2, tunnel_targets: [203.0.113.11] }
    kyoto: { wan_target: 198.51.100.2, tunnel_targets: [203.0.113.12] }
    nara: { wan_target: 198.51.100.2 }
  vars:
    ansible_connection: local
    ansible_python_interpreter: $(command -v python3)
    mtuprobe_netns: $LAB_CLIENT
    mtuprobe_args: -4 --vendor none
all:
  hosts:
    localhost: { ansible_connection: local, ansible_python_interpreter: $(command -v python3) }
YML
	t_say "\$ ansible-playbook -i inventory.yml contrib/ansible/site-mtu.yml"
	HOME=$T_TMP ANSIBLE_LOCAL_TEMP=$T_TMP/ansible-tmp ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 \
		timeout -k 5 100 ansible-playbook -i "$inv" "$T_ROOT/contrib/ansible/site-mtu.yml" \
		-e "results_dir=$res" -e "mtuprobe=$(realpath "$EXE")" >"$T_TMP/ansible.out" 2>&1 || rc=$?
	t_check "ansible-playbook: exit 0" test "$rc" -eq 0
	((rc == 0)) || sed -n '1,40s/^/  ansible: /p' "$T_TMP/ansible.out"
	t_check "one JSON file per site" test -s "$res/osaka.json" -a -s "$res/kyoto.json" -a -s "$res/nara.json"
	t_check "summary: header" grep -q '^site  *WAN MTU  *tunnel MTU  *verdict' "$res/summary.txt"
	t_check "summary: osaka" grep -Eq '^osaka +1454 +1454 +- +yes +[0-9.]+s +0$' "$res/summary.txt"
	t_check "summary: kyoto (black hole)" grep -Eq '^kyoto +1454 +1400 +lost +yes +[0-9.]+s +0$' "$res/summary.txt"
	t_check "summary: nara (WAN only)" grep -Eq '^nara +1454 +- +- +yes +[0-9.]+s +0$' "$res/summary.txt"
	[[ -f $res/summary.txt ]] && sed 's/^/  /' "$res/summary.txt"
}

t_init "$@"
t_dispatch ansible
