#!/bin/sh
# Installs what vita needs from Debian 12's packages, only what is missing.
#   scripts/deps.sh build   libraries and tools to build and run vita (make run), the fonts of the
#                           default fallback chain (src/layout/fallback.c), and the themes' fonts
#                           that Debian packages (Lato, EB Garamond, Gentium Book Plus)
#   scripts/deps.sh test    plus what the tests use: poppler-utils, qpdf, TeX Live (XeLaTeX, CJK),
#                           valgrind, clang (libFuzzer), the text extractors (Ghostscript, MuPDF,
#                           pdfminer), and the packaging tools (debhelper, devscripts, lintian,
#                           mandoc, strace: tests/sh/deb.sh, man.sh, install.sh)
# As root it runs apt-get; otherwise it prints the exact apt-get line and stops with status 1.
set -eu
BUILD_PKGS="build-essential pkg-config libyaml-dev libyajl-dev libcmark-dev libutf8proc-dev libhpdf-dev libharfbuzz-dev libunibreak-dev libhyphen-dev hyphen-en-us hyphen-da hyphen-nl hyphen-fr hyphen-de hyphen-hi hyphen-hu hyphen-id hyphen-it hyphen-no hyphen-pt-pt hyphen-ru hyphen-es libpng-dev libjpeg62-turbo-dev libdeflate-dev libcairo2-dev libfribidi-dev libbtparse-dev libxml2-dev libfontconfig-dev libzip-dev libthai0 libthai-data libicu72 libphonenumber-dev fonts-noto-core fonts-noto-cjk fonts-symbola fonts-noto-color-emoji fonts-lato fonts-ebgaramond fonts-sil-gentiumplus"
TEST_PKGS="poppler-utils qpdf texlive-xetex texlive-latex-extra texlive-lang-cjk texlive-luatex lmodern valgrind clang fonts-dejavu-core tidy chromium libxml2-utils ghostscript mupdf-tools python3-pdfminer libharfbuzz-bin fonts-texgyre debhelper devscripts lintian mandoc strace"
pkgs=$BUILD_PKGS
[ "${1:-build}" = test ] && pkgs="$pkgs $TEST_PKGS"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "vita needs these Debian packages:$missing"
	echo "Install them with:"
	echo "  sudo apt-get install -y --no-install-recommends$missing"
	exit 1
fi
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
