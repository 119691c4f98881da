# SPDX-License-Identifier: GPL-2.0
"""Count the page table barriers that an arm64 guest executes in each
vmalloc() and vfree() call of guest/bench/lmm_vbench.c, from QEMU's gdb
stub.  Run by scripts/bench:

  gdb-multiarch -batch -nx -ex 'py ARGS = {...}' -x scripts/bench-gdb.py

ARGS: vmlinux, port (QEMU's -gdb tcp::PORT), sites (a file of
"ADDRESS FUNCTION INSN" lines: the dsb ishst and isb instructions to
count), sizes (the module's area sizes, in pages), rounds, page_size,
out (a file for the results).

A breakpoint sits on every site.  They count only inside a window: from
the entry of vmalloc_noprof() with one of the module's sizes to its
return, and from the entry of vfree() of an area that such a call
returned to its return.  The window breakpoints arm only once
do_init_module() runs, that is once the module is loaded: the rest of
the boot never stops on them.  Nothing is added to the kernel.

Output, one line a call: "map|unmap PAGES ADDRESS DSB_ISHST ISB FUNCTION:COUNT..."
(FUNCTION:COUNT: barriers of both kinds in that function).
"""
import gdb

A = ARGS  # noqa: F821 (set with -ex 'py ARGS = ...')


class Site(gdb.Breakpoint):
    def __init__(self, addr, func, insn):
        super().__init__("*" + addr, internal=True)
        self.func, self.insn = func, insn
        self.enabled = False

    def stop(self):
        w = state["window"]
        if w is None:
            return False
        # An interrupt taken as the guest resumes from a breakpoint
        # returns to the same instruction, which then reports a second
        # hit with the same registers.  A real second execution has at
        # least one register changed (the loop's address or counter),
        # or another site hit in between.
        regs = tuple(reg(r) for r in REGS)
        if state["last"] == (self.location, regs):
            w["repeats"] = w.get("repeats", 0) + 1
            return False
        state["last"] = (self.location, regs)
        w[self.insn] = w.get(self.insn, 0) + 1
        w["funcs"][self.func] = w["funcs"].get(self.func, 0) + 1
        return False


REGS = ["x%d" % i for i in range(31)] + ["sp"]


def reg(name):
    return int(gdb.parse_and_eval("$" + name)) & 0xFFFFFFFFFFFFFFFF


gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("set breakpoint pending off")
# Keep breakpoints in the guest between stops: removing and inserting
# hundreds of them at every stop would take longer than the workload.
gdb.execute("set breakpoint always-inserted on")
gdb.execute("file " + A["vmlinux"])
gdb.execute("target remote :%d" % A["port"])

sites = []
with open(A["sites"]) as f:
    for line in f:
        addr, func, insn = line.split()
        sites.append(Site(addr, func, insn))

state = {"window": None, "last": None}
sizes = {n * A["page_size"]: n for n in A["sizes"]}
expected = len(A["sizes"]) * A["rounds"]
# At the first instruction, where x0 is the argument and x30 the return
# address (a breakpoint on a function name goes after its prologue).
addr = {f: int(gdb.parse_and_eval("(unsigned long)&" + f)) & 0xFFFFFFFFFFFFFFFF
        for f in ("do_init_module", "vmalloc_noprof", "vfree")}
init_bp = gdb.Breakpoint("*0x%x" % addr["do_init_module"], internal=True)
vmalloc_bp = gdb.Breakpoint("*0x%x" % addr["vmalloc_noprof"], internal=True)
vfree_bp = gdb.Breakpoint("*0x%x" % addr["vfree"], internal=True)
vmalloc_bp.enabled = vfree_bp.enabled = False
ret_bp = ret_addr = None
areas = {}
calls = []

while len([c for c in calls if c["kind"] == "unmap"]) < expected:
    try:
        gdb.execute("continue", to_string=True)
    except gdb.error as e:
        raise SystemExit("bench-gdb: the guest stopped before the workload ended: %s" % e)
    pc = reg("pc")
    if init_bp.enabled and pc == addr["do_init_module"]:
        init_bp.enabled = False
        vmalloc_bp.enabled = vfree_bp.enabled = True
        for s in sites:
            s.enabled = True
    elif ret_bp is not None and pc == ret_addr:
        w = state["window"]
        state["window"] = None
        ret_bp.delete()
        ret_bp = ret_addr = None
        if w["kind"] == "map":
            areas[reg("x0")] = w["pages"]
            w["addr"] = reg("x0")
        calls.append(w)
    elif pc == addr["vmalloc_noprof"] and state["window"] is None:
        n = sizes.get(reg("x0"))
        if n is not None:
            state["window"] = {"kind": "map", "pages": n, "funcs": {}}
    elif pc == addr["vfree"] and state["window"] is None:
        n = areas.pop(reg("x0"), None)
        if n is not None:
            state["window"] = {"kind": "unmap", "pages": n, "funcs": {}, "addr": reg("x0")}
    else:
        continue
    if state["window"] is not None and ret_bp is None:
        ret_addr = reg("x30")
        ret_bp = gdb.Breakpoint("*0x%x" % ret_addr, internal=True)

with open(A["out"], "w") as f:
    for c in calls:
        funcs = " ".join("%s:%d" % kv for kv in sorted(c["funcs"].items()))
        f.write("%s %d 0x%x %d %d %s\n" % (c["kind"], c["pages"], c["addr"],
                                           c.get("dsb_ishst", 0), c.get("isb", 0), funcs))
print("bench-gdb: %d calls measured; hits dropped as repeats after an interrupt: %d"
      % (len(calls), sum(c.get("repeats", 0) for c in calls)))
gdb.execute("kill")
