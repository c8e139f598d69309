# SPDX-License-Identifier: GPL-2.0
# Common settings for the LTT project scripts. Sourced, not executed.
#
# Everything heavy (the pristine kernel tree, the developer tree, build
# output, ccache) lives under $LTT_WORK, outside the checkout, so that a
# fresh clone reuses what an earlier run already built.

# Debian's own tools first: python3-ply (checkpatch), python3-bt2 (trace
# checks) and friends are installed for /usr/bin/python3, not for any
# other python3 that happens to come first in PATH.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH

LTT_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LTT_WORK=${LTT_WORK:-$HOME/.cache/ltt}

# The Debian package the series is tested against. When Debian publishes
# a newer 6.12 stable update and drops this one from the archive,
# scripts/deps.sh falls back to the newest linux-source-6.12 it can get and
# says so; scripts/check.sh then tells whether the series still applies
# without fuzz or offset.
LTT_KPKG=linux-source-6.12
LTT_KPKG_VERSION=${LTT_KPKG_VERSION:-6.12.117-1~deb12u1}
LTT_KTARBALL=/usr/src/linux-source-6.12.tar.xz

LTT_BASE=$LTT_WORK/base		# pristine tree, one commit tagged ltt-base
LTT_TREE=${LTT_TREE:-$LTT_WORK/tree}	# developer tree: base + one commit per patch
LTT_CI=$LTT_WORK/ci		# tree the test command builds from
LTT_OUT=$LTT_WORK/out		# build output directories
export CCACHE_DIR=${CCACHE_DIR:-$LTT_WORK/ccache}

# Top-level paths that mirror what the series adds to the kernel.
LTT_SNAPSHOT_DIRS="kernel/trace/ltt include/linux/ltt tools/testing/selftests/ltt Documentation/trace tools/ltt"

LTT_JOBS=${LTT_JOBS:-$(nproc)}

# The suite's kernel is the test configuration (tinyconfig +
# scripts/config/qemu-x86_64.config + tools/testing/selftests/ltt/config)
# with these fragments on top: one kernel serves every boot of the suite.
LTT_SUITE_FRAGS=("$LTT_TOP/scripts/config/debug.config")
# The same, as scripts/build.sh options.
LTT_SUITE_CFG=()
for _frag in "${LTT_SUITE_FRAGS[@]}"; do LTT_SUITE_CFG+=(-c "$_frag"); done
unset _frag

ltt_say() { printf '%s\n' "ltt: $*" >&2; }
ltt_die() { printf '%s\n' "ltt: error: $*" >&2; exit 1; }

# ltt_series: print the patch file names listed in series, in order.
ltt_series() {
	sed -e 's/#.*//' -e 's/[[:space:]].*//' -e '/^$/d' "$LTT_TOP/series"
}

# ltt_git: git with a fixed identity, so that commits made by the scripts
# do not depend on the user's configuration.
ltt_git() {
	git -c user.name="LTT scripts" -c user.email="ltt@localhost" -c gc.auto=0 \
	    -c advice.detachedHead=false -c init.defaultBranch=master "$@"
}

# ltt_apply_series DIR: "git am" every patch of the series onto the
# current branch of DIR. Committer date follows the author date so that
# the same series always produces the same commits.
ltt_apply_series() {
	local p
	for p in $(ltt_series); do
		ltt_git -C "$1" am -q --committer-date-is-author-date \
			"$LTT_TOP/patches/$p" || ltt_die "git am failed on $p"
	done
}

# ltt_result PASS|FAIL NAME [DETAIL]: report one check. scripts/test.sh
# counts these lines; everything else a script prints is commentary.
ltt_result() {
	local verdict=$1 name=$2
	shift 2
	if [ $# -gt 0 ]; then
		printf '%s: %s -- %s\n' "$verdict" "$name" "$*"
	else
		printf '%s: %s\n' "$verdict" "$name"
	fi
}

# ltt_clone_base DIR: a clone of the base with automatic gc off for good
# (the hard-linked ~90000 loose objects would otherwise make every commit
# start a background repack).
ltt_clone_base() {
	ltt_git clone -q --no-checkout -c gc.auto=0 "$LTT_BASE" "$1"
}

# ltt_series_id: one hash of the base and every patch of the series, in
# order: what the CI tree holds once the whole series is applied.
ltt_series_id() {
	{
		git -C "$LTT_BASE" rev-parse ltt-base
		ltt_series | while IFS= read -r p; do cat "$LTT_TOP/patches/$p"; done
	} | sha256sum | cut -c1-64
}

# ltt_reset_ci_tree: bring the CI tree back to the bare base (cloned anew
# when the base changed), ready for "git am".
ltt_reset_ci_tree() {
	if ! git -C "$LTT_CI" rev-parse -q --verify ltt-base >/dev/null 2>&1 ||
	   [ "$(git -C "$LTT_CI" rev-parse ltt-base)" != "$(git -C "$LTT_BASE" rev-parse ltt-base)" ]; then
		rm -rf "$LTT_CI"
		ltt_clone_base "$LTT_CI" || return 1
	fi
	rm -f "$LTT_CI/.git/ltt-series"
	ltt_git -C "$LTT_CI" am --abort >/dev/null 2>&1
	ltt_git -C "$LTT_CI" checkout -q -f -B ci ltt-base &&
		ltt_git -C "$LTT_CI" clean -q -fdx
}

# ltt_mark_ci_tree: record that the CI tree holds base + this series.
# ltt_ci_tree_is_current: does it still, untouched since?
ltt_mark_ci_tree() {
	echo "$(ltt_series_id) $(git -C "$LTT_CI" rev-parse HEAD)" > "$LTT_CI/.git/ltt-series"
}
ltt_ci_tree_is_current() {
	[ -f "$LTT_CI/.git/ltt-series" ] &&
	[ "$(cat "$LTT_CI/.git/ltt-series")" = "$(ltt_series_id) $(git -C "$LTT_CI" rev-parse HEAD)" ] &&
	[ -z "$(git -C "$LTT_CI" status --porcelain --untracked-files=no)" ]
}

# ltt_lock: serialise the scripts that reset the shared trees under
# $LTT_WORK (CI tree, bisect tree, build directories): a second test run
# waits for the first instead of resetting its trees under it.
ltt_lock() {
	mkdir -p "$LTT_WORK"
	exec 9>"$LTT_WORK/.lock"
	if ! flock -n 9; then
		ltt_say "another run holds $LTT_WORK/.lock; waiting"
		flock 9
	fi
}
