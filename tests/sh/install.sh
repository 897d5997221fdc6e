#!/bin/sh
# make install / make uninstall into a fresh prefix (no DESTDIR): the installed binary alone, run
# with an empty environment (env -i) from /, renders every profile of content/ (copied out of the
# tree) to PDF and .tex, and to PNG through the installed raster backend; strace shows it never
# touches a path under the checkout; its PDFs are byte-identical to build/vita's; `strings` of the
# installed binary and backend name no path of the build tree; the installed manual and completion
# name the installed data folder; make uninstall leaves the prefix empty.  Then the same with
# DESTDIR and PREFIX=/usr (a staged install, as a package build does it).
. tests/lib.sh
T=$VITA_TMP/install
rm -rf "$T"; mkdir -p "$T/cvs" "$T/out"
if [ "${VITA_SANITIZED:-}" = 1 ]; then
	skip install "the sanitizer build is not installable (its objects need the sanitizer's link flags); the plain suite runs this"
	exit 0
fi
for tool in strace strings; do
	command -v $tool >/dev/null 2>&1 || { skip install "$tool is not installed"; exit 0; }
done
ROOT=$VITA_ROOT
P=$T/prefix
MK="make -C $ROOT --no-print-directory BUILD=$VITA_BUILD"
cp "$ROOT"/content/*.yaml "$T/cvs/"

if $MK install PREFIX="$P" >"$T/make.txt" 2>&1 && [ -x "$P/bin/vita" ]; then pass install_into_prefix
else tail -n 20 "$T/make.txt"; fail install_into_prefix "make install PREFIX=$P failed"; exit 0; fi

leaks=""
for f in "$P/bin/vita" "$P/lib/vita/vita-raster.so" "$P/lib/vita/vita-phone.so"; do
	strings -a "$f" | grep -F "$ROOT" >/dev/null && leaks="$leaks $f"
done
strings -a "$P/bin/vita" | grep -F "$P/share/vita" >/dev/null || leaks="$leaks [no $P/share/vita in the binary]"
if [ -z "$leaks" ]; then pass install_no_build_tree_path; else fail install_no_build_tree_path "$ROOT in:$leaks"; fi

# Runs the installed binary from / with no environment but a fixed date, under strace.
run_inst() { # trace-file, args...
	tr=$1; shift
	(cd / && env -i SOURCE_DATE_EPOCH=1767225600 strace -f -qq -e trace=file,process -o "$tr" "$P/bin/vita" "$@")
}
bad="" n=0
for cv in "$T"/cvs/*.yaml; do
	name=$(basename "$cv" .yaml)
	for ext in pdf tex; do
		run_inst "$T/trace.$name.$ext" render "$cv" -o "$T/out/$name.$ext" 2>"$T/err.txt" ||
			bad="$bad [$name.$ext: exit $?: $(head -n 2 "$T/err.txt")]"
		[ -s "$T/out/$name.$ext" ] || bad="$bad [$name.$ext: no output]"
		n=$((n + 1))
	done
	# the .tex and its class load the fonts copied beside them from the installed share/vita/fonts/
	cmp -s "$P/share/vita/fonts/themes/SourceSans3-Regular.ttf" "$T/out/fonts/SourceSans3-Regular.ttf" ||
		bad="$bad [$name.tex: no fonts/SourceSans3-Regular.ttf copied from $P/share/vita/fonts/themes/]"
	! grep -rqF "$P" "$T/out/$name.tex" "$T/out/vita-classic.cls" || bad="$bad [$name.tex names the install prefix]"
	SOURCE_DATE_EPOCH=1767225600 $VITA render "$cv" -o "$T/out/$name.ref.pdf" 2>/dev/null
	cmp -s "$T/out/$name.pdf" "$T/out/$name.ref.pdf" || bad="$bad [$name.pdf differs from build/vita's]"
done
name=$(basename "$(ls "$T"/cvs/*.yaml | head -n 1)" .yaml)
run_inst "$T/trace.png" render "$T/cvs/$name.yaml" -o "$T/out/$name.png" 2>"$T/err.txt" || bad="$bad [png: $(head -n 2 "$T/err.txt")]"
grep -F "\"$P/lib/vita/vita-raster.so\"" "$T/trace.png" | grep -v ENOENT >/dev/null || bad="$bad [png: vita-raster.so not loaded from $P/lib/vita]"
printf 'cv:\n  name: Ada\n  phone: "+1 415 555 2671"\n' >"$T/phone.yaml"
run_inst "$T/trace.phone" render --dump-compose "$T/phone.yaml" >"$T/phone.txt" 2>"$T/err.txt" || bad="$bad [phone: $(head -n 2 "$T/err.txt")]"
grep -F "\"$P/lib/vita/vita-phone.so\"" "$T/trace.phone" | grep -v ENOENT >/dev/null || bad="$bad [phone: vita-phone.so not loaded from $P/lib/vita]"
grep -qF '"(415) 555-2671"' "$T/phone.txt" || bad="$bad [phone: not formatted: $(grep connection "$T/phone.txt")]"
if [ -z "$bad" ] && [ "$n" -ge 10 ]; then pass install_renders_every_profile
else fail install_renders_every_profile "$bad"; fi

touched=$(cat "$T"/trace.* | grep -F -e "\"$ROOT/" -e "\"$ROOT\"" | head -n 3)
if [ -z "$touched" ]; then pass install_never_opens_the_checkout
else fail install_never_opens_the_checkout "$touched"; fi

bad=""
grep -F "$P/share/vita/styles" "$P/share/man/man1/vita.1" >/dev/null || bad="$bad [man page]"
grep -F "_vita_default_data=\"$P/share/vita\"" "$P/share/bash-completion/completions/vita" >/dev/null || bad="$bad [completion]"
if [ -z "$bad" ]; then pass install_man_and_completion_name_prefix; else fail install_man_and_completion_name_prefix "$bad"; fi

$MK uninstall PREFIX="$P" >"$T/make.txt" 2>&1
left=$(find "$P" -mindepth 1 | head -n 5)
if [ -d "$P" ] && [ -z "$left" ]; then pass uninstall_leaves_prefix_empty
else fail uninstall_leaves_prefix_empty "left: $left"; fi

# DESTDIR: the files land under DESTDIR, the binary names PREFIX's folders, uninstall empties it.
S=$T/stage
bad=""
$MK install DESTDIR="$S" PREFIX=/usr >"$T/make.txt" 2>&1 || bad="$bad [make install failed: $(tail -n 3 "$T/make.txt")]"
for f in bin/vita lib/vita/vita-raster.so lib/vita/vita-phone.so share/vita/styles/classic.yaml share/vita/fonts/LICENSE-OFL-1.1.txt \
	share/man/man1/vita.1 share/bash-completion/completions/vita; do
	[ -f "$S/usr/$f" ] || bad="$bad [no $S/usr/$f]"
done
strings -a "$S/usr/bin/vita" | grep -F /usr/share/vita >/dev/null || bad="$bad [binary lacks /usr/share/vita]"
strings -a "$S/usr/bin/vita" | grep -F -e "$S" -e "$ROOT" >/dev/null && bad="$bad [binary names DESTDIR or the checkout]"
$MK uninstall DESTDIR="$S" PREFIX=/usr >"$T/make.txt" 2>&1
[ -z "$(find "$S/usr" -mindepth 1 2>/dev/null | head -n 1)" ] || bad="$bad [uninstall left $(find "$S/usr" -mindepth 1 | head -n 3)]"
if [ -z "$bad" ]; then pass install_destdir_staged; else fail install_destdir_staged "$bad"; fi
