/* Sample for the lazy MMU Coccinelle rule: see tooling.bats. */
int good(int *p)
{
	lazy_mmu_mode_enter();
	if (!p) {
		lazy_mmu_mode_leave();
		return 1;
	}
	lazy_mmu_mode_leave();
	return 0;
}

int bad_early_return(int *p)
{
	lazy_mmu_mode_enter();
	if (!p)
		return 1;
	lazy_mmu_mode_leave();
	return 0;
}

void madvise_like(int *start_pte, int n)
{
restart:
	start_pte = get();
	if (!start_pte)
		return;
	lazy_mmu_mode_enter();
	for (; n; n--) {
		if (resched()) {
			lazy_mmu_mode_leave();
			unlock(start_pte);
			goto restart;
		}
		if (split()) {
			lazy_mmu_mode_leave();
			unlock(start_pte);
			start_pte = get();
			if (!start_pte)
				break;
			lazy_mmu_mode_enter();
		}
	}
	if (start_pte) {
		lazy_mmu_mode_leave();
		unlock(start_pte);
	}
}

void hook_user(void)
{
	arch_enter_lazy_mmu_mode();
	arch_leave_lazy_mmu_mode();
}

void bad_pause(void)
{
	lazy_mmu_mode_pause();
	if (x())
		return;
	lazy_mmu_mode_resume();
}

/* The helpers' out-of-line part may call the hooks: not reported. */
void __lazy_mmu_mode_leave(struct lazy_mmu_state *state)
{
	state->depth--;
	arch_flush_lazy_mmu_mode();
}
