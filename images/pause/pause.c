/*
 * Pod sandbox process for orchestrator/pause:1.
 *
 * It runs as PID 1 of a pod's sandbox container and does nothing but keep the
 * pod's namespaces alive, so app containers can join them with
 * NetworkMode=container:<id> and be restarted without losing the pod's network.
 *
 * As PID 1 the kernel ignores any signal we have no handler for, so SIGTERM and
 * SIGINT need explicit handlers or `docker stop` would always wait for SIGKILL.
 * Orphans in a shared PID namespace are re-parented to us, so we reap them or
 * they would pile up as zombies.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_terminate(int signo)
{
    (void)signo;
    /* _exit is async-signal-safe; exiting here avoids a check-then-pause race. */
    _exit(0);
}

static void on_child(int signo)
{
    (void)signo;
    int saved_errno = errno;
    while (waitpid(-1, NULL, WNOHANG) > 0) {
    }
    errno = saved_errno;
}

static int install(int signo, void (*handler)(int), int flags)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    action.sa_flags = flags;
    sigemptyset(&action.sa_mask);
    return sigaction(signo, &action, NULL);
}

int main(int argc, char **argv)
{
    static const char version[] = "orchestrator-pause 1\n";
    if (argc > 1 && (strcmp(argv[1], "-v") == 0 || strcmp(argv[1], "--version") == 0)) {
        return write(STDOUT_FILENO, version, sizeof version - 1) < 0 ? 1 : 0;
    }

    if (install(SIGTERM, on_terminate, 0) != 0 || install(SIGINT, on_terminate, 0) != 0 ||
        install(SIGCHLD, on_child, SA_NOCLDSTOP | SA_RESTART) != 0) {
        static const char failed[] = "pause: sigaction failed\n";
        (void)!write(STDERR_FILENO, failed, sizeof failed - 1);
        return 2;
    }

    for (;;) {
        pause();
    }
}
