// SPDX-License-Identifier: GPL-2.0
/*
 * Print this machine's TSC frequency in kHz, measured against
 * CLOCK_MONOTONIC_RAW over 200 ms.
 *
 * Under multi-threaded TCG the guest's TSC is the host's (QEMU reads it
 * with rdtsc), so scripts/boot.sh gives the guest this figure as
 * tsc_early_khz: QEMU's microvm machine has neither HPET nor an ACPI PM
 * timer, and when the kernel's quick PIT calibration fails on a busy host
 * it has nothing else to measure the TSC against, marks it unstable and
 * falls back to jiffies.
 */
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <x86intrin.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	struct timespec pause = { 0, 200 * 1000 * 1000 };
	double t0, t1;
	uint64_t c0, c1;

	t0 = now();
	c0 = __rdtsc();
	nanosleep(&pause, NULL);
	t1 = now();
	c1 = __rdtsc();
	printf("%.0f\n", (c1 - c0) / (t1 - t0) / 1000);
	return 0;
}
