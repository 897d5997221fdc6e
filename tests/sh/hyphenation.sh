#!/bin/sh
# Hyphenation in the CV's language, end to end (src/layout/hyphlang.c): a German CV is set with
# German patterns and no message; a Turkish one (Debian has no patterns) is not hyphenated, with a
# note at locale.language; a Japanese one needs none and says nothing.
. tests/lib.sh
T=$VITA_TMP/hyphenation
rm -rf "$T"; mkdir -p "$T"
cv() { # language: a narrow justified paragraph of long words
	printf 'cv:\n  name: Ada Lovelace\n  sections:\n    about:\n      - "%s"\ndesign:\n  page:\n    left_margin: 7cm\n    right_margin: 7cm\nlocale:\n  language: %s\n' "$2" "$1" >"$T/$1.yaml"
}
cv german "Die Universitätsbibliothek koordiniert Forschungsdatenmanagement, Langzeitarchivierung und Digitalisierungsprojekte mit internationalen Kooperationspartnern und Wissenschaftseinrichtungen."
cv turkish "Üniversitemizin kütüphanesi araştırma verilerinin yönetimini uluslararası işbirlikçilerle koordine etmektedir ve sürdürülebilirlik."
cv japanese "大学図書館は研究データ管理と長期保存を国際的な協力機関と調整しています。"
if [ ! -f /usr/share/hyphen/hyph_de_DE.dic ]; then skip hyphenation_german "hyphen-de is not installed (scripts/deps.sh installs it)"
elif $VITA render "$T/german.yaml" -o "$T/german.pdf" 2>"$T/german.err" && [ ! -s "$T/german.err" ] &&
	pdftotext -layout "$T/german.pdf" - | grep -q -- 'For-$'; then pass hyphenation_german
else sed 's/^/    /' "$T/german.err"; fail hyphenation_german "a German CV is not hyphenated, or with a message"; fi
if $VITA render --dump-layout "$T/turkish.yaml" >"$T/turkish.dump" 2>"$T/turkish.err" &&
	grep -q 'turkish.yaml:11:13: note: locale.language: there are no hyphenation patterns for turkish (Debian has none); justified text is not hyphenated' "$T/turkish.err" &&
	! grep -q -- '-"$' "$T/turkish.dump"; then pass hyphenation_none_noted
else sed 's/^/    /' "$T/turkish.err"; fail hyphenation_none_noted "a Turkish CV is hyphenated, or without the note"; fi
if $VITA render "$T/japanese.yaml" -o "$T/japanese.pdf" 2>"$T/japanese.err" && ! grep -q hyphenation "$T/japanese.err"; then
	pass hyphenation_cjk_silent
else sed 's/^/    /' "$T/japanese.err"; fail hyphenation_cjk_silent "a Japanese CV got a hyphenation message"; fi
