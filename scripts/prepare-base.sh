#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unpack Debian's linux-source-6.12 tarball into $LTT_WORK/base and make it
# a git repository with a single commit tagged ltt-base. Every other tree
# (developer tree, CI tree, quilt check) starts from this commit, so they
# all agree on what "pristine" means. Nothing ever commits on top of it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -f "$LTT_KTARBALL" ] || ltt_die "$LTT_KTARBALL missing: run scripts/deps.sh"
# The stamp names the package version and the layout of this script's
# output, so that a change to either rebuilds the base.
kver=$(dpkg-query -W -f='${Version}' "$LTT_KPKG")
stamp="$kver layout-3"

if [ -f "$LTT_BASE/.ltt-base-version" ] &&
   [ "$(cat "$LTT_BASE/.ltt-base-version")" = "$stamp" ] &&
   git -C "$LTT_BASE" rev-parse -q --verify ltt-base >/dev/null; then
	exit 0
fi

ltt_say "unpacking $LTT_KPKG $kver into $LTT_BASE"
rm -rf "$LTT_BASE.tmp"
mkdir -p "$LTT_BASE.tmp"
tar -C "$LTT_BASE.tmp" --strip-components=1 -xf "$LTT_KTARBALL"
cd "$LTT_BASE.tmp"
# Debian's tarball ends .gitignore with a rule that ignores everything at
# the top level (it serves Debian's packaging repository), and drops
# mainline's exceptions for tracked dot-files. Left as is, git would hide
# every file a patch adds, .gitignore files included. The base commit
# therefore drops Debian's block and restores mainline's exceptions. Only
# git reads .gitignore; the kernel build and the series do not touch it.
sed -i '/^# Debian packaging: ignore everything/,$d' .gitignore
sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' .gitignore
sed -i '$ { /^#$/d }' .gitignore
cat >> .gitignore <<'EOGI'
# We don't want to ignore the following even if they are dot-files
!.clang-format
!.clippy.toml
!.cocciconfig
!.editorconfig
!.get_maintainer.ignore
!.gitattributes
!.gitignore
!.kunitconfig
!.mailmap
!.rustfmt.toml
EOGI
ltt_git init -q
# No automatic gc: it would repack ~90000 objects in the background while
# scripts clone the base (hard links to loose objects are just as fast).
ltt_git config gc.auto 0
ltt_git add -A -f .
ltt_git commit -q -m "Linux 6.12 as shipped in Debian $LTT_KPKG $kver"
ltt_git tag ltt-base
echo "$stamp" > .ltt-base-version
echo ".ltt-base-version" >> .git/info/exclude
rm -rf "$LTT_BASE"
mv "$LTT_BASE.tmp" "$LTT_BASE"
ltt_say "base ready: $(git -C "$LTT_BASE" rev-parse --short ltt-base)"
