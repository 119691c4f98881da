// SPDX-License-Identifier: GPL-2.0
/*
 * PID 1 of the boot tests' initramfs: mounts /proc, /sys and /dev, runs
 * the steps of /etc/boot-test, reports each on the console and powers
 * the machine off.  scripts/boot-test reads the console log.
 *
 * /etc/boot-test, one step a line ('#' starts a comment):
 *   insmod PATH EXPECT [PARAM...]  load a module with finit_module();
 *                                  EXPECT is 0 or the errno name the
 *                                  module's init returns on purpose
 *                                  (test_vmalloc: EAGAIN)
 *   run PATH [ARG...]              run a program, which must exit 0
 *   kselftest PATH [ARG...]        run a kselftest program from its own
 *                                  directory, as the kselftest runner
 *                                  does: exit 0 is ok, KSFT_SKIP (4) a
 *                                  skip, anything else a failure
 *   timeout SECONDS                bound each later run and kselftest
 *                                  step (SIGALRM, set before exec); 0
 *                                  for none, the default
 *   bg PATH [ARG...]               start a program in the background, so
 *                                  that the steps after it run meanwhile
 *   wait                           wait for the background programs, each
 *                                  of which must exit 0
 *   write PATH VALUE               write VALUE and a newline to PATH (a
 *                                  sysctl, say), which must succeed
 *
 * Background programs not waited for are waited for before the end.
 *
 * Run as any PID but 1 ("init STEPS-FILE"), it only runs the steps of
 * STEPS-FILE: no mounts, no power-off.  The tooling tests use that.
 * Console lines: "BOOT-TEST: start NAME" (with " (kselftest)" or
 * " (background)" for those steps), "BOOT-TEST: end NAME: ok",
 * "...: SKIP (why)" or "...: FAIL (why)", and last "BOOT-TEST: done: N
 * steps, N failed, N skipped".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARGS 32
#define MAX_BG 8
#define KSFT_SKIP 4

static int steps, failed, skipped;
static unsigned int step_timeout;

static struct {
	pid_t pid;
	char name[64];
} bg[MAX_BG];
static int nr_bg;

static void report_skip(const char *name, const char *why)
{
	steps++;
	skipped++;
	printf("BOOT-TEST: end %s: SKIP (%s)\n", name, why);
	fflush(stdout);
}

static void report(const char *name, int ok, const char *why)
{
	steps++;
	if (ok) {
		printf("BOOT-TEST: end %s: ok\n", name);
	} else {
		failed++;
		printf("BOOT-TEST: end %s: FAIL (%s)\n", name, why);
	}
	fflush(stdout);
}

static const char *base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static int errno_by_name(const char *name)
{
	static const struct { const char *name; int err; } names[] = {
		{ "0", 0 }, { "EAGAIN", EAGAIN }, { "ENODEV", ENODEV },
		{ "EINVAL", EINVAL }, { "ENOMEM", ENOMEM },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i].name, name))
			return names[i].err;
	return -1;
}

static void do_insmod(char **argv, int argc)
{
	char params[1024] = "", why[128];
	int fd, i, want, rc, err;

	if (argc < 3 || (want = errno_by_name(argv[2])) < 0) {
		report(argc > 1 ? base(argv[1]) : "insmod", 0, "bad insmod line");
		return;
	}
	for (i = 3; i < argc; i++) {
		strncat(params, argv[i], sizeof(params) - strlen(params) - 2);
		strcat(params, " ");
	}
	printf("BOOT-TEST: start %s %s\n", base(argv[1]), params);
	fflush(stdout);
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, sizeof(why), "open: %s", strerror(errno));
		report(base(argv[1]), 0, why);
		return;
	}
	rc = syscall(SYS_finit_module, fd, params, 0);
	err = rc ? errno : 0;
	close(fd);
	snprintf(why, sizeof(why), "finit_module: %s, expected %s",
		 err ? strerror(err) : "success", argv[2]);
	report(base(argv[1]), err == want, why);
}

static int chdir_to_dir_of(const char *path)
{
	char dir[256];
	char *slash;

	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	slash = strrchr(dir, '/');
	if (!slash)
		return 0;
	if (slash == dir)
		slash++;
	*slash = '\0';
	return chdir(dir);
}

static pid_t start(char **argv, int kselftest)
{
	pid_t pid = fork();

	if (pid == 0) {
		/*
		 * Some selftests exec themselves by a relative name
		 * (ksm_functional_tests: "./ksm_functional_tests").
		 */
		if (kselftest && chdir_to_dir_of(argv[1])) {
			fprintf(stderr, "chdir for %s: %s\n", argv[1], strerror(errno));
			_exit(127);
		}
		/* A pending alarm survives execve(). */
		if (step_timeout)
			alarm(step_timeout);
		execv(argv[1], argv + 1);
		fprintf(stderr, "exec %s: %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	return pid;
}

static void finish(const char *name, pid_t pid, int kselftest)
{
	char why[128];
	int status;

	if (waitpid(pid, &status, 0) != pid) {
		report(name, 0, "waitpid failed");
		return;
	}
	if (WIFEXITED(status))
		snprintf(why, sizeof(why), "exit status %d", WEXITSTATUS(status));
	else if (WTERMSIG(status) == SIGALRM && step_timeout)
		snprintf(why, sizeof(why), "timed out after %u s", step_timeout);
	else
		snprintf(why, sizeof(why), "killed by signal %d", WTERMSIG(status));
	if (kselftest && WIFEXITED(status) && WEXITSTATUS(status) == KSFT_SKIP)
		report_skip(name, why);
	else
		report(name, WIFEXITED(status) && !WEXITSTATUS(status), why);
}

static void do_run(char **argv, int argc, int kselftest)
{
	pid_t pid;

	if (argc < 2) {
		report("run", 0, "bad run line");
		return;
	}
	printf("BOOT-TEST: start %s%s\n", base(argv[1]),
	       kselftest ? " (kselftest)" : "");
	fflush(stdout);
	pid = start(argv, kselftest);
	if (pid < 0)
		report(base(argv[1]), 0, "fork failed");
	else
		finish(base(argv[1]), pid, kselftest);
}

static void do_bg(char **argv, int argc)
{
	pid_t pid;

	if (argc < 2 || nr_bg == MAX_BG) {
		report("bg", 0, argc < 2 ? "bad bg line" : "too many bg steps");
		return;
	}
	printf("BOOT-TEST: start %s (background)\n", base(argv[1]));
	fflush(stdout);
	pid = start(argv, 0);
	if (pid < 0) {
		report(base(argv[1]), 0, "fork failed");
		return;
	}
	bg[nr_bg].pid = pid;
	snprintf(bg[nr_bg].name, sizeof(bg[nr_bg].name), "%s", base(argv[1]));
	nr_bg++;
}

/* Write VALUE to PATH, a sysctl under /proc/sys for example. */
static void do_write(char **argv)
{
	char why[160];
	FILE *f = fopen(argv[1], "w");
	int ok = f && fprintf(f, "%s\n", argv[2]) > 0;

	if (f && fclose(f))
		ok = 0;
	snprintf(why, sizeof(why), "%s", strerror(errno));
	printf("BOOT-TEST: start write %s %s\n", argv[1], argv[2]);
	report("write", ok, why);
}

static void do_wait(void)
{
	while (nr_bg > 0) {
		nr_bg--;
		finish(bg[nr_bg].name, bg[nr_bg].pid, 0);
	}
}

int main(int main_argc, char **main_argv)
{
	const char *steps_file = "/etc/boot-test";
	char line[1024], *argv[MAX_ARGS + 1];
	int pid1 = getpid() == 1;
	FILE *f;

	if (!pid1) {
		if (main_argc != 2) {
			fprintf(stderr, "usage: %s STEPS-FILE (when not PID 1)\n",
				main_argv[0]);
			return 2;
		}
		steps_file = main_argv[1];
	} else {
		mkdir("/proc", 0755);
		mkdir("/sys", 0755);
		mkdir("/dev", 0755);
		mkdir("/tmp", 01777);
		mount("proc", "/proc", "proc", 0, NULL);
		mount("sysfs", "/sys", "sysfs", 0, NULL);
		mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
		mount("tmpfs", "/tmp", "tmpfs", 0, NULL);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	f = fopen(steps_file, "r");
	if (!f) {
		report("boot-test", 0, "no /etc/boot-test");
	} else {
		while (fgets(line, sizeof(line), f)) {
			int argc = 0;
			char *tok, *save;

			for (tok = strtok_r(line, " \t\n", &save);
			     tok && *tok != '#' && argc < MAX_ARGS;
			     tok = strtok_r(NULL, " \t\n", &save))
				argv[argc++] = tok;
			argv[argc] = NULL;
			if (!argc)
				continue;
			if (!strcmp(argv[0], "insmod"))
				do_insmod(argv, argc);
			else if (!strcmp(argv[0], "run"))
				do_run(argv, argc, 0);
			else if (!strcmp(argv[0], "kselftest"))
				do_run(argv, argc, 1);
			else if (!strcmp(argv[0], "timeout") && argc == 2)
				step_timeout = strtoul(argv[1], NULL, 10);
			else if (!strcmp(argv[0], "bg"))
				do_bg(argv, argc);
			else if (!strcmp(argv[0], "wait") && argc == 1)
				do_wait();
			else if (!strcmp(argv[0], "write") && argc == 3)
				do_write(argv);
			else
				report(argv[0], 0, "unknown step");
		}
		fclose(f);
	}
	do_wait();
	printf("BOOT-TEST: done: %d steps, %d failed, %d skipped\n",
	       steps, failed, skipped);
	fflush(stdout);
	if (!pid1)
		return failed ? 1 : 0;
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
