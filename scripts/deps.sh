#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything the project needs on a Debian 12 machine. Idempotent:
# a second run installs nothing and returns quickly.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

pkgs="quilt sparse qemu-system-x86 busybox-static babeltrace2 python3-bt2
      ccache gcc make flex bison bc libelf-dev libssl-dev cpio xz-utils
      kmod rsync git perl python3 python3-ply python3-git patchutils file
      coccinelle ocaml-nox linux-config-6.12 python3-lttnganalyses
      lttng-tools b4"

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
have_kver=$(dpkg-query -W -f='${Version}' "$LTT_KPKG" 2>/dev/null || true)

if [ -z "$missing" ] && [ -n "$have_kver" ]; then
	[ "$have_kver" = "$LTT_KPKG_VERSION" ] ||
		ltt_say "note: $LTT_KPKG $have_kver installed, series pinned to $LTT_KPKG_VERSION"
	exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# The pinned kernel source is named beside the rest: linux-config-6.12
# recommends linux-source-6.12, and apt would otherwise move it to the
# newest version along with it.
pin=""
[ -z "$have_kver" ] || pin="$LTT_KPKG=$have_kver"
# shellcheck disable=SC2086
[ -z "$missing" ] || $SUDO apt-get install -y -q --no-install-recommends $missing $pin

if [ -z "$have_kver" ]; then
	if ! $SUDO apt-get install -y -q --no-install-recommends \
		"$LTT_KPKG=$LTT_KPKG_VERSION"; then
		ltt_say "warning: $LTT_KPKG $LTT_KPKG_VERSION is no longer in the archive;"
		ltt_say "warning: installing the newest $LTT_KPKG instead (run scripts/check.sh)"
		$SUDO apt-get install -y -q --no-install-recommends "$LTT_KPKG"
	fi
fi
