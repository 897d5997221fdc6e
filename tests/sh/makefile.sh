#!/bin/sh
# The Makefile keeps vita's own compiler flags when a user or a distribution passes CFLAGS or
# CPPFLAGS on the command line (`make CFLAGS=-O0`): -std=c11, the warnings, the include paths and the
# dependency files stay, and the user's flags come after vita's (so -O0 wins over -O2).
. tests/lib.sh
cmd=$(make -s -n -B BUILD="$VITA_TMP/mk" CFLAGS=-O0 CPPFLAGS=-DVITA_TEST_FLAG "$VITA_TMP/mk/src/model/schema.o" 2>&1 | grep -- ' -c src/model/schema.c')
missing=""
for want in -std=c11 -Wall -Wextra -Wpedantic -Iinclude -Isrc -MMD -DVITA_TEST_FLAG; do
	case " $cmd " in *" $want "*) ;; *) missing="$missing $want" ;; esac
done
if [ -z "$cmd" ]; then fail "make CFLAGS=-O0 keeps vita's flags" "no compile command in make -n's output"
elif [ -n "$missing" ]; then fail "make CFLAGS=-O0 keeps vita's flags" "missing:$missing in: $cmd"
else pass "make CFLAGS=-O0 keeps vita's flags"; fi
# the user's -O0 comes after vita's -O2
case "$cmd" in *"-O2"*"-O0"*) pass "the user's CFLAGS come last" ;;
*) fail "the user's CFLAGS come last" "$cmd" ;; esac
