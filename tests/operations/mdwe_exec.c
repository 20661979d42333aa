/* Runs a program with the kernel's "memory deny write execute" (prctl PR_SET_MDWE, Linux
 * 6.3+), the rule systemd's MemoryDenyWriteExecute= enforces with seccomp: no mapping may be
 * writable and executable at once, and none may become executable later. The rule is kept
 * across execve, so the program runs under it from its first instruction.
 *   mdwe_exec PROGRAM ARGS...   runs PROGRAM so restricted (exit 77: the kernel lacks it)
 *   mdwe_exec --probe           exits 0 when a writable and executable mapping is refused */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#ifndef PR_SET_MDWE
#define PR_SET_MDWE 65
#endif
#ifndef PR_MDWE_REFUSE_EXEC_GAIN
#define PR_MDWE_REFUSE_EXEC_GAIN 1
#endif

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--probe") == 0) {
    void *p =
        mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED) {
      fprintf(stderr, "a writable and executable mapping was allowed\n");
      return 1;
    }
    return 0;
  }
  if (argc < 2) {
    fprintf(stderr, "usage: mdwe_exec PROGRAM [ARGS...] | mdwe_exec --probe\n");
    return 2;
  }
  if (prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0L, 0L, 0L) != 0) {
    perror("prctl(PR_SET_MDWE)");
    return 77;
  }
  execv(argv[1], argv + 1);
  perror("execv");
  return 127;
}
