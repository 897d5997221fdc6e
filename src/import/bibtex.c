/*
 * The BibTeX reader: a .bib file → publication entries, parsed by Debian's libbtparse (not by hand).
 *
 * btparse does the lexing, @string macros and their expansion, `#` concatenation, and the
 * splitting of `and`-separated names into First/von/Last/Jr in both "First Last" and "Last, First"
 * orders; vita decodes the TeX in the values (tex.c), maps the fields (title, author, journal /
 * booktitle / school / institution / publisher / howpublished, year + month, doi, url, eprint),
 * and lists every other field as not imported.  A Jekyll front-matter block before the first entry
 * (al-folio's papers.bib starts with "---\n---") is blanked out with its lines kept.
 *
 * btparse keeps global state (the macro table, the lexer) and prints its messages on stderr, so a
 * whole file is parsed under one mutex (vita build runs threads), with stderr redirected to a
 * temporary file that is read back and turned into vita diagnostics at the file's line and
 * column (a line that is not btparse's — another thread's output — is passed on to stderr).  Unknown macros, runaway strings and syntax errors are errors; a duplicate key too.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <btparse.h>

#include "base/base.h"

/* libbtparse, opened with the first .bib file (base.h, vita_dl_bind; under bt_lock).  Opened
 * RTLD_LOCAL, its lexer's calls of its own exported `comment` resolve in its own scope, whatever
 * other library (libxml2) exports the name. */
#define BT_FUNCS(X)                                                                                 \
	X(bt_initialize) X(bt_set_stringopts) X(bt_delete_all_macros) X(bt_add_macro_text)               \
	X(bt_delete_macro) X(bt_macro_length) X(bt_macro_text) X(bt_next_macro) X(bt_parse_entry) X(bt_free_ast)          \
	X(bt_entry_metatype) X(bt_entry_type) X(bt_entry_key) X(bt_next_field) X(bt_next_value)          \
	X(bt_postprocess_field) X(bt_split_list) X(bt_free_list) X(bt_split_name) X(bt_free_name)
typedef struct {
	BT_FUNCS(VITA_DL_POINTER)
	bool tried, ok;
} bt_lib;
static bt_lib bl;

VITA_DL_BINDER(bl_bind, bt_lib, BT_FUNCS, "libbtparse.so.2")

static bool bl_open(void)
{
	if (!bl.tried) {
		bl.tried = true;
		bl.ok = bl_bind(&bl);
	}
	return bl.ok;
}

/* From here on the names call through the table. */
#define bt_initialize (*bl.bt_initialize)
#define bt_set_stringopts (*bl.bt_set_stringopts)
#define bt_delete_all_macros (*bl.bt_delete_all_macros)
#define bt_add_macro_text (*bl.bt_add_macro_text)
#define bt_delete_macro (*bl.bt_delete_macro)
#define bt_macro_length (*bl.bt_macro_length)
#define bt_macro_text (*bl.bt_macro_text)
#define bt_next_macro (*bl.bt_next_macro)
#define bt_parse_entry (*bl.bt_parse_entry)
#define bt_free_ast (*bl.bt_free_ast)
#define bt_entry_metatype (*bl.bt_entry_metatype)
#define bt_entry_type (*bl.bt_entry_type)
#define bt_entry_key (*bl.bt_entry_key)
#define bt_next_field (*bl.bt_next_field)
#define bt_next_value (*bl.bt_next_value)
#define bt_postprocess_field (*bl.bt_postprocess_field)
#define bt_split_list (*bl.bt_split_list)
#define bt_free_list (*bl.bt_free_list)
#define bt_split_name (*bl.bt_split_name)
#define bt_free_name (*bl.bt_free_name)

#include "import/bibtext.h"
#include "import/import.h"
#include "import/tex.h"
#include "normalize/normalize.h"

static pthread_mutex_t bt_lock = PTHREAD_MUTEX_INITIALIZER;

static bool bt_ready;

/* ---- one entry ---- */

enum { F_TITLE, F_AUTHOR, F_JOURNAL, F_BOOKTITLE, F_PUBLISHER, F_SCHOOL, F_INSTITUTION,
       F_HOWPUBLISHED, F_YEAR, F_MONTH, F_DOI, F_URL, F_EPRINT, F_ARCHIVE, F_NOTE, F_KEYWORDS,
       F_SELECTED, F_EDITOR, F_COUNT };
static const char *const field_names[F_COUNT] = {
    "title", "author", "journal", "booktitle", "publisher", "school", "institution",
    "howpublished", "year", "month", "doi", "url", "eprint", "archiveprefix", "note", "keywords",
    "selected", "editor"};

typedef struct bibrec {
	char *v[F_COUNT];
	vita_pos p[F_COUNT];
	const char *type;
	vita_pos pos;
} bibrec;

static vita_text tex_text(imp *m, const char *s, vita_pos pos)
{
	vita_buf b = {0}, unknown = {0};
	tex_to_md(s, strlen(s), &b, &unknown);
	if (unknown.len) {
		bool one = !strchr(buf_str(&unknown), ',');
		vita_buf shown = {0}; /* a name may hold what a terminal must not get raw */
		buf_put_visible(&shown, unknown.data, unknown.len, false);
		vita_diag(m->L.d, VITA_WARNING, pos, "BibTeX: unknown TeX command%s %s; %s kept as plain text",
		          one ? "" : "s", buf_str(&shown), one ? "its argument is" : "their arguments are");
		buf_free(&shown);
	}
	buf_free(&unknown);
	vita_text t = imp_text(m, buf_str(&b), pos);
	buf_free(&b);
	return t;
}

/* Whether btparse's split is usable: the parts fit in its token list (with too many commas in a
 * name btparse 0.89 reports lengths beyond it). */
static bool sane_name(const bt_name *nm)
{
	int total = 0, ntok = nm->tokens ? nm->tokens->num_items : 0;
	for (int k = 0; k < BT_MAX_NAMEPARTS; k++) {
		if (nm->part_len[k] < 0 || (nm->part_len[k] && !nm->parts[k]))
			return false;
		total += nm->part_len[k];
	}
	return total <= ntok;
}

/* "First von Last, Jr" from btparse's split, each token TeX-decoded. */
static void add_authors(imp *m, vita_entry *e, char *list, vita_pos pos)
{
	bt_stringlist *names = bt_split_list(list, "and", (char *)pos.file, pos.line, "name");
	if (!names)
		return;
	for (int i = 0; i < names->num_items; i++) {
		if (!names->items[i])
			continue;
		vita_buf raw = {0};
		if (strcmp(names->items[i], "others") == 0)
			buf_puts(&raw, "et al.");
		else {
			bt_name *nm = bt_split_name(names->items[i], (char *)pos.file, pos.line, i);
			static const bt_namepart order[] = {BTN_FIRST, BTN_VON, BTN_LAST, BTN_JR};
			if (nm && !sane_name(nm)) { /* btparse's split of a malformed name: the name as written */
				bt_free_name(nm);
				nm = NULL;
				tex_to_md(names->items[i], strlen(names->items[i]), &raw, NULL);
			}
			for (int k = 0; nm && k < 4; k++)
				for (int t = 0; nm->parts[order[k]] && t < nm->part_len[order[k]]; t++) {
					const char *tok = nm->parts[order[k]][t];
					if (!tok) /* btparse leaves a token out of a malformed name */
						continue;
					if (order[k] == BTN_JR && t == 0)
						buf_puts(&raw, ",");
					if (raw.len)
						buf_putc(&raw, ' ');
					tex_to_md(tok, strlen(tok), &raw, NULL);
				}
			if (nm)
				bt_free_name(nm);
		}
		imp_author(m, e, buf_str(&raw), pos);
		buf_free(&raw);
	}
	bt_free_list(names);
}

/* year (+ month) → the date, read as the loader reads `date:` so that the YAML loads back the
 * same: YYYY / YYYY-MM / YYYY-MM-DD, "present", or free text ("2021a", "in press"); a malformed
 * strict form ("2020-13") is not a date and goes to the comments with a warning. */
static void set_date(imp *m, bibrec *r, vita_entry *e)
{
	const char *y = r->v[F_YEAR];
	if (!y || !*y)
		return;
	vita_date d = {0};
	const char *why = parse_exact_date(y, &d);
	if (why && *why) {
		vita_diag(m->L.d, VITA_WARNING, r->p[F_YEAR], "BibTeX: year \"%s\": %s; it is not imported",
		          y, why);
		char *t = xmalloc(strlen(y) + 16);
		sprintf(t, "year = {%s}", y);
		imp_unmapped_add(m, r->p[F_YEAR], t, strlen(t));
		free(t);
		return;
	}
	if (!why) {
		e->date = d;
		if (!d.month && r->v[F_MONTH]) {
			int mo = imp_month(r->v[F_MONTH], strlen(r->v[F_MONTH]));
			if (!mo && atoi(r->v[F_MONTH]) >= 1 && atoi(r->v[F_MONTH]) <= 12)
				mo = atoi(r->v[F_MONTH]);
			e->date.month = mo;
		}
	} else if (strcasecmp(y, "present") == 0)
		e->date.kind = VITA_DATE_PRESENT;
	else {
		e->date.kind = VITA_DATE_TEXT; /* "2021a", "in press": kept as written */
		e->date.text = vita_normalize(m->L.a, y, strlen(y), r->p[F_YEAR], m->L.d);
	}
	e->date.pos = r->p[F_YEAR];
}

/* The venue: journal, booktitle, a thesis' school, a report's institution, a book's publisher. */
static void set_venue(imp *m, bibrec *r, vita_entry *e)
{
	static const struct { int f; const char *type, *prefix; } venues[] = {
	    {F_JOURNAL, NULL, ""},          {F_BOOKTITLE, NULL, ""},
	    {F_SCHOOL, "phdthesis", "Ph.D. thesis, "}, {F_SCHOOL, "mastersthesis", "Master's thesis, "},
	    {F_SCHOOL, NULL, ""},           {F_INSTITUTION, "techreport", "Technical report, "},
	    {F_INSTITUTION, NULL, ""},      {F_PUBLISHER, NULL, ""}, {F_HOWPUBLISHED, NULL, ""},
	};
	for (size_t i = 0; i < sizeof venues / sizeof *venues; i++) {
		const char *v = r->v[venues[i].f];
		if (!v || (venues[i].type && strcasecmp(r->type, venues[i].type) != 0))
			continue;
		char *s = xmalloc(strlen(v) + 32);
		sprintf(s, "%s%s", venues[i].prefix, v);
		e->journal = tex_text(m, s, r->p[venues[i].f]);
		free(s);
		r->v[venues[i].f] = NULL; /* mapped: a second venue field stays for the comments */
		free((char *)v);
		return;
	}
	if (r->v[F_EPRINT])
		e->journal = imp_text(m, arena_printf(m->L.a, "arXiv preprint arXiv:%s", r->v[F_EPRINT]),
		                      r->p[F_EPRINT]);
}

static void set_links(imp *m, bibrec *r, vita_entry *e)
{
	const char *doi = r->v[F_DOI];
	if (doi) {
		static const char *const pre[] = {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
		                                  "http://dx.doi.org/", "doi:", NULL};
		for (size_t i = 0; pre[i]; i++)
			if (strncasecmp(doi, pre[i], strlen(pre[i])) == 0)
				doi += strlen(pre[i]);
		if (valid_doi(doi)) {
			e->doi = arena_strdup(m->L.a, doi);
			e->doi_pos = r->p[F_DOI];
		} else
			vita_diag(m->L.d, VITA_WARNING, r->p[F_DOI],
			          "BibTeX: \"%s\" is not a DOI (10.…/…); it is not imported", r->v[F_DOI]);
	}
	const char *url = r->v[F_URL];
	if (url && (strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0) &&
	    !strchr(url, ' ')) {
		e->url = arena_strdup(m->L.a, url);
		e->url_pos = r->p[F_URL];
	} else if (url)
		vita_diag(m->L.d, VITA_WARNING, r->p[F_URL],
		          "BibTeX: url \"%s\" is not an http or https link; it is not imported", url);
	else if (r->v[F_EPRINT] && !strchr(r->v[F_EPRINT], ' ')) {
		e->url = arena_printf(m->L.a, "https://arxiv.org/abs/%s", r->v[F_EPRINT]);
		e->url_pos = r->p[F_EPRINT];
	}
}

static bool keep(const bibrec *r, const imp_bib_opts *o)
{
	if (o->selected_only && (!r->v[F_SELECTED] || strcasecmp(r->v[F_SELECTED], "true") != 0))
		return false;
	if (!o->keywords)
		return true;
	const char *kw = r->v[F_KEYWORDS] ? r->v[F_KEYWORDS] : "";
	for (size_t i = 0; i < o->nkeywords; i++) {
		size_t n = strlen(o->keywords[i]);
		for (const char *p = kw; *p;) {
			while (*p == ' ' || *p == ',' || *p == ';')
				p++;
			size_t l = strcspn(p, ",;");
			size_t t = l;
			while (t && p[t - 1] == ' ')
				t--;
			if (t == n && strncasecmp(p, o->keywords[i], n) == 0)
				return true;
			p += l;
		}
	}
	return false;
}

static void map_entry(imp *m, bibrec *r, vita_section *sec, const imp_bib_opts *o)
{
	if (!keep(r, o))
		return;
	if (!r->v[F_TITLE]) {
		vita_diag(m->L.d, VITA_WARNING, r->pos, "BibTeX: this @%s has no title; it is not imported",
		          r->type);
		return;
	}
	vita_entry *e = imp_entry(m, sec, r->pos);
	e->title = tex_text(m, r->v[F_TITLE], r->p[F_TITLE]);
	if (r->v[F_AUTHOR])
		add_authors(m, e, r->v[F_AUTHOR], r->p[F_AUTHOR]);
	else if (r->v[F_EDITOR]) { /* an edited volume: its editors are its people */
		add_authors(m, e, r->v[F_EDITOR], r->p[F_EDITOR]);
		free(r->v[F_EDITOR]);
		r->v[F_EDITOR] = NULL;
	}
	set_venue(m, r, e);
	set_date(m, r, e);
	set_links(m, r, e);
	if (r->v[F_NOTE])
		e->summary = tex_text(m, r->v[F_NOTE], r->p[F_NOTE]);
	/* A second venue field, and the fields used only for selection, go to the comments. */
	static const int rest[] = {F_BOOKTITLE, F_PUBLISHER, F_SCHOOL, F_INSTITUTION, F_HOWPUBLISHED,
	                           F_KEYWORDS, F_SELECTED, F_EDITOR};
	for (size_t i = 0; o->record_unmapped && i < sizeof rest / sizeof *rest; i++) {
		const char *v = r->v[rest[i]];
		if (v && *v) {
			char *t = xmalloc(strlen(v) + 32);
			sprintf(t, "%s = {%s}", field_names[rest[i]], v);
			imp_unmapped_add(m, r->p[rest[i]], t, strlen(t));
			free(t);
		}
	}
}

static void add_month_macros(void)
{
	static const char *const mon[] = {"jan", "feb", "mar", "apr", "may", "jun",
	                                  "jul", "aug", "sep", "oct", "nov", "dec"};
	static const char *const full[] = {"January", "February", "March",     "April",
	                                   "May",     "June",     "July",      "August",
	                                   "September", "October", "November", "December"};
	for (int i = 0; i < 12; i++)
		bt_add_macro_text((char *)mon[i], (char *)full[i], NULL, 0);
}

/* @string macros that concatenate each other double at every definition (m2 = m1 # m1, ...): forty
 * lines of a 1 KB file asked btparse for terabytes (4 GB of memory in a minute, then killed).  After
 * each @string, the text all macros hold is bounded like the CV's expanded text (64 times the
 * file, at least 4 MiB); past it, an error at that @string and the rest of the file is not read. */
#define MACRO_GROWTH 64
#define MACRO_FLOOR ((size_t)4 << 20)
static size_t macro_budget(size_t len)
{
	return len * MACRO_GROWTH > MACRO_FLOOR ? len * MACRO_GROWTH : MACRO_FLOOR;
}

/* The bytes a field's value takes once its macros are expanded (btparse parses regular entries
 * unexpanded, see imp_bib_entries): `title = m # m # ...` with a 1 MB macro used 2000 times would
 * ask for 2 GB. */
static size_t expanded_length(AST *field)
{
	size_t n = 0;
	bt_nodetype t;
	char *text;
	for (AST *v = NULL; (v = bt_next_value(field, v, &t, &text)) != NULL;)
		if (text)
			n += t == BTAST_MACRO ? (size_t)bt_macro_length(text) : strlen(text);
	return n;
}

/* Reads the fields of one regular entry: known ones into r, the others into the comments. */
static void read_fields(imp *m, AST *entry, bibrec *r, const char *path, const char *data,
                        const imp_bib_opts *o, size_t budget)
{
	char *name;
	for (AST *f = NULL; (f = bt_next_field(entry, f, &name)) != NULL;) {
		size_t need = expanded_length(f);
		if (need > budget) {
			vita_diag(m->L.d, VITA_ERROR, (vita_pos){path, f->line, bib_col_of(data, f->line, name)},
			          "BibTeX: field `%s` expands to %zu bytes, past the limit of %zu (%d times the "
			          "file's size, at least %zu): a macro is repeated with # too often",
			          name, need, budget, MACRO_GROWTH, MACRO_FLOOR);
			continue;
		}
		char *val = bt_postprocess_field(f, BTO_FULL, 0);
		bib_unmask(val);
		vita_pos pos = {path, f->line, bib_col_of(data, f->line, name)};
		int k = 0;
		while (k < F_COUNT && strcasecmp(field_names[k], name) != 0)
			k++;
		if (k < F_COUNT && !r->v[k]) {
			r->v[k] = val ? val : xstrdup("");
			r->p[k] = pos;
			continue;
		}
		if (o->record_unmapped && val && *val) {
			char *t = xmalloc(strlen(name) + strlen(val) + 8);
			sprintf(t, "%s = {%s}", name, val);
			imp_unmapped_add(m, pos, t, strlen(t));
			free(t);
		}
		free(val);
	}
}

typedef struct seen_key {
	char *key;
	int line;
} seen_key;

/* True (after an error) when the key was used before in this file. */
static bool duplicate(imp *m, seen_key **keys, size_t *n, const char *key, vita_pos pos)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*keys)[i].key, key) == 0) {
			vita_diag(m->L.d, VITA_ERROR, pos,
			          "BibTeX: duplicate key \"%s\" (first used at line %d); each entry needs its own "
			          "key",
			          key, (*keys)[i].line);
			return true;
		}
	*keys = xrealloc(*keys, (*n + 1) * sizeof **keys);
	(*keys)[*n].key = xstrdup(key);
	(*keys)[(*n)++].line = pos.line;
	return false;
}

static void one_entry(imp *m, AST *entry, const char *path, const char *data, vita_section *sec,
                      const imp_bib_opts *o, seen_key **keys, size_t *nkeys, size_t budget)
{
	bibrec r = {0};
	r.type = bt_entry_type(entry);
	r.pos = (vita_pos){path, entry->line, bib_col_of(data, entry->line, "@")};
	char *key = bt_entry_key(entry);
	bib_unmask(key);
	if (!key || !duplicate(m, keys, nkeys, key, r.pos)) {
		read_fields(m, entry, &r, path, data, o, budget);
		map_entry(m, &r, sec, o);
	}
	for (int k = 0; k < F_COUNT; k++)
		free(r.v[k]);
}

/* A broken @string has still defined its macros, with values btparse itself then crashes on
 * when an entry uses them (strlen of NULL in bt_macro_length): they are deleted, so that a use
 * is reported as an undefined macro. */
static void forget_macros(AST *entry)
{
	char *name;
	for (AST *v = NULL; (v = bt_next_macro(entry, v, &name)) != NULL;)
		if (name)
			bt_delete_macro(name);
}

static bool macros_too_big(imp *m, AST *entry, const char *path, const char *data, size_t len,
                           size_t *total)
{
	char *name;
	for (AST *v = NULL; (v = bt_next_macro(entry, v, &name)) != NULL;) {
		if (!name)
			continue;
		/* btparse's recovery can leave a well-formed @string's macro without a value
		 * (`@string{x = 2U.LG}`), and bt_macro_length then takes strlen of NULL: deleted, so
		 * that a use is reported as an undefined macro. */
		const char *text = bt_macro_text(name, NULL, 0);
		if (text)
			*total += strlen(text);
		else
			bt_delete_macro(name);
	}
	size_t budget = macro_budget(len);
	if (*total <= budget)
		return false;
	vita_diag(m->L.d, VITA_ERROR, (vita_pos){path, entry->line, bib_col_of(data, entry->line, "@")},
	          "BibTeX: the @string macros expand past %zu bytes (%d times the file's %zu bytes, at "
	          "least %zu): macros that repeat each other with # grow too fast; the rest of the file "
	          "is not read",
	          budget, MACRO_GROWTH, len, MACRO_FLOOR);
	return true;
}

/* Every entry of the file.  btparse returns NULL at the end of the input but also after some
 * syntax errors before it, and keeps state per file that only a call at the end resets; a file
 * left half-read makes the next file "interleaved", which btparse answers with exit().  So: read
 * until NULL at EOF (a bounded number of calls: each one consumes input), then once more. */
static void parse_all(imp *m, FILE *in, size_t len, const char *path, const char *data,
                      vita_section *sec, const imp_bib_opts *o)
{
	seen_key *keys = NULL;
	size_t nkeys = 0, macro_bytes = 0;
	boolean ok;
	AST *entry;
	for (size_t guard = 0; guard < len + 2; guard++) {
		if ((entry = bt_parse_entry(in, (char *)path, 0, &ok)) == NULL) {
			if (feof(in))
				break;
			continue;
		}
		if (ok && bt_entry_metatype(entry) == BTE_REGULAR)
			one_entry(m, entry, path, data, sec, o, &keys, &nkeys, macro_budget(len));
		else if (!ok && bt_entry_metatype(entry) == BTE_MACRODEF)
			forget_macros(entry);
		else if (bt_entry_metatype(entry) == BTE_MACRODEF &&
		         macros_too_big(m, entry, path, data, len, &macro_bytes)) {
			bt_free_ast(entry);
			break;
		}
		bt_free_ast(entry);
	}
	while (fgetc(in) != EOF) /* only if the guard ran out */
		;
	if ((entry = bt_parse_entry(in, (char *)path, 0, &ok)) != NULL) /* the reset (its warning is */
		bt_free_ast(entry);                                          /* dropped in report_messages) */
	for (size_t i = 0; i < nkeys; i++)
		free(keys[i].key);
	free(keys);
}

static long date_key(const vita_entry *e)
{
	return e->date.kind == VITA_DATE_EXACT ? e->date.year * 13L + e->date.month : 0;
}

/* Newest first; file order among equal dates. */
static int cmp_desc(const void *pa, const void *pb)
{
	const vita_entry *a = pa, *b = pb;
	long ka = date_key(a), kb = date_key(b);
	if (ka != kb)
		return ka < kb ? 1 : -1;
	return (a->pos.line > b->pos.line) - (a->pos.line < b->pos.line);
}

/* Oldest first; file order among equal dates. */
static int cmp_asc(const void *pa, const void *pb)
{
	const vita_entry *a = pa, *b = pb;
	long ka = date_key(a), kb = date_key(b);
	if (ka != kb)
		return ka > kb ? 1 : -1;
	return (a->pos.line > b->pos.line) - (a->pos.line < b->pos.line);
}

static void sort_entries(vita_section *sec, size_t from, imp_sort s)
{
	if (s == IMP_SORT_NONE || sec->nentries - from < 2)
		return;
	qsort(sec->entries + from, sec->nentries - from, sizeof *sec->entries,
	      s == IMP_SORT_DATE_ASC ? cmp_asc : cmp_desc);
}

bool imp_bib_entries(imp *m, const char *path, const char *data, size_t len, vita_section *sec,
                     const imp_bib_opts *o)
{
	char *text = bib_blank_front_matter(data, len);
	bib_blank_between_entries(m, path, text, o->record_unmapped);
	FILE *in = fmemopen(text, len ? len : 1, "r");
	size_t errors = vita_diags_count(m->L.d, VITA_ERROR);
	size_t first = sec->nentries;
	if (!in) {
		free(text);
		vita_diag(m->L.d, VITA_ERROR, (vita_pos){path, 0, 0}, "cannot read the BibTeX text");
		return false;
	}
	pthread_mutex_lock(&bt_lock);
	if (!bl_open()) {
		pthread_mutex_unlock(&bt_lock);
		fclose(in);
		free(text);
		vita_diag(m->L.d, VITA_ERROR, (vita_pos){path, 0, 0},
		          "cannot read BibTeX: libbtparse.so.2 (Debian's libbtparse2) is not installed");
		return false;
	}
	if (!bt_ready) {
		bt_initialize();
		bt_ready = true;
	}
	bt_set_stringopts(BTE_REGULAR, 0); /* expanded by read_fields, once its size is known */
	bt_delete_all_macros();
	add_month_macros();
	fflush(stderr);
	FILE *msgs = tmpfile();
	int saved = msgs ? dup(2) : -1;
	if (saved >= 0)
		dup2(fileno(msgs), 2);
	parse_all(m, in, len, path, text, sec, o);
	fflush(stderr);
	if (saved >= 0) {
		dup2(saved, 2);
		close(saved);
	}
	bt_delete_all_macros();
	pthread_mutex_unlock(&bt_lock);
	if (msgs) {
		bib_report_messages(m, path, text, msgs);
		fclose(msgs);
	}
	fclose(in);
	free(text);
	sort_entries(sec, first, o->sort);
	return vita_diags_count(m->L.d, VITA_ERROR) == errors;
}

bool imp_read_bibtex(imp *m, const char *path, const char *data, size_t len)
{
	vita_section *sec = imp_find_section(m, "Publications");
	if (!sec)
		sec = imp_section(m, "Publications", (vita_pos){path, 1, 1}, VITA_ENTRY_PUBLICATION);
	imp_bib_opts o = {.sort = IMP_SORT_DATE_DESC, .record_unmapped = true};
	return imp_bib_entries(m, path, data, len, sec, &o);
}
