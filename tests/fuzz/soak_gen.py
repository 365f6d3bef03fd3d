#!/usr/bin/env python3
"""tests/fuzz/soak_gen.py SEED OUT.lua - one random scenario for scripts/soak.sh

A random topology of 1-3 routers in a tree, 0-2 bridges hanging off
routers, and 2-6 hosts on routers or bridges; cables of random rates,
delays, a little loss and small MTUs (fragmentation), or veth pairs;
addresses per link (10.L.0.0/24), routes along the tree so that traffic
crosses it, some unreachable/blackhole routes; ping processes with random
sizes, counts, intervals, TTLs and options, pktgen bursts to a neighbour;
links (bridge ports too) set down and up again with `ip link set` at
random times, and other configuration changed under traffic (neighbour
flushes, MTUs, ip_forward); bridges running STP, sometimes two of them
joined twice so that STP must block a port.  The
same SEED writes the same file.  Every command the generator emits is
valid; what it tests is that two runs of the same scenario agree and
that nothing crashes, leaks or trips a sanitizer.
"""
import random
import sys

seed, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(seed)

routers = ['r%d' % i for i in range(rnd.randint(1, 3))]
bridges = ['sw%d' % i for i in range(rnd.randint(0, 2))]
hosts = ['h%d' % i for i in range(rnd.randint(2, 6))]
kind = {n: 'router' for n in routers}
kind.update({n: 'bridge' for n in bridges})
kind.update({n: 'host' for n in hosts})

links = []          # (a, b, opts)
nifs = {n: 0 for n in kind}
ifaces = {}         # (node, link index) -> ifname


def link(a, b):
    if rnd.random() < 0.2 and kind[a] != 'bridge' and kind[b] != 'bridge':
        opts = 'kind = "veth"'
    else:
        parts = ['rate = "%s"' % rnd.choice(['10Mbit', '100Mbit', '1Gbit', '10Gbit'])]
        parts.append('delay = "%s"' % rnd.choice(['0us', '10us', '100us', '1ms', '5ms']))
        if rnd.random() < 0.2:
            parts.append('loss = %s' % rnd.choice(['0.01', '0.05', '0.2']))
        if rnd.random() < 0.15 and kind[a] != 'bridge' and kind[b] != 'bridge':
            parts.append('mtu = %d' % rnd.choice([576, 1000, 1400]))
        opts = ', '.join(parts)
    i = len(links)
    links.append((a, b, opts))
    for n in (a, b):
        ifaces[(n, i)] = 'eth%d' % nifs[n]
        nifs[n] += 1
    return i


# routers in a tree, bridges on routers, hosts on routers or bridges
for i, r in enumerate(routers[1:], 1):
    link(routers[rnd.randrange(i)], r)
for sw in bridges:
    link(rnd.choice(routers), sw)
for h in hosts:
    link(h, rnd.choice(routers + bridges))

# bridges running STP, and sometimes two of them joined twice (a loop STP breaks)
stp = [sw for sw in bridges if rnd.random() < 0.7]
if len(stp) == 2 and rnd.random() < 0.7:
    loop = [link(stp[0], stp[1]), link(stp[0], stp[1])]
else:
    loop = []

# one subnet per router-side segment: a link between routers, a router's
# link to a host, or a bridge (its uplink and every host behind it)
subnet_of = {}      # link index -> subnet number
seg = 0
bridge_subnet = {}
for i, (a, b, _) in enumerate(links):
    sw = a if kind[a] == 'bridge' else b if kind[b] == 'bridge' else None
    if i in loop:
        continue
    if sw is not None:
        if sw not in bridge_subnet:
            seg += 1
            bridge_subnet[sw] = seg
        subnet_of[i] = bridge_subnet[sw]
    else:
        seg += 1
        subnet_of[i] = seg
addr = {}           # (node, link) -> "10.S.0.X"
next_host = {s: 1 for s in set(subnet_of.values())}
for i, (a, b, _) in enumerate(links):
    if i in loop:
        continue
    for n in sorted((a, b), key=lambda n: kind[n] != 'router'):   # routers get .1 first
        if kind[n] == 'bridge':
            continue
        s = subnet_of[i]
        addr[(n, i)] = '10.%d.0.%d' % (s, next_host[s])
        next_host[s] += 1

# the router graph: which router is on which subnet, next hops by BFS
on = {}             # subnet -> [(node, address)]
for (n, i), a in addr.items():
    on.setdefault(subnet_of[i], []).append((n, a))
lines = []
w = lines.append
w('-- soak scenario, seed %d (tests/fuzz/soak_gen.py)' % seed)
w('local net = skbsim.network{ name = "soak", seed = %d }' % seed)
w('local n = {}')
for name in routers + bridges + hosts:
    w('n["%s"] = net:%s("%s")' % (name, kind[name], name))
w('net:capture()')
w('net:metrics{ interval = "%s" }' % rnd.choice(['100ms', '250ms', '1s']))
for a, b, opts in links:
    w('net:link(n["%s"], n["%s"], { %s })' % (a, b, opts))

for sw in stp:
    # the shortest forward delay (2 s): ports forward after 4 s, within the run
    w('n["%s"]:sh("ip link set br0 type bridge stp_state 1 forward_delay 200")' % sw)
for name in routers + hosts:
    cmds = ['ip link set lo up']
    for (n, i), a in sorted(addr.items()):
        if n == name:
            cmds.append('ip link set %s up' % ifaces[(n, i)])
            cmds.append('ip addr add %s/24 dev %s' % (a, ifaces[(n, i)]))
    w('n["%s"]:sh[[\n  %s\n]]' % (name, '\n  '.join(cmds)))


def router_routes(r):
    """next hop per subnet for router r over the router tree (BFS)"""
    seen, queue, hops = {r}, [(r, None)], {}
    while queue:
        cur, first = queue.pop(0)
        for (n, i), a in sorted(addr.items()):
            if n != cur:
                continue
            s = subnet_of[i]
            if s not in hops:
                hops[s] = first
            for m, ma in on.get(s, []):
                if kind[m] == 'router' and m not in seen:
                    seen.add(m)
                    queue.append((m, first or ma))
    return {s: h for s, h in hops.items() if h}


for r in routers:
    cmds = []
    for s, via in sorted(router_routes(r).items()):
        cmds.append('ip route add 10.%d.0.0/24 via %s' % (s, via))
    if rnd.random() < 0.3:
        cmds.append('ip route add unreachable 10.200.%d.0/24' % rnd.randint(0, 9))
    if rnd.random() < 0.3:
        cmds.append('ip route add blackhole 10.201.0.0/16')
    if rnd.random() < 0.2:
        cmds.append('sysctl -w net.ipv4.conf.all.rp_filter=1')
    if cmds:
        w('n["%s"]:sh[[\n  %s\n]]' % (r, '\n  '.join(cmds)))
for h in hosts:
    gw = [a for (n, i), a in addr.items() if kind[n] == 'router'
          and any(m == h for m, _ in on[subnet_of[i]])]
    if gw:
        w('n["%s"]:sh("ip route add default via %s")' % (h, sorted(gw)[0]))

duration = rnd.choice([2, 3, 4]) + (5 if stp else 0)
targets = sorted(addr.values()) + ['10.200.1.1', '10.201.3.4', '10.99.0.1']
for _ in range(rnd.randint(2, 6)):
    h = rnd.choice(hosts)
    opts = ['-c %d' % rnd.randint(1, 8), '-i %s' % rnd.choice(['0.2', '0.05', '0.5'])]
    if rnd.random() < 0.4:
        opts.append('-s %d' % rnd.choice([0, 56, 1000, 1472, 3000, 8000]))
    if rnd.random() < 0.2:
        opts.append('-t %d' % rnd.randint(1, 4))
    if rnd.random() < 0.1:
        opts.append('-R')
    if rnd.random() < 0.2:
        opts.append('-M %s' % rnd.choice(['do', 'dont', 'want']))
    w('n["%s"]:spawn("ping %s %s", { at = "%dms" })'
      % (h, ' '.join(opts), rnd.choice(targets), rnd.randint(0, duration * 800)))

if rnd.random() < 0.5:
    h = rnd.choice(hosts)
    i = next(i for (n, i) in sorted(addr) if n == h)
    dst = rnd.choice(targets)
    w('n["%s"]:sh[[' % h)
    w('  echo "add_device %s" > /proc/net/pktgen/kpktgend_0' % ifaces[(h, i)])
    w('  echo "count %d" > /proc/net/pktgen/%s' % (rnd.choice([10, 100, 1000]), ifaces[(h, i)]))
    w('  echo "pkt_size %d" > /proc/net/pktgen/%s' % (rnd.choice([60, 200, 1400]), ifaces[(h, i)]))
    w('  echo "delay %d" > /proc/net/pktgen/%s' % (rnd.choice([0, 10000, 100000]), ifaces[(h, i)]))
    w('  echo "dst %s" > /proc/net/pktgen/%s' % (dst, ifaces[(h, i)]))
    w(']]')
    w('net:at("%dms", function() n["%s"]:sh("echo start > /proc/net/pktgen/pgctrl") end)'
      % (rnd.randint(0, 1000), h))

for _ in range(rnd.randint(0, 3)):
    (node, i) = rnd.choice(sorted(ifaces))     # bridge ports too: STP, FDB flush
    down = rnd.randint(100, duration * 1000 - 200)
    up = down + rnd.randint(10, 1000)
    ifn = ifaces[(node, i)]
    w('net:at("%dms", function() n["%s"]:sh("ip link set %s down") end)' % (down, node, ifn))
    w('net:at("%dms", function() n["%s"]:sh("ip link set %s up") end)' % (up, node, ifn))

# configuration changed while traffic flows; a command refused (say, an
# mtu a link cannot take) is part of the test, not a scenario error
for _ in range(rnd.randint(0, 4)):
    node, i = rnd.choice(sorted(k for k in ifaces if kind[k[0]] != 'bridge'))
    ifn = ifaces[(node, i)]
    cmd = rnd.choice(['ip neigh flush dev %s' % ifn, 'ip route flush cache',
                      'ip link set %s mtu %d' % (ifn, rnd.choice([576, 1280, 1500])),
                      'sysctl -w net.ipv4.ip_forward=%d' % rnd.randint(0, 1),
                      'sysctl -w net.ipv4.conf.all.accept_redirects=0'])
    w('net:at("%dms", function() n["%s"]:sh("%s", { check = false }) end)'
      % (rnd.randint(0, duration * 1000), node, cmd))

w('net:run("%ds")' % duration)
for name in routers + hosts:
    w('io.write(n["%s"]:sh("ip -s link show"))' % name)
    w('io.write(n["%s"]:sh("ip route show"))' % name)
    w('io.write(n["%s"]:sh("cat /proc/net/snmp"))' % name)
for sw in bridges:
    w('io.write(n["%s"]:sh("bridge fdb show"))' % sw)
open(out, 'w').write('\n'.join(lines) + '\n')
