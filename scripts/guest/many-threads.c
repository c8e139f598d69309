// SPDX-License-Identifier: GPL-2.0
/*
 * Populate the guest for a statedump: PROCS processes of THREADS threads
 * each, every process with FILES open files, all blocked until killed.
 *
 *   many-threads PROCS THREADS FILES
 *
 * Prints the processes' pids, one per line, once every thread of every
 * process runs, and exits, leaving them to init. Built static for the
 * busybox guest.
 */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *block(void *arg)
{
	for (;;)
		pause();
	return arg;
}

/* The child: open @files files, start @threads - 1 threads, say so. */
static void child(int ready, int threads, int files)
{
	pthread_attr_t attr;
	pthread_t tid;
	int i;

	for (i = 0; i < files; i++)
		if (open(i % 2 ? "/dev/null" : "/proc/self/stat", O_RDONLY) < 0)
			_exit(1);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (i = 1; i < threads; i++)
		if (pthread_create(&tid, &attr, block, NULL))
			_exit(1);
	if (write(ready, "x", 1) != 1)
		_exit(1);
	close(ready);
	block(NULL);
}

int main(int argc, char **argv)
{
	int procs, threads, files, i, fds[2];
	char c;

	if (argc != 4) {
		fprintf(stderr, "usage: %s PROCS THREADS FILES\n", argv[0]);
		return 2;
	}
	procs = atoi(argv[1]);
	threads = atoi(argv[2]);
	files = atoi(argv[3]);
	if (pipe(fds))
		return 1;
	for (i = 0; i < procs; i++) {
		pid_t pid;

		/* Or the child would print the parent's buffered lines too. */
		fflush(stdout);
		pid = fork();

		if (pid < 0)
			return 1;
		if (!pid) {
			close(fds[0]);
			child(fds[1], threads, files);
		}
		printf("%d\n", pid);
	}
	close(fds[1]);
	for (i = 0; i < procs; i++)
		if (read(fds[0], &c, 1) != 1)
			return 1;
	return 0;
}
