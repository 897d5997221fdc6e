/*
 * The locale: month names, "present", the degree phrase, and the date templates.
 *
 * English is built in.  `locale: language: X` loads <data>/styles/locales/X.yaml (same keys as a
 * CV's `locale:` block; RenderCV's 21 other locales, word for word — scripts/locales-check.sh), and
 * the CV's other `locale:` keys override single values, as in RenderCV.  X must be one of RenderCV's
 * names: anything else is an error, as RenderCV's schema makes it.
 * The date templates live in RenderCV's design.templates; vita reads them here so that dates are
 * formatted once, by vita_format_dates, for every backend.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/io.h"
#include "load/builtin.h"
#include "load/load_internal.h"
#include "vita/jsonschema.h"
#include "normalize/normalize.h"

/* RenderCV's built-in languages: an unknown name is probably a typo of one of these. */
static const char *const languages[] = {
    "arabic",  "danish",   "dutch",     "english",   "french",           "german",
    "hebrew",  "hindi",    "hungarian", "indonesian", "italian",         "japanese",
    "korean",  "mandarin_chinese",      "norwegian_bokmål", "norwegian_nynorsk", "persian",
    "portuguese", "russian", "spanish", "turkish",   "vietnamese",       NULL};

static const char *const locale_keys[] = {
    "language", "last_updated", "month", "months", "year", "years", "present", "phrases",
    "month_abbreviations", "month_names", NULL};

void locale_english(vita_locale *loc)
{
	static const char *names[12] = {"January", "February", "March",     "April",
	                                "May",     "June",     "July",      "August",
	                                "September", "October", "November", "December"};
	static const char *abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "June",
	                               "July", "Aug", "Sept", "Oct", "Nov", "Dec"};
	memset(loc, 0, sizeof *loc);
	loc->language = "english";
	for (int i = 0; i < 12; i++) {
		loc->month_names[i] = names[i];
		loc->month_abbreviations[i] = abbr[i];
	}
	loc->present = "present";
	loc->last_updated = "Last updated in";
	loc->month = "month";
	loc->months = "months";
	loc->year = "year";
	loc->years = "years";
	loc->degree_with_area = "DEGREE in AREA";
	loc->single_date = "MONTH_ABBREVIATION YEAR";
	loc->date_range = "START_DATE – END_DATE";
	loc->time_span = "HOW_MANY_YEARS YEARS HOW_MANY_MONTHS MONTHS";
}

static void set_str(loader *L, const vita_node *m, const char *key, const char **dst)
{
	const vita_node *v = vita_node_get(m, key);
	if (!v || vita_node_is_null(v))
		return;
	size_t w = where_push_key(L, key);
	const char *s = load_plain(L, v);
	if (s)
		*dst = s;
	where_pop(L, w);
}

static void set_months(loader *L, const vita_node *m, const char *key, const char *dst[12])
{
	const vita_node *v = vita_node_get(m, key);
	if (!v || vita_node_is_null(v))
		return;
	size_t w = where_push_key(L, key);
	if (v->kind != VITA_NODE_SEQ)
		lerr(L, VITA_ERROR, v->pos, "expected a list of 12 month names, got a %s",
		     vita_node_type_name(v));
	else if (v->n != 12)
		lerr(L, VITA_ERROR, v->pos, "expected 12 items (January to December), got %zu", v->n);
	else {
		const char *tmp[12];
		bool ok = true;
		for (size_t i = 0; i < 12; i++) {
			size_t w2 = where_push_index(L, i);
			tmp[i] = load_plain(L, v->kids[i]);
			if (!tmp[i]) {
				if (vita_node_is_null(v->kids[i]))
					lerr(L, VITA_ERROR, v->kids[i]->pos, "a month name cannot be empty");
				ok = false;
			}
			where_pop(L, w2);
		}
		if (ok)
			memcpy(dst, tmp, sizeof tmp);
	}
	where_pop(L, w);
}

/* Applies a locale mapping (from the CV or from a language file) over *loc. */
static void apply(loader *L, const vita_node *m, bool from_cv)
{
	vita_locale *loc = &L->cv->locale;
	set_str(L, m, "last_updated", &loc->last_updated);
	set_str(L, m, "month", &loc->month);
	set_str(L, m, "months", &loc->months);
	set_str(L, m, "year", &loc->year);
	set_str(L, m, "years", &loc->years);
	set_str(L, m, "present", &loc->present);
	set_months(L, m, "month_abbreviations", loc->month_abbreviations);
	set_months(L, m, "month_names", loc->month_names);
	/* A language file may set how its dates read (no shipped one does: RenderCV's locales leave
	 * that to design.templates); the CV's design.templates, read later, still wins. */
	if (!from_cv) {
		set_str(L, m, "single_date", &loc->single_date);
		set_str(L, m, "date_range", &loc->date_range);
	}
	const vita_node *ph = vita_node_get(m, "phrases");
	if (ph && !vita_node_is_null(ph)) {
		size_t w = where_push_key(L, "phrases");
		if (ph->kind != VITA_NODE_MAP)
			lerr(L, VITA_ERROR, ph->pos, "expected a mapping, got a %s", vita_node_type_name(ph));
		else {
			static const char *const phrase_keys[] = {"degree_with_area", NULL};
			set_str(L, ph, "degree_with_area", &loc->degree_with_area);
			if (from_cv)
				for (size_t i = 0; i + 1 < ph->n; i += 2)
					warn_unknown_key(L, ph->kids[i], phrase_keys, "locale.phrases");
		}
		where_pop(L, w);
	}
	if (from_cv)
		for (size_t i = 0; i + 1 < m->n; i += 2)
			warn_unknown_key(L, m->kids[i], locale_keys, "locale");
}

/* Loads styles/locales/<language>.yaml; false when vita has no such file. */
static bool load_language_file(loader *L, const char *language)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/styles/locales/%s.yaml", vita_data_dir(), language);
	const char *p = arena_strdup(L->a, path);
	vita_node *root = vita_builtin_parse(L->a, p, NULL); /* compiled in; a locale's lines are not quoted */
	if (!root) {
		if (access(path, R_OK) != 0)
			return false;
		size_t len;
		char *data = read_file(path, VITA_MAX_FILE_SIZE, &len, L->d);
		if (!data)
			return false;
		root = vita_yaml_parse(L->a, p, data, len, NULL, L->d);
		free(data);
	}
	if (!root || root->kind != VITA_NODE_MAP) {
		vita_diag(L->d, VITA_ERROR, (vita_pos){p, 1, 1}, "a locale file must be a mapping");
		return false;
	}
	/* Messages about a shipped file name the file, not the CV's path. */
	size_t saved = L->wlen;
	char keep[sizeof L->where];
	memcpy(keep, L->where, sizeof keep);
	L->wlen = 0;
	L->where[0] = 0;
	apply(L, root, false);
	memcpy(L->where, keep, sizeof keep);
	L->wlen = saved;
	return true;
}

/* Every language vita knows, for a message: "arabic, danish, …, vietnamese". */
static void language_list(char *out, size_t cap)
{
	size_t len = 0;
	out[0] = 0;
	for (size_t i = 0; languages[i] && len < cap; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? ", " : "", languages[i]);
}

/* locale.language: RenderCV's languages only (as RenderCV, an unknown one is an error, with the
 * closest name and the whole list); each has its file in styles/locales/, so a missing file is a
 * broken installation, also an error rather than a silent English CV. */
static void load_language(loader *L, const char *s, vita_pos pos)
{
	bool known = false;
	for (size_t i = 0; languages[i]; i++)
		if (strcmp(languages[i], s) == 0)
			known = true;
	if (known && load_language_file(L, s)) {
		L->cv->locale.language = s;
		L->cv->locale.language_pos = pos;
		return;
	}
	char list[512];
	language_list(list, sizeof list);
	if (known) {
		lerr(L, VITA_ERROR, pos, "no locale file %s/styles/locales/%s.yaml (is vita installed whole?)",
		     vita_data_dir(), s);
		return;
	}
	const char *sug = suggest(s, languages);
	if (sug)
		lerr(L, VITA_ERROR, pos, "unknown language `%s`; did you mean `%s`? (languages: %s)", s, sug,
		     list);
	else
		lerr(L, VITA_ERROR, pos, "unknown language `%s` (languages: %s)", s, list);
}

void load_locale(loader *L, const vita_node *n)
{
	if (!n || vita_node_is_null(n))
		return;
	size_t w = where_push_key(L, "locale");
	if (n->kind != VITA_NODE_MAP) {
		lerr(L, VITA_ERROR, n->pos, "expected a mapping (language, month_names, present, …), got a %s",
		     vita_node_type_name(n));
		where_pop(L, w);
		return;
	}
	const vita_node *lang = vita_node_get(n, "language");
	if (lang && !vita_node_is_null(lang)) {
		size_t w2 = where_push_key(L, "language");
		const char *s = load_plain(L, lang);
		if (s && strcmp(s, "english") != 0)
			load_language(L, s, lang->pos);
		where_pop(L, w2);
	}
	apply(L, n, true);
	where_pop(L, w);
}

void load_date_templates(loader *L, const vita_node *design)
{
	const vita_node *t = vita_node_get(design, "templates");
	if (!t || t->kind != VITA_NODE_MAP)
		return;
	/* Validated by the style loader; here only read, so that dates are formatted in one place. */
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {{"single_date", offsetof(vita_locale, single_date)},
	            {"date_range", offsetof(vita_locale, date_range)},
	            {"time_span", offsetof(vita_locale, time_span)}};
	/* The style loader reports problems in these strings; a scratch collector avoids doubles. */
	vita_diags *scratch = vita_diags_new();
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		const vita_node *v = vita_node_get(t, keys[i].key);
		if (v && v->kind == VITA_NODE_SCALAR && !vita_node_is_null(v))
			*(const char **)((char *)&L->cv->locale + keys[i].off) =
			    vita_normalize(L->a, v->str, v->len, v->pos, scratch);
	}
	vita_diags_free(scratch);
}

/* For `vita schema` (load/jsonschema.c): the locale's keys and the languages. */
const char *const *load_locale_keys(void)
{
	return locale_keys;
}

const char *const *load_languages(void)
{
	return languages;
}
