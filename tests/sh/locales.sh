#!/bin/sh
# Locales: every shipped styles/locales/*.yaml renders a CV (Markdown and PDF) whose dates, "present",
# time span and degree phrase are in that language's words — words written below from RenderCV's
# locale files, so a locale file that lost or changed one fails here.  Each language is checked on
# the Markdown (the words as composed; the top note in --dump-compose) and the PDF must render without an error.  RenderCV's 21
# locales must all be shipped, and nothing else.  With RENDERCV_DIR (a RenderCV checkout) also
# scripts/locales-check.sh, which compares every word with RenderCV's own files; skipped otherwise.
. tests/lib.sh
T="$VITA_TMP/locales"
mkdir -p "$T"
# language|June abbreviated|present|3 years|4 months|degree_with_area for BS, Physics|last updated
# (Hebrew's phrase "DEGREE בAREA" glues AREA to a letter: the field is put in all the same, as RenderCV
# finds field names anywhere in a template's text.)
cat >"$T/words.txt" <<'WORDS'
arabic|يون|الحاضر|3 سنوات|4 أشهر|BS في Physics|آخر تحديث في
danish|Jun|nuværende|3 år|4 måneder|BS i Physics|Senest opdateret
dutch|Jun|heden|3 jaren|4 maanden|BS in Physics|Laatst bijgewerkt
french|Juin|présent|3 ans|4 mois|BS en Physics|Dernière mise à jour
german|Jun|gegenwärtig|3 Jahre|4 Monate|BS in Physics|Zuletzt aktualisiert
hebrew|יוני|הווה|3 שנים|4 חודשים|BS בPhysics|עודכן לאחרונה ב
hindi|जून|वर्तमान|3 वर्ष|4 महीने|Physics में BS|अंतिम अद्यतन
hungarian|Jún|jelenleg|3 év|4 hónap|BS Physics szakon|Utoljára frissítve
indonesian|Jun|sekarang|3 tahun|4 bulan|BS di Physics|Terakhir diperbarui
italian|Giu|presente|3 anni|4 mesi|BS in Physics|Ultimo aggiornamento
japanese|6月|現在|3 年|4 ヶ月|Physics BS|最終更新
korean|6월|현재|3 년|4 개월|Physics BS|마지막 업데이트
mandarin_chinese|6月|至今|3 年|4 个月|Physics BS|最后更新于
norwegian_bokmål|Jun|nåværende|3 år|4 måneder|BS i Physics|Sist oppdatert
norwegian_nynorsk|Jun|nåverande|3 år|4 månader|BS i Physics|Sist oppdatert
persian|ژون|حال|3 سال|4 ماه|BS در Physics|آخرین به‌روزرسانی در
portuguese|Jun|presente|3 anos|4 meses|BS em Physics|Última atualização
russian|Июн|настоящее время|3 лет|4 месяцы|BS в Physics|Последнее обновление
spanish|Jun|presente|3 años|4 meses|BS en Physics|Última actualización
turkish|Haz|halen|3 yıl|4 ay|Physics, BS|Son güncelleme
vietnamese|Th06|hiện tại|3 năm|4 tháng|BS ngành Physics|Cập nhật lần cuối vào
WORDS

# the shipped set is RenderCV's set
shipped=$(cd styles/locales && ls ./*.yaml | sed 's|^\./||; s|\.yaml$||' | sort)
listed=$(cut -d'|' -f1 "$T/words.txt" | sort)
if [ "$shipped" = "$listed" ]; then pass locales_shipped
else fail locales_shipped "styles/locales/ holds: $(echo $shipped)"; fi

bad=""
while IFS='|' read -r lang jun present years months degree updated; do
	cat >"$T/cv.yaml" <<CV
cv:
  name: Ada Example
  sections:
    experience:
      - company: Acme
        position: Engineer
        start_date: 2020-06
        end_date: present
    education:
      - institution: Uni
        area: Physics
        degree: BS
        start_date: 2016-09
        end_date: 2020-05
design:
  templates:
    education_entry:
      main_column: "**INSTITUTION**, DEGREE_WITH_AREA"
      degree_column:
  sections:
    show_time_spans_in: [experience]
locale:
  language: $lang
settings:
  current_date: 2023-09-15
CV
	if ! $VITA render "$T/cv.yaml" -o "$T/cv.md" 2>"$T/err" || grep -q 'error:' "$T/err"; then
		bad="$bad [$lang: markdown: $(head -n 2 "$T/err")]"
		continue
	fi
	# every field the phrase names is shown, so none is reported missing (Hebrew's glued AREA)
	! grep -q 'is not shown' "$T/err" || bad="$bad [$lang: $(grep 'is not shown' "$T/err" | head -n 1)]"
	# a date as RenderCV shows it in every language: the theme's single_date, MONTH_ABBREVIATION YEAR
	for w in "$jun 2020" "$present" "$years" "$months" "$degree"; do
		[ "$w" = - ] && continue
		grep -qF -- "$w" "$T/cv.md" || bad="$bad [$lang: no \"$w\"]"
	done
	# Markdown has no top note: "last updated" is read in the composition
	$VITA render "$T/cv.yaml" --dump-compose 2>/dev/null | grep -A1 '^top note' | grep -qF -- "\"$updated\"" ||
		bad="$bad [$lang: no \"$updated\" in the top note]"
	# the .tex puts the phrase's fields in by the composition's rule (Hebrew's glued "בAREA" too):
	# no placeholder is left as text, and the entry carries every field the phrase names
	if [ "$lang" = hebrew ]; then
		mkdir -p "$T/tex"
		if $VITA render "$T/cv.yaml" -o "$T/tex/cv.tex" 2>"$T/err"; then
			! grep -v '^ *%' "$T/tex/cv.tex" | grep -q 'AREA\|DEGREE' ||
				bad="$bad [$lang: .tex: $(grep -v '^ *%' "$T/tex/cv.tex" | grep -m1 'AREA\|DEGREE')]"
			# (a Latin field of a right-to-left CV is a left-to-right run: src/latex/rtl.c)
			grep -qF '\cvsp ב\cvget{area}' "$T/tex/cv.tex" && grep -qF 'area = {\cvbeginlr{}Physics\cvendlr{}},' "$T/tex/cv.tex" ||
				bad="$bad [$lang: .tex: no ב\cvget{area} or no area field]"
		else bad="$bad [$lang: tex: $(head -n 2 "$T/err")]"; fi
	fi
	# the PDF renders (fonts may lack a script: warnings are allowed, errors are not)
	$VITA render "$T/cv.yaml" -o "$T/cv.pdf" 2>"$T/err" && [ -s "$T/cv.pdf" ] ||
		bad="$bad [$lang: pdf: $(grep error "$T/err" | head -n 2)]"
done <"$T/words.txt"
if [ -z "$bad" ]; then pass locales_words; else fail locales_words "$bad"; fi

# English, not a shipped file, stays the default's words
printf 'cv:\n  name: A\n  sections:\n    s:\n      - company: C\n        position: P\n        start_date: 2020-06\n        end_date: present\nlocale:\n  language: english\n' >"$T/en.yaml"
if $VITA render "$T/en.yaml" -o "$T/en.md" 2>"$T/err" && grep -qF 'June 2020 – present' "$T/en.md"; then
	pass locales_english
else fail locales_english "$(cat "$T/err" "$T/en.md" 2>/dev/null | head -n 5)"; fi

# an unknown language is an error naming the closest one and every known one
printf 'cv:\n  name: A\nlocale:\n  language: norwegian_bokmal\n' >"$T/typo.yaml"
if $VITA check "$T/typo.yaml" >"$T/out" 2>&1; then fail locales_unknown "exit 0 for an unknown language"
elif grep -qF "4:13: error: locale.language: unknown language \`norwegian_bokmal\`; did you mean \`norwegian_bokmål\`? (languages: arabic, danish," "$T/out" &&
	grep -qF 'turkish, vietnamese)' "$T/out"; then pass locales_unknown
else fail locales_unknown "$(cat "$T/out")"; fi

if [ -z "${RENDERCV_DIR:-}" ]; then
	skip locales_rendercv "RENDERCV_DIR is not set (give a RenderCV checkout to compare every word with RenderCV's locale files)"
elif sh scripts/locales-check.sh "$RENDERCV_DIR" "$VITA_BUILD/vita" >"$T/check.txt" 2>&1; then
	pass locales_rendercv
else sed 's/^/    /' "$T/check.txt"; fail locales_rendercv "words differ from RenderCV's (scripts/locales-check.sh)"; fi
