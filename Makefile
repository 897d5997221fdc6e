# vita — build, run, test.
#
# `make` builds build/vita from build/libvita.a (every src/**/*.c except src/main.c), which the unit
# tests link too.  Sources are found by wildcard so adding a stage is adding a file.  BUILD= selects the
# output folder (the sanitizer and fuzz builds use their own), so several builds never collide.

BUILD   ?= build
CC      ?= cc
PKGS    := yaml-0.1 libcmark libutf8proc harfbuzz harfbuzz-subset libunibreak libpng
# Headers only: src/import/html.c opens libxml2 when a page holds HTML, src/style/installed.c
# fontconfig when a CV names a family vita does not ship, src/render/zip.c libzip for a .zip (dlopen);
# and, through vita_dl_bind (base.h), libjpeg for a JPEG photo (src/image/image.c), yajl for JSON
# (src/load/json.c), libbtparse for BibTeX (src/import/bibtex.c), libhyphen for another language's
# hyphenation (src/layout/hyphlang.c), FriBidi for right-to-left text (src/layout/bidi.c): linked,
# their symbol relocations cost every render's start.
DLOPEN_PKGS := libxml-2.0 fontconfig libzip yajl libjpeg fribidi
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
OPT     ?= -O2 -g
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) $(DLOPEN_PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# libharu ships no pkg-config file on Debian 12.
# FIRST_LIBS come first in the executable's list of needed libraries because the dynamic loader
# looks every symbol up object by object in that order, and all these libraries are bound at start
# (Debian links them with -z now): libc defines most of the 1,600 symbols bound per render, then
# libharu (its calls to its own functions), HarfBuzz, libpng and FreeType (HarfBuzz's dependency,
# named only for the order).  Found first instead of after ten other objects: 19.83 -> 19.37 M
# instructions per render (callgrind, jiazhi-jiang).  No two of these libraries define one symbol
# except libc and libm, whose copies are the same functions.  A sanitizer's runtime stays first.
FIRST_LIBS := -Wl,--push-state,--no-as-needed -lc -lhpdf -lharfbuzz -lpng16 -lfreetype -Wl,--pop-state
LIBS    := $(FIRST_LIBS) $(PKG_LIBS) -ldeflate -lhpdf -lm -lpthread
# The unit tests call libjpeg (test_pdf writes JPEGs) and libhyphen (test_text compares with it).
TEST_LIBS := -ljpeg -lhyphen
# `override`: a CFLAGS or CPPFLAGS given on the command line (`make CFLAGS=-O0`, a distribution's
# flags) is added after vita's own, instead of replacing -std=c11, the warnings, the include paths
# and the dependency tracking; the user's flags come last, so their -O0 wins over OPT's -O2.
override CPPFLAGS := -Iinclude -Isrc -DVITA_DATA_DIR='"$(CURDIR)"' $(CPPFLAGS)
# The build tree's path stays out of the objects' debug information (the installed binary must not
# name the folder it was built in; gdb still finds the sources from the checkout).
PATH_MAP := -ffile-prefix-map=$(CURDIR)=.
override CFLAGS := $(CSTD) $(WARN) $(OPT) $(PATH_MAP) $(PKG_CFLAGS) -MMD -MP $(CFLAGS)

# src/raster/ is not in the library: it is the raster backend's own shared object (cairo), which vita
# loads only when PNG or SVG is asked for, so the PDF path links no more libraries than before.
LIB_SRC := $(sort $(filter-out src/raster/%,$(wildcard src/*/*.c src/*/*/*.c)))
RASTER_SRC := $(wildcard src/raster/*.c)
RASTER_PKGS := cairo freetype2
RASTER_CFLAGS = $(shell pkg-config --cflags $(RASTER_PKGS) 2>/dev/null)
RASTER_LIBS = $(shell pkg-config --libs $(RASTER_PKGS) 2>/dev/null)
# Generated at build time: the hyphenation patterns (scripts/gen_hyph.sh) from Debian's hyphen-en-us.
HYPH_DIC ?= /usr/share/hyphen/hyph_en_US.dic
# And vita's style files (load/builtin.h): scripts/gen_styles.c, a host program linked with the
# library's other objects, parses them with vita's own YAML reader and prints them as C tables.
STYLE_FILES := $(sort $(wildcard styles/*.yaml styles/locales/*.yaml))
# And the shipped fonts' catalogue (style/fontcat.h): scripts/gen_fonts.c runs the catalogue over
# fonts/, fonts/themes/ and fonts/icons/ and prints a record per face with its file's size and time.
FONT_DIRS := fonts fonts/themes fonts/icons
FONT_FILES := $(sort $(foreach d,$(FONT_DIRS),$(wildcard $(d)/*.ttf $(d)/*.otf $(d)/*.ttc)))
# And the shipped fonts' kerning (layout/kerntab.h): scripts/gen_kern.c shapes every pair of the
# tables' characters in each font whose kerning is pairwise (the others are listed in gen/kern.txt).
KERN_FONTS := $(sort $(foreach d,fonts fonts/themes,$(wildcard $(d)/*.ttf $(d)/*.otf)))
GEN_OBJ := $(BUILD)/gen/hyph_patterns.o $(BUILD)/gen/styles.o $(BUILD)/gen/fonts.o $(BUILD)/gen/kern.o
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(GEN_OBJ)
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Each fuzz harness is also built without libFuzzer as a test that replays the inputs saved in
# tests/fuzz/regressions/<harness>/ (tests/fuzz/replay.c), so fixed crashes stay fixed.
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/tests/test_replay_%)

.PHONY: all run test content check-fast golden check-asan check-valgrind check-tsan bench fuzz fuzz-build clean deps deps-test parity latex-parity \
	installable install uninstall deb FORCE
all: $(BUILD)/vita $(BUILD)/vita-raster.so $(BUILD)/vita-phone.so $(TEST_BIN) $(REPLAY_BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/gen/hyph_patterns.c: scripts/gen_hyph.sh $(HYPH_DIC)
	@mkdir -p $(dir $@)
	sh scripts/gen_hyph.sh $(HYPH_DIC) > $@.tmp && mv $@.tmp $@

# The host program links from an archive of the library without the generated tables, so that it
# takes only the objects the YAML reader needs.
$(BUILD)/gen/host.a: $(filter-out $(BUILD)/gen/styles.o $(BUILD)/gen/fonts.o $(BUILD)/gen/kern.o,$(LIB_OBJ))
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/gen/gen_styles: scripts/gen_styles.c $(BUILD)/gen/host.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/gen/host.a $(LIBS)

$(BUILD)/gen/styles.c: $(BUILD)/gen/gen_styles $(STYLE_FILES)
	$(BUILD)/gen/gen_styles $(STYLE_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/gen_fonts: scripts/gen_fonts.c $(BUILD)/gen/host.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/gen/host.a $(LIBS)

# The folders too: a file added or removed changes them.  (A file changed or added after the build
# is read at run time all the same: the records hold each file's size and time.)
$(BUILD)/gen/fonts.c: $(BUILD)/gen/gen_fonts $(FONT_FILES) $(FONT_DIRS)
	$(BUILD)/gen/gen_fonts $(CURDIR)/fonts > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/gen_kern: scripts/gen_kern.c $(BUILD)/gen/host.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/gen/host.a $(LIBS)

$(BUILD)/gen/kern.c: $(BUILD)/gen/gen_kern $(KERN_FONTS)
	$(BUILD)/gen/gen_kern $(KERN_FONTS) > $@.tmp 2>$(BUILD)/gen/kern.txt && mv $@.tmp $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/libvita.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/vita-raster.so: $(RASTER_SRC) src/raster/raster.h include/vita/frame.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(RASTER_CFLAGS) -fPIC -shared $(LDFLAGS) -o $@ $(RASTER_SRC) $(RASTER_LIBS) -lpthread -lm

# src/phone/vita-phone.cc, vita's one C++ file: libphonenumber (with ICU, protobuf, boost) behind a C
# function, opened by src/phone/phone.c only when a CV shows a phone number.
CXX     ?= g++
$(BUILD)/vita-phone.so: src/phone/vita-phone.cc src/phone/phone.h include/vita/style.h
	@mkdir -p $(dir $@)
	$(CXX) -std=c++17 -Wall -Wextra -Wpedantic $(OPT) $(PATH_MAP) -Iinclude -Isrc -fPIC -shared $(LDFLAGS) -o $@ $< -lphonenumber

$(BUILD)/vita: $(BUILD)/src/main.o $(BUILD)/libvita.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/test.h $(BUILD)/libvita.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libvita.a $(LIBS) $(TEST_LIBS)

$(BUILD)/tests/test_replay_%: tests/fuzz/%.c tests/fuzz/replay.c $(BUILD)/libvita.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -DREPLAY_HARNESS='"$*"' $(LDFLAGS) -o $@ tests/fuzz/replay.c $< $(BUILD)/libvita.a $(LIBS)

# Installs what is missing (apt-get as root; otherwise prints the command and stops).
deps:
	@sh scripts/deps.sh build

deps-test:
	@sh scripts/deps.sh test

# The main job: every profile in content/ rendered into out/.
run: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/run.sh $(BUILD)/vita

# content/*.yaml regenerated from ../shared/profiles/ by `vita import`, with the hand corrections of
# content/overlays/*.overlay (scripts/content.sh; content/ is replaced only when every file imports).
content: all
	@sh scripts/content.sh $(BUILD)/vita content

# The whole suite; ends with `N passed, N failed, N skipped`.
test: deps-test
	@$(MAKE) --no-print-directory all
	@sh tests/run.sh $(BUILD)

# The suite without TeX and the browser (a quick iteration; `make test` runs them).
check-fast: all
	@VITA_NO_TEX=1 sh tests/run.sh $(BUILD)

# Regenerates every golden file on purpose (review the diff before committing).
golden: all
	@VITA_REGEN=1 sh tests/run.sh $(BUILD)

# intercept_tls_get_addr=0: GCC 12's LeakSanitizer, stopping the threads to scan them, crashed on the
# dynamic TLS of the libraries vita-phone.so brings in (libphonenumber, abseil, ICU) with glibc 2.36
# ("Tracer caught signal 11", "DTLS … at 0x390"): a fatal error, not a leak.  Without that scan a
# pointer kept only in such TLS would be reported, never hidden.
check-asan:
	@$(MAKE) --no-print-directory BUILD=build-asan OPT='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' LDFLAGS='-fsanitize=address,undefined' all
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:intercept_tls_get_addr=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 VITA_SANITIZED=1 VITA_NO_TEX=1 sh tests/run.sh build-asan

check-valgrind: all
	@VITA_VALGRIND=1 VITA_NO_TEX=1 sh tests/run.sh $(BUILD)

# ThreadSanitizer (clang) over the tests of the parallel batch (`vita build -j2`, the worker pool, and its variants):
# the shared caches and the per-thread records must be race-free.  tests/tsan.supp names the
# libraries' own lock-free code TSan cannot see into.
check-tsan:
	@$(MAKE) --no-print-directory BUILD=build-tsan CC=clang OPT='-O1 -g -fsanitize=thread' LDFLAGS='-fsanitize=thread' all
	@TSAN_OPTIONS="halt_on_error=1 exitcode=66 suppressions=$(CURDIR)/tests/tsan.supp" VITA_SANITIZED=1 VITA_NO_TEX=1 \
		TESTS=build,variants sh tests/run.sh build-tsan

# libFuzzer harnesses (tests/fuzz/fuzz_*.c) against an instrumented library, each run FUZZ_TIME s.
FUZZ_TIME ?= 60
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
fuzz-build:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT='$(FUZZ_FLAGS)' build-fuzz/libvita.a
	@for f in $(FUZZ_SRC); do \
		clang $(CPPFLAGS) $(CSTD) -O1 -g -fsanitize=fuzzer,address,undefined $(PKG_CFLAGS) $$f \
			build-fuzz/libvita.a $(LIBS) -o build-fuzz/$$(basename $$f .c) || exit 1; done

fuzz: deps-test fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_TIME)

# Speed, memory and size against vita's targets (MET/MISS beside each; fails only when a render's instructions grow more than 5% over tests/bench/instructions.txt).
bench: all
	@sh scripts/bench.sh $(BUILD)

# vita's PDFs of RenderCV's example CVs against RenderCV's own (a RenderCV checkout is needed; its
# files are read there, never copied): pages, words present, words in the same place, per theme;
# then every word of vita's locales against RenderCV's locale files.
parity: all
	@sh scripts/parity.sh "$(RENDERCV_DIR)" $(BUILD)/vita
	@sh scripts/locales-check.sh "$(RENDERCV_DIR)" $(BUILD)/vita

# The LaTeX output compiled by XeLaTeX against vita's PDF, every profile in every theme (issue 14).
latex-parity: all
	@sh scripts/latex-parity.sh $(BUILD)/vita

clean:
	rm -rf build build-* out

# ---- Installing (GNU conventions) ----------------------------------------------------------------
# `make install PREFIX=/usr DESTDIR=/tmp/stage`.  build/vita keeps reading its data from this checkout;
# the installed binary is a second link of the same objects, except the two files that hold the
# compiled-in folders (env.c: VITA_DATA_DIR, plugin.c: VITA_LIBDIR), so it reads
# $(DATADIR)/vita and $(LIBDIR)/vita and names no path of the build tree.  scripts/install.sh holds the
# one list of installed files that install and uninstall share.
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
LIBDIR  ?= $(PREFIX)/lib
MANDIR  ?= $(DATADIR)/man
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
INST    := $(BUILD)/install
INST_DEFS := -DVITA_DATA_DIR='"$(DATADIR)/vita"' -DVITA_LIBDIR='"$(LIBDIR)/vita"'
INST_SWAP := $(BUILD)/src/base/env.o $(BUILD)/src/base/plugin.o
INST_OBJ  := $(INST)/env.o $(INST)/plugin.o

# Rewritten only when the folders change, so that a new PREFIX rebuilds the two objects and no more.
$(INST)/dirs: FORCE
	@mkdir -p $(dir $@)
	@echo '$(INST_DEFS)' > $@.tmp; if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(INST)/env.o: src/base/env.c $(INST)/dirs
	$(CC) $(filter-out -DVITA_DATA_DIR=%,$(CPPFLAGS)) $(INST_DEFS) $(CFLAGS) -c $< -o $@

$(INST)/plugin.o: src/base/plugin.c $(INST)/dirs
	$(CC) $(filter-out -DVITA_DATA_DIR=%,$(CPPFLAGS)) $(INST_DEFS) $(CFLAGS) -c $< -o $@

$(INST)/vita: $(BUILD)/src/main.o $(INST_OBJ) $(filter-out $(INST_SWAP),$(LIB_OBJ))
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# The manual and the completion name the installed folders.
$(INST)/vita.1: src/man/vita.1 $(INST)/dirs
	sed -e 's|/usr/local/share/vita|$(DATADIR)/vita|g' -e 's|/usr/local/lib/vita|$(LIBDIR)/vita|g' $< > $@

$(INST)/vita.bash: src/completion/vita.bash $(INST)/dirs
	sed -e 's|^_vita_default_data=.*|_vita_default_data="$(DATADIR)/vita"|' $< > $@

installable: $(INST)/vita $(BUILD)/vita-raster.so $(BUILD)/vita-phone.so $(INST)/vita.1 $(INST)/vita.bash

INSTALL_ENV = DESTDIR='$(DESTDIR)' PREFIX='$(PREFIX)' BINDIR='$(BINDIR)' DATADIR='$(DATADIR)' \
	LIBDIR='$(LIBDIR)' MANDIR='$(MANDIR)' BASHCOMPDIR='$(BASHCOMPDIR)' BUILD='$(BUILD)'

install: installable
	@$(INSTALL_ENV) sh scripts/install.sh install

uninstall:
	@$(INSTALL_ENV) sh scripts/install.sh uninstall

# A Debian package (debian/), built in a copy of the tree, since debian/rules clean would remove
# build/: DEB_DIR/vita_VERSION_ARCH.deb.
DEB_DIR ?= $(BUILD)/deb
DEB_JOBS ?= 2
deb:
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/vita
	tar -cf - --exclude=./build --exclude='./build-*' --exclude=./out --exclude=./.git . | tar -xf - -C $(DEB_DIR)/vita
	cd $(DEB_DIR)/vita && dpkg-buildpackage -us -uc -b -J$(DEB_JOBS)
	@ls $(DEB_DIR)/*.deb

-include $(LIB_OBJ:.o=.d) $(BUILD)/src/main.d $(INST_OBJ:.o=.d)
