/*
 * The style loader: styles/classic.yaml, then the theme's styles/<theme>.yaml, then the CV's own
 * `design:` block, each laid over the previous one key by key, into a struct vita_style.
 *
 * Every key vita understands is one row of the table in keys.c (its RenderCV path, its kind, where it
 * goes), so the walk over a design mapping is the same for the theme files and for the user's file,
 * and a misspelt key gets a did-you-mean from the same table.  Lengths are kept as written (number
 * and unit) until every file is read, because `em` means "times the body font size" and the body
 * size may be set after (or in a later file than) the length that depends on it.
 *
 * RenderCV files must render unchanged: a RenderCV theme vita does not have yet falls back to
 * classic with a warning, RenderCV keys vita has no use for are accepted silently, and font
 * families vita does not ship are replaced by the nearest shipped one with a note.
 */
#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "io/io.h"
#include "load/builtin.h"
#include "load/yaml.h"
#include "style/fonts.h"
#include "style/style_internal.h"
#include "vita/cv.h"
#include "vita/schema.h"
#include "vita/style.h"

/* RenderCV's built-in themes: a design naming one that vita lacks still renders (as classic). */
static const char *const rendercv_themes[] = {"classic",  "moderncv", "sb2nov", "engineeringresumes",
                                              "engineeringclassic", "harvard", "ink", "opal", "ember"};



/* ---- small helpers -------------------------------------------------------------------------- */

/* " (did you mean `x`?)" or "". */
static const char *hint(char *buf, size_t size, const char *suggestion)
{
	if (!suggestion)
		return "";
	snprintf(buf, size, "; did you mean `%s`?", suggestion);
	return buf;
}

static void *field(vita_style *s, size_t off)
{
	return style_field(s, off);
}

static bool is_string(const vita_node *v)
{
	return v && v->kind == VITA_NODE_SCALAR && !vita_node_is_null(v);
}

static void expected(loader *L, const vita_node *v, const char *path, const char *what)
{
	vita_diag(L->d, VITA_ERROR, v->pos, "design.%s: expected %s, got %s", path, what,
	          vita_node_type_name(v));
}

/* ---- value parsers ---------------------------------------------------------------------------- */

typedef struct page_size {
	const char *name;
	double w, h; /* pt */
} page_size;

static const page_size page_sizes[] = {
    {"a4", 210 * 72 / 25.4, 297 * 72 / 25.4},
    {"a5", 148 * 72 / 25.4, 210 * 72 / 25.4},
    {"us-letter", 8.5 * 72, 11 * 72},
    {"us-executive", 7.25 * 72, 10.5 * 72},
};

/* Finds s among names; on failure reports the allowed values and the nearest one. */
static int pick(loader *L, const vita_node *v, const char *path, const char *const *names, size_t n)
{
	if (is_string(v))
		for (size_t i = 0; i < n; i++)
			if (strcmp(v->str, names[i]) == 0)
				return (int)i;
	vita_buf b = {0};
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
	if (!is_string(v)) {
		vita_diag(L->d, VITA_ERROR, v->pos, "design.%s: expected one of: %s; got %s", path,
		          buf_str(&b), vita_node_type_name(v));
		buf_free(&b);
		return -1;
	}
	char h[160];
	vita_diag(L->d, VITA_ERROR, v->pos, "design.%s: unknown value `%s` (expected one of: %s)%s", path,
	          v->str, buf_str(&b), hint(h, sizeof h, vita_suggest(v->str, names, n)));
	buf_free(&b);
	return -1;
}

static bool parse_bool(loader *L, const vita_node *v, const char *path, bool *out)
{
	if (is_string(v)) {
		if (strcasecmp(v->str, "true") == 0) {
			*out = true;
			return true;
		}
		if (strcasecmp(v->str, "false") == 0) {
			*out = false;
			return true;
		}
		vita_diag(L->d, VITA_ERROR, v->pos, "design.%s: expected true or false, got `%s`", path, v->str);
		return false;
	}
	expected(L, v, path, "true or false");
	return false;
}

/* ---- the walk ----------------------------------------------------------------------------------- */

static int find_key(const char *path)
{
	return style_find_key(path);
}

static bool is_group(const char *path)
{
	return style_is_group(path);
}

/* prefix.name (or name) into out; false when it does not fit. */
static bool join_path(char *out, size_t size, const char *prefix, const char *name)
{
	size_t np = prefix ? strlen(prefix) : 0, nn = strlen(name);
	if (np + (prefix ? 1 : 0) + nn >= size)
		return false;
	if (prefix) {
		memcpy(out, prefix, np);
		out[np++] = '.';
	}
	memcpy(out + np, name, nn + 1);
	return true;
}

static void unknown_key(loader *L, const vita_node *k, const char *prefix, const char *name)
{
	/* Candidates: the names at this level, then any key elsewhere with exactly this name. */
	size_t np = prefix ? strlen(prefix) : 0;
	const char *cands[STYLE_MAX_KEYS] = {0};
	char store[STYLE_MAX_KEYS][64];
	size_t n = 0;
	for (size_t i = 0; i < style_nkeys; i++) {
		const char *p = style_key_table[i].path;
		if (np) {
			if (strncmp(p, prefix, np) != 0 || p[np] != '.')
				continue;
			p += np + 1;
		}
		size_t len = strcspn(p, ".");
		if (len >= sizeof store[0])
			continue;
		memcpy(store[n], p, len);
		store[n][len] = '\0';
		cands[n] = store[n];
		n++;
	}
	const char *sugg = vita_suggest(name, cands, n);
	char full[160];
	if (sugg && np) {
		snprintf(full, sizeof full, "%s.%s", prefix, sugg);
		sugg = full;
	}
	if (!sugg)
		for (size_t i = 0; i < style_nkeys; i++) {
			const char *dot = strrchr(style_key_table[i].path, '.');
			if (dot && strcmp(dot + 1, name) == 0) {
				sugg = style_key_table[i].path;
				break;
			}
		}
	char h[200];
	vita_diag(L->d, VITA_WARNING, k->pos, "unknown design key `%s%s%s`, ignored%s", np ? prefix : "",
	          np ? "." : "", name, hint(h, sizeof h, sugg));
}

static void apply_map(loader *L, const vita_node *map, const char *prefix);

static void set_family(loader *L, int idx, const vita_node *v)
{
	*(const char **)field(L->s, style_key_table[idx].off) = arena_strdup(L->s->arena, v->str);
	L->family_pos[idx] = v->pos;
}

/* A length, kept as written until every file is read (see resolve). */
static void apply_length(loader *L, int idx, const vita_node *v)
{
	const char *path = style_key_table[idx].path;
	length l = {0};
	if (!is_string(v)) {
		expected(L, v, path, "a length such as 0.5cm");
		return;
	}
	if (!style_parse_length(v->str, &l)) {
		vita_diag(L->d, VITA_ERROR, v->pos,
		          "design.%s: `%s` is not a length; write a number and a unit (in, cm, mm, pt, "
		          "em) with nothing between them, e.g. 0.7in",
		          path, v->str);
		return;
	}
	l.set = true;
	l.from_cv = L->in_cv;
	l.pos = v->pos;
	L->len[idx] = l;
}

/* The string-valued kinds: strings, templates, bullets, lists of titles. */
static void apply_string(loader *L, const key *k, const vita_node *v)
{
	const char *path = k->path;
	vita_style *s = L->s;
	switch (k->k) {
	case K_STR:
		if (v->kind != VITA_NODE_SCALAR || (v->plain && vita_node_is_null(v) && v->len))
			expected(L, v, path, "a string");
		else
			*(const char **)field(s, k->off) = arena_strdup(s->arena, v->str);
		return;
	case K_TEMPLATE:
		if (vita_node_is_null(v))
			*(const char **)field(s, k->off) = NULL;
		else if (v->kind != VITA_NODE_SCALAR)
			expected(L, v, path, "a template string or null");
		else
			*(const char **)field(s, k->off) = arena_strdup(s->arena, v->str);
		if (k->off == offsetof(vita_style, footer_template)) /* for the layout's message (A41) */
			s->footer_template_pos = v->pos;
		else if (k->off == offsetof(vita_style, top_note_template))
			s->top_note_template_pos = v->pos;
		return;
	case K_BULLET:
		if (!is_string(v) || v->len > 16)
			expected(L, v, path, "a bullet character such as •");
		else
			*(const char **)field(s, k->off) = arena_strdup(s->arena, v->str);
		return;
	case K_STR_LIST:
		if (vita_node_is_null(v))
			return;
		if (v->kind != VITA_NODE_SEQ) {
			expected(L, v, path, "a list of section titles");
			return;
		}
		s->ntime_span_sections = 0; /* each file's list replaces the one before, as any value does */
		s->time_span_sections = arena_array(s->arena, v->n ? v->n : 1, sizeof *s->time_span_sections);
		for (size_t i = 0; i < v->n; i++) {
			if (v->kids[i]->kind != VITA_NODE_SCALAR) {
				expected(L, v->kids[i], path, "a section title");
				continue;
			}
			/* RenderCV compares in snake case: "Work Experience" is work_experience */
			char *t = arena_strdup(s->arena, v->kids[i]->str);
			for (char *p = t; *p; p++)
				*p = *p == ' ' ? '_' : (char)tolower((unsigned char)*p);
			s->time_span_sections[s->ntime_span_sections++] = t;
		}
		return;
	default:
		return;
	}
}

/* The kinds whose value is one of a fixed set of words. */
static void apply_choice(loader *L, const key *k, const vita_node *v)
{
	const char *path = k->path;
	vita_style *s = L->s;
	switch (k->k) {
	case K_PHONE: {
		static const char *const f[] = {"national", "international", "E164"};
		int i = pick(L, v, path, f, 3);
		if (i >= 0)
			s->phone_format = (vita_phone_format)i;
		return;
	}
	case K_EMOJI: {
		static const char *const e[] = {"keep", "drop"};
		int i = pick(L, v, path, e, 2);
		if (i >= 0)
			s->emoji_drop = i == 1;
		return;
	}
	case K_BODY_ALIGN: {
		static const char *const a[] = {"left", "justified", "justified-with-no-hyphenation"};
		int i = pick(L, v, path, a, 3);
		if (i >= 0) {
			s->alignment = i == 0 ? VITA_ALIGN_LEFT : VITA_ALIGN_JUSTIFIED;
			L->no_hyphenation = i == 2;
		}
		return;
	}
	case K_ALIGN: {
		static const char *const a[] = {"left", "center", "right"};
		static const vita_align m[] = {VITA_ALIGN_LEFT, VITA_ALIGN_CENTER, VITA_ALIGN_RIGHT};
		int i = pick(L, v, path, a, 3);
		if (i >= 0)
			*(vita_align *)field(s, k->off) = m[i];
		return;
	}
	case K_DIRECTION: {
		static const char *const a[] = {"auto", "ltr", "rtl"};
		int i = pick(L, v, path, a, 3);
		if (i >= 0)
			s->direction = (vita_direction)i;
		return;
	}
	case K_PHOTO_POS: {
		static const char *const a[] = {"left", "right"};
		int i = pick(L, v, path, a, 2);
		if (i >= 0)
			s->photo_left = i == 0;
		return;
	}
	case K_TITLE_TYPE: {
		static const char *const t[] = {"with_partial_line",
		                                "with_full_line",
		                                "without_line",
		                                "moderncv",
		                                "centered_without_line",
		                                "centered_with_partial_line",
		                                "centered_with_centered_partial_line",
		                                "centered_with_full_line"};
		int i = pick(L, v, path, t, sizeof t / sizeof t[0]);
		if (i >= 0)
			s->title_type = (vita_title_type)i;
		return;
	}
	case K_PAGE_SIZE: {
		const char *names[sizeof page_sizes / sizeof page_sizes[0]];
		for (size_t i = 0; i < sizeof page_sizes / sizeof page_sizes[0]; i++)
			names[i] = page_sizes[i].name;
		int i = pick(L, v, path, names, sizeof names / sizeof names[0]);
		if (i >= 0) {
			s->page_size = page_sizes[i].name;
			s->page_width = page_sizes[i].w;
			s->page_height = page_sizes[i].h;
			L->size_pos = v->pos;
			L->size_from_cv = L->in_cv;
		}
		return;
	}
	default:
		return;
	}
}

/* design.page.fit: N, fit_minimum.{spacing,font,margins}, fit_factor (src/render/fit.c). */
static void apply_fit(loader *L, const key *k, const vita_node *v)
{
	bool pages = k->k == K_FIT_PAGES;
	const char *what = pages ? "a whole number of pages from 1 to 99" : "a number from 0 to 1 (0.6 for 60%)";
	double x;
	if (v->kind != VITA_NODE_SCALAR) {
		expected(L, v, k->path, what);
		return;
	}
	if (!v->plain || !style_parse_number(v->str, pages ? 1 : 0, pages ? 99 : 1, pages, &x)) {
		vita_diag(L->d, VITA_ERROR, v->pos, "design.%s: expected %s, got `%s`", k->path, what, v->str);
		return;
	}
	if (pages) {
		L->s->fit_pages = (int)x;
		L->s->fit_pos = v->pos;
		return;
	}
	*(double *)field(L->s, k->off) = x;
	if (k->off == offsetof(vita_style, fit_factor)) {
		L->s->fit_factor_given = true;
		L->s->fit_pos = v->pos;
	}
}

static void apply_value(loader *L, int idx, const vita_node *v)
{
	const key *k = &style_key_table[idx];
	const char *path = k->path;
	vita_style *s = L->s;
	switch (k->k) {
	case K_THEME:
	case K_LOADER:
		return;
	case K_LEN:
		apply_length(L, idx, v);
		return;
	case K_BOOL:
		parse_bool(L, v, path, (bool *)field(s, k->off));
		return;
	case K_IGNORED_BOOL: {
		bool b;
		parse_bool(L, v, path, &b);
		return;
	}
	case K_FIT_PAGES:
	case K_FRACTION:
		apply_fit(L, k, v);
		return;
	case K_COLOR:
		if (!is_string(v))
			expected(L, v, path, "a colour such as rgb(0, 79, 144) or #004f90");
		else if (!style_parse_color(v->str, (vita_rgb *)field(s, k->off)))
			vita_diag(L->d, VITA_ERROR, v->pos,
			          "design.%s: `%s` is not a colour; write rgb(0, 79, 144), #004f90, #04f, "
			          "hsl(207, 100%%, 28%%) or a name such as black",
			          path, v->str);
		return;
	case K_FAMILY:
		if (!is_string(v))
			expected(L, v, path, "a font family name");
		else
			set_family(L, idx, v);
		return;
	case K_FAMILY_ALL:
		if (v->kind == VITA_NODE_MAP) {
			apply_map(L, v, path);
			return;
		}
		if (!is_string(v)) {
			expected(L, v, path, "a font family name or a mapping of them");
			return;
		}
		for (size_t i = 0; i < style_nkeys; i++)
			if (strncmp(style_key_table[i].path, "typography.font_family.", 23) == 0)
				set_family(L, (int)i, v);
		return;
	case K_STR:
	case K_TEMPLATE:
	case K_BULLET:
	case K_STR_LIST:
		apply_string(L, k, v);
		return;
	default:
		apply_choice(L, k, v);
		return;
	}
}

static void apply_map(loader *L, const vita_node *map, const char *prefix)
{
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const vita_node *k = map->kids[i], *v = map->kids[i + 1];
		if (k->kind != VITA_NODE_SCALAR) {
			vita_diag(L->d, VITA_ERROR, k->pos, "design keys must be names");
			continue;
		}
		char path[256];
		if (!join_path(path, sizeof path, prefix, k->str)) {
			unknown_key(L, k, prefix, k->str);
			continue;
		}
		int idx = find_key(path);
		if (idx >= 0 && !(v->kind == VITA_NODE_MAP && style_key_table[idx].k == K_FAMILY_ALL)) {
			apply_value(L, idx, v);
		} else if (is_group(path)) {
			if (v->kind == VITA_NODE_MAP)
				apply_map(L, v, path);
			else if (!vita_node_is_null(v))
				expected(L, v, path, "a mapping");
		} else {
			unknown_key(L, k, prefix, k->str);
		}
	}
}

/* ---- files and themes -------------------------------------------------------------------------- */

/* The tree of a style file: vita's own are compiled in (load/builtin.h), others read and parsed. */
static vita_node *parse_style_file(loader *L, const char *path)
{
	vita_node *root = vita_builtin_parse(L->s->arena, path, L->d);
	if (root)
		return root;
	size_t len;
	char *data = read_file(path, VITA_MAX_FILE_SIZE, &len, L->d);
	if (!data)
		return NULL;
	vita_diags_add_source(L->d, path, data, len);
	root = vita_yaml_parse(L->s->arena, path, data, len, NULL, L->d);
	free(data);
	return root;
}

/* Reads a style file: its design: mapping (in the style's arena), or NULL after an error. */
static const vita_node *read_style_file(loader *L, const char *path)
{
	vita_node *root = parse_style_file(L, path);
	if (!root)
		return NULL;
	const vita_node *design = vita_node_get(root, "design");
	if (!design || design->kind != VITA_NODE_MAP) {
		vita_diag(L->d, VITA_ERROR, root->pos, "a style file must hold a `design:` mapping");
		return NULL;
	}
	return design;
}

/* Reads styles/<name>.yaml and lays its design: mapping over the style. */
static bool apply_theme_file(loader *L, const char *path)
{
	const vita_node *design = read_style_file(L, path);
	if (!design)
		return false;
	apply_map(L, design, NULL);
	return true;
}

bool style_theme_name_ok(const char *t)
{
	if (!*t || strlen(t) > 64)
		return false;
	for (const char *p = t; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_' || *p == '-'))
			return false;
	return true;
}

/* One of vita's themes (a file in styles/, compiled in), not a custom one. */
static bool builtin_theme(const char *name)
{
	if (!style_theme_name_ok(name))
		return false;
	char rel[80];
	snprintf(rel, sizeof rel, "%s.yaml", name);
	if (vita_builtin_has(rel))
		return true;
	vita_buf b = {0};
	buf_printf(&b, "%s/styles/%s.yaml", vita_data_dir(), name);
	bool ok = access(buf_str(&b), R_OK) == 0;
	buf_free(&b);
	return ok;
}

/* The file of a theme vita has or of a custom theme beside the CV (style/custom.c), or NULL
 * (after a warning or an error). */
static char *theme_path(loader *L, const vita_node *tn, const char *theme, const char *cv_path)
{
	size_t nr = sizeof rendercv_themes / sizeof rendercv_themes[0];
	if (style_theme_name_ok(theme)) {
		char *p = arena_printf(L->s->arena, "%s/styles/%s.yaml", vita_data_dir(), theme);
		if (builtin_theme(theme))
			return p;
		for (size_t i = 0; i < nr; i++)
			if (strcmp(rendercv_themes[i], theme) == 0) {
				vita_diag(L->d, VITA_WARNING, tn->pos,
				          "theme `%s` is not available in vita yet; using classic", theme);
				return NULL;
			}
		bool reported;
		char *c = style_custom_theme(cv_path, theme, tn->pos, L->d, &reported);
		if (c || reported) {
			p = c ? arena_strdup(L->s->arena, c) : NULL;
			free(c);
			return p;
		}
	}
	const char *near = vita_suggest(theme, rendercv_themes, nr);
	vita_buf names = {0};
	if (near)
		buf_printf(&names, " (did you mean `%s`?)", near);
	buf_puts(&names, "; the themes are ");
	for (size_t i = 0; i < nr; i++)
		buf_printf(&names, "%s%s", i ? ", " : "", rendercv_themes[i]);
	if (style_theme_name_ok(theme))
		vita_diag(L->d, VITA_ERROR, tn->pos,
		          "unknown theme `%s`%s; or a custom theme beside the CV: %s.yaml or %s/theme.yaml, a vita "
		          "style file (`vita themes` lists them)",
		          theme, buf_str(&names), theme, theme);
	else
		vita_diag(L->d, VITA_ERROR, tn->pos,
		          "unknown theme `%s`%s; a theme's name (a custom theme's too) is lowercase letters, digits, "
		          "`_` and `-`",
		          theme, buf_str(&names));
	buf_free(&names);
	return NULL;
}

/* A custom theme: laid over classic (already applied), or over the theme its own design.theme
 * names (`theme: sb2nov`, as a RenderCV design block names its theme), which must be one of
 * vita's; then its own keys. */
static bool apply_custom_theme(loader *L, const char *path, const char *name)
{
	const vita_node *design = read_style_file(L, path);
	if (!design)
		return false;
	const vita_node *base = vita_node_get(design, "theme");
	if (base && !vita_node_is_null(base)) {
		if (!is_string(base)) {
			expected(L, base, "theme", "the name of the theme it builds on, such as sb2nov");
			return false;
		}
		if (!builtin_theme(base->str)) {
			size_t nr = sizeof rendercv_themes / sizeof rendercv_themes[0];
			const char *near = vita_suggest(base->str, rendercv_themes, nr);
			vita_buf names = {0};
			for (size_t i = 0; i < nr; i++)
				buf_printf(&names, "%s%s", i ? ", " : "", rendercv_themes[i]);
			vita_diag(L->d, VITA_ERROR, base->pos,
			          "design.theme: custom theme `%s` builds on `%s`, which is not one of vita's themes%s%s%s; "
			          "a custom theme is laid over one of: %s",
			          name, base->str, near ? " (did you mean `" : "", near ? near : "", near ? "`?)" : "",
			          buf_str(&names));
			buf_free(&names);
			return false;
		}
		if (strcmp(base->str, "classic") != 0 &&
		    !apply_theme_file(L, arena_printf(L->s->arena, "%s/styles/%s.yaml", vita_data_dir(), base->str)))
			return false;
	}
	apply_map(L, design, NULL);
	return true;
}

/* The fonts/ folder beside the CV, as RenderCV reads it (its font files join Typst's font paths):
 * its families come before vita's.  Under confinement (vita build, --untrusted) a user's font
 * files are not read — a font is a complex binary format, and a service's fonts are its own — so
 * the folder is named in a warning and the theme's fonts are used. */
static const char *cv_fonts_dir(loader *L, const vita_cv *cv)
{
	if (!cv || !cv->path)
		return NULL;
	const char *slash = strrchr(cv->path, '/');
	char *dir = slash ? arena_printf(L->s->arena, "%.*s/fonts", (int)(slash - cv->path), cv->path)
	                  : arena_strdup(L->s->arena, "fonts");
	struct stat sb;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return NULL;
	if (vita_env_get()->confined) {
		vita_diag(L->d, VITA_WARNING, (vita_pos){dir, 0, 0},
		          "the fonts beside the CV are not used under vita build or --untrusted (user font files "
		          "are refused); the theme's fonts are used");
		return NULL;
	}
	char *real = realpath(dir, NULL);
	const char *r = real ? arena_strdup(L->s->arena, real) : NULL;
	free(real);
	return r;
}

vita_style *vita_style_load(const vita_cv *cv, vita_diags *d)
{
	style_keys_ready();
	vita_arena *a = arena_new();
	vita_style *s = arena_alloc(a, sizeof *s);
	s->arena = a;
	loader *L = xcalloc(1, sizeof *L);
	L->s = s;
	L->d = d;
	size_t errors = vita_diags_count(d, VITA_ERROR);

	const vita_node *design = cv ? cv->design : NULL;
	if (design && design->kind != VITA_NODE_MAP) {
		if (!vita_node_is_null(design))
			vita_diag(d, VITA_ERROR, design->pos, "design: expected a mapping, got %s",
			          vita_node_type_name(design));
		design = NULL;
	}
	const char *theme = "classic";
	const vita_node *tn = vita_node_get(design, "theme");
	if (tn && !is_string(tn))
		expected(L, tn, "theme", "a theme name such as classic");
	else if (tn)
		theme = tn->str;

	char *classic = arena_printf(a, "%s/styles/classic.yaml", vita_data_dir());
	if (apply_theme_file(L, classic)) {
		s->theme = "classic";
		if (strcmp(theme, "classic") != 0) {
			char *p = theme_path(L, tn, theme, cv ? cv->path : NULL);
			if (p && (builtin_theme(theme) ? apply_theme_file(L, p) : apply_custom_theme(L, p, theme)))
				s->theme = arena_strdup(a, theme);
		}
		if (design) {
			L->in_cv = true;
			apply_map(L, design, NULL);
		}
		s->cv_fonts = cv_fonts_dir(L, cv);
		style_resolve(L);
	}
	free(L);
	if (vita_diags_count(d, VITA_ERROR) > errors) {
		arena_free(a);
		return NULL;
	}
	return s;
}

void vita_style_free(vita_style *s)
{
	if (s)
		arena_free(s->arena);
}

/* For `vita schema` (style/jsonschema.c): the themes and the page sizes, by name. */
const char *style_theme_name(size_t i)
{
	return i < sizeof rendercv_themes / sizeof rendercv_themes[0] ? rendercv_themes[i] : NULL;
}

const char *style_page_size_name(size_t i)
{
	return i < sizeof page_sizes / sizeof page_sizes[0] ? page_sizes[i].name : NULL;
}
