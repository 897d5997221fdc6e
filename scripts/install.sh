#!/bin/sh
# `make install` and `make uninstall`: one list of the installed files (manifest below), so that
# uninstall removes exactly what install put in place, then the folders that leaves empty, up to
# PREFIX (so a fresh prefix is empty again).
#   scripts/install.sh install|uninstall
# The Makefile passes DESTDIR, PREFIX, BINDIR, DATADIR, LIBDIR, MANDIR, BASHCOMPDIR and BUILD.
set -eu
: "${PREFIX:?}" "${BINDIR:?}" "${DATADIR:?}" "${LIBDIR:?}" "${MANDIR:?}" "${BASHCOMPDIR:?}" "${BUILD:?}"
D=${DESTDIR:-}
TAB=$(printf '\t')

# mode, folder, source file, installed name — tab-separated, so folders may hold spaces.
manifest() {
	printf '755\t%s\t%s\tvita\n' "$BINDIR" "$BUILD/install/vita"
	printf '644\t%s\t%s\tvita-raster.so\n' "$LIBDIR/vita" "$BUILD/vita-raster.so"
	printf '644\t%s\t%s\tvita-phone.so\n' "$LIBDIR/vita" "$BUILD/vita-phone.so"
	printf '644\t%s\t%s\tvita.1\n' "$MANDIR/man1" "$BUILD/install/vita.1"
	printf '644\t%s\t%s\tvita\n' "$BASHCOMPDIR" "$BUILD/install/vita.bash"
	for f in styles/*.yaml; do printf '644\t%s\t%s\t%s\n' "$DATADIR/vita/styles" "$f" "${f##*/}"; done
	for f in styles/locales/*.yaml; do printf '644\t%s\t%s\t%s\n' "$DATADIR/vita/styles/locales" "$f" "${f##*/}"; done
	for f in fonts/*; do if [ -f "$f" ]; then printf '644\t%s\t%s\t%s\n' "$DATADIR/vita/fonts" "$f" "${f##*/}"; fi; done
	for f in fonts/themes/*; do printf '644\t%s\t%s\t%s\n' "$DATADIR/vita/fonts/themes" "$f" "${f##*/}"; done
	for f in fonts/icons/*; do printf '644\t%s\t%s\t%s\n' "$DATADIR/vita/fonts/icons" "$f" "${f##*/}"; done
}

# Removes DIR and its parents while they are empty, stopping at the prefix (and at /).
prune() {
	dir=$1
	while [ "$dir" != "$D$PREFIX" ] && [ "$dir" != / ] && [ -n "$dir" ]; do
		rmdir "$dir" 2>/dev/null || return 0
		dir=${dir%/*}
	done
}

case "${1:-}" in
install)
	manifest | while IFS=$TAB read -r mode dir src name; do
		[ -f "$src" ] || { echo "install: $src is missing (run make first)" >&2; exit 1; }
		install -d "$D$dir"
		install -m "$mode" "$src" "$D$dir/$name"
		echo "installed $D$dir/$name"
	done
	;;
uninstall)
	manifest | while IFS=$TAB read -r mode dir src name; do
		if [ -e "$D$dir/$name" ] || [ -L "$D$dir/$name" ]; then
			rm -f "$D$dir/$name"
			echo "removed $D$dir/$name"
		fi
	done
	manifest | cut -f2 | sort -ru | while read -r dir; do prune "$D$dir"; done
	;;
*)
	echo "usage: scripts/install.sh install|uninstall" >&2
	exit 2
	;;
esac
