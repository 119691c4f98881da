// SPDX-License-Identifier: GPL-2.0
/// Lazy MMU mode rules of the lazy MMU series:
///  - outside architecture code, sections use lazy_mmu_mode_enter/leave()
///    and pause/resume(), never the arch_*_lazy_mmu_mode() hooks;
///  - on every path of a function, a section that is entered is left,
///    and a pause is resumed.
///
/// Run by scripts/cocci, which excludes arch/, the generic
/// helpers in include/linux/pgtable.h and tests (which misuse the
/// helpers on purpose).  The helpers' out-of-line part
/// (__lazy_mmu_mode_enter() and __lazy_mmu_mode_leave(), in
/// mm/memory.c) may call the hooks too.
///
/// The matching does not follow the values of conditions, so a leave
/// (or resume) inside an if statement is trusted to match its condition,
/// as madvise's "if (start_pte) { lazy_mmu_mode_leave(); ... }" does.
/// Without that, every such function would be reported.
//
// Confidence: High
// Options: --no-includes --include-headers

virtual report

@hook depends on report@
position p;
@@
(
arch_enter_lazy_mmu_mode@p()
|
arch_leave_lazy_mmu_mode@p()
|
arch_flush_lazy_mmu_mode@p()
)

@script:python depends on report@
p << hook.p;
@@
if p[0].current_element not in ("__lazy_mmu_mode_enter", "__lazy_mmu_mode_leave"):
    coccilib.report.print_report(p[0], "arch lazy MMU hook called outside arch code: use lazy_mmu_mode_*()")

@unbalanced exists@
identifier f;
position p;
expression E;
statement S;
@@
f(...) {
... when any
lazy_mmu_mode_enter@p();
... when != lazy_mmu_mode_leave();
    when != if (E) { ... lazy_mmu_mode_leave(); ... } else S
    when != if (E) { ... lazy_mmu_mode_leave(); ... }
}

@script:python depends on report@
p << unbalanced.p;
@@
coccilib.report.print_report(p[0], "lazy_mmu_mode_enter() not followed by lazy_mmu_mode_leave() on some path")

@unbalanced_hook exists@
identifier f;
position p;
expression E;
statement S;
@@
f(...) {
... when any
arch_enter_lazy_mmu_mode@p();
... when != arch_leave_lazy_mmu_mode();
    when != if (E) { ... arch_leave_lazy_mmu_mode(); ... } else S
    when != if (E) { ... arch_leave_lazy_mmu_mode(); ... }
}

@script:python depends on report@
p << unbalanced_hook.p;
@@
coccilib.report.print_report(p[0], "arch_enter_lazy_mmu_mode() not followed by arch_leave_lazy_mmu_mode() on some path")

@unpaired exists@
identifier f;
position p;
expression E;
statement S;
@@
f(...) {
... when any
lazy_mmu_mode_pause@p();
... when != lazy_mmu_mode_resume();
    when != if (E) { ... lazy_mmu_mode_resume(); ... } else S
    when != if (E) { ... lazy_mmu_mode_resume(); ... }
}

@script:python depends on report@
p << unpaired.p;
@@
coccilib.report.print_report(p[0], "lazy_mmu_mode_pause() not followed by lazy_mmu_mode_resume() on some path")
