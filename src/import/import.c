/*
 * `vita import`: reads profiles as people keep them (BibTeX, homepage Markdown, the text of a PDF
 * CV) into the CV model, one reader per format, and hands the result to write_yaml.c.
 *
 * This file holds the public entry points, the detection of a file's format by its content, and
 * the model-building helpers the readers share (import.h).  Several files are merged into one CV
 * in the order given; the owner named with --owner becomes the CV's name when no source names one
 * (vita then finds the owner among authors by name, as for a hand-written CV).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "import/import.h"
#include "io/io.h"
#include "load/inline.h"
#include "normalize/normalize.h"

const char vita_import_formats[] = "bibtex (a .bib file), homepage (Jekyll/Hugo Markdown such as "
                                   "academicpages, AcadHomepage or al-folio about.md), cvtext (the "
                                   "text of a PDF CV), alfolio-cv (al-folio's _data/cv.yml), "
                                   "jsonresume (a resume.json), collection (an academicpages "
                                   "_publications/ or _talks/ item), hugo-author (a Hugo Blox "
                                   "content/authors/NAME/_index.md), hugo-publication (a Hugo Blox "
                                   "content/publication/NAME/index.md), and a site folder (holding "
                                   "_config.yml or config/_default/)";

/* ---- growing arrays in the arena: capacity is the next power of two of the count ---- */

void *imp_grow(imp *m, void *arr, size_t n, size_t size)
{
	/* Full when n is 0 or a power of two from 4 on. */
	if (n != 0 && (n < 4 || (n & (n - 1)) != 0))
		return arr;
	size_t cap = n ? 2 * n : 4;
	void *na = arena_array(m->L.a, cap, size);
	if (n)
		memcpy(na, arr, n * size);
	return na;
}

/* ---- model helpers ---- */

vita_text imp_text(imp *m, const char *md, vita_pos pos)
{
	vita_text t = {0};
	t.pos = pos;
	if (!md)
		return t;
	return make_text(&m->L, md, strlen(md), pos);
}

vita_section *imp_section(imp *m, const char *title, vita_pos pos, vita_entry_kind k)
{
	vita_cv *cv = m->L.cv;
	/* A section is a YAML key: it needs text, and a second "Awards" gets a number — compared
	 * once normalized (two spellings of a title may repair to the same text). */
	size_t tl = 0;
	const char *t = title ? imp_trim(title, &tl) : "";
	const char *base = tl ? vita_normalize(m->L.a, t, tl, pos, m->L.d)
	                      : arena_printf(m->L.a, "Section %zu", cv->nsections + 1);
	title = base;
	for (int n = 2; imp_find_section(m, title) || !*title; n++)
		title = arena_printf(m->L.a, "%s (%d)", base, n);
	cv->sections = imp_grow(m, cv->sections, cv->nsections, sizeof *cv->sections);
	vita_section *s = &cv->sections[cv->nsections++];
	memset(s, 0, sizeof *s);
	s->title = imp_text(m, title, pos);
	s->key = s->title.md ? s->title.md : "";
	s->kind = k;
	s->pos = pos;
	return s;
}

vita_section *imp_find_section(imp *m, const char *title)
{
	vita_cv *cv = m->L.cv;
	for (size_t i = 0; i < cv->nsections; i++)
		if (cv->sections[i].title.md && strcmp(cv->sections[i].title.md, title) == 0)
			return &cv->sections[i];
	return NULL;
}

vita_entry *imp_entry(imp *m, vita_section *s, vita_pos pos)
{
	s->entries = imp_grow(m, s->entries, s->nentries, sizeof *s->entries);
	vita_entry *e = &s->entries[s->nentries++];
	memset(e, 0, sizeof *e);
	e->kind = s->kind;
	e->pos = pos;
	return e;
}

void imp_author(imp *m, vita_entry *e, const char *raw, vita_pos pos)
{
	char *name, *notes;
	bool marked;
	parse_author(raw, &name, &marked, &notes);
	if (*name) {
		e->authors = imp_grow(m, e->authors, e->nauthors, sizeof *e->authors);
		vita_author *a = &e->authors[e->nauthors++];
		memset(a, 0, sizeof *a);
		a->name = make_text(&m->L, name, strlen(name), pos);
		a->owner = a->owner_marked = marked;
		a->notes = vita_normalize(m->L.a, notes, strlen(notes), pos, m->L.d);
	}
	free(name);
	free(notes);
}

void imp_highlight(imp *m, vita_entry *e, const char *md, vita_pos pos)
{
	size_t n;
	const char *s = imp_trim(md, &n);
	if (!n)
		return;
	e->highlights = imp_grow(m, e->highlights, e->nhighlights, sizeof *e->highlights);
	vita_highlight *h = &e->highlights[e->nhighlights++];
	memset(h, 0, sizeof *h);
	h->text = make_text(&m->L, s, n, pos);
}

static vita_connection *add_conn(imp *m, vita_conn_kind k, vita_pos pos)
{
	vita_cv *cv = m->L.cv;
	for (size_t i = 0; i < cv->nconnections; i++)
		if (cv->connections[i].kind == k)
			return NULL; /* one of each kind: the first the sources give */
	cv->connections = imp_grow(m, cv->connections, cv->nconnections, sizeof *cv->connections);
	vita_connection *c = &cv->connections[cv->nconnections++];
	memset(c, 0, sizeof *c);
	c->kind = k;
	c->pos = pos;
	return c;
}

/* A contact the loader would refuse: said, and kept for the comments. */
static bool bad_contact(imp *m, const char *what, const char *s, vita_pos pos)
{
	vita_diag(m->L.d, VITA_WARNING, pos, "\"%s\" is not %s; it is listed as not imported", s, what);
	imp_unmapped_add(m, pos, s, strlen(s));
	return true;
}

void imp_email(imp *m, const char *addr, vita_pos pos)
{
	if (!valid_email(addr) && bad_contact(m, "an email address", addr, pos))
		return;
	vita_connection *c = add_conn(m, VITA_CONN_EMAIL, pos);
	if (!c)
		return;
	c->text = arena_strdup(m->L.a, addr);
	c->url = arena_printf(m->L.a, "mailto:%s", addr);
}

void imp_website(imp *m, const char *url, vita_pos pos)
{
	if ((strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0) || strpbrk(url, " \t") ||
	    strlen(url) > VITA_MAX_URL_BYTES) {
		bad_contact(m, "an http or https link", url, pos);
		return;
	}
	vita_connection *c = add_conn(m, VITA_CONN_WEBSITE, pos);
	if (!c)
		return;
	size_t n;
	const char *shown = vita_url_shown(url, &n);
	c->url = arena_strdup(m->L.a, url);
	c->text = arena_strndup(m->L.a, shown, n);
}

void imp_github(imp *m, const char *user, vita_pos pos)
{
	if ((!*user || strpbrk(user, " \t")) && bad_contact(m, "a GitHub username", user, pos))
		return;
	vita_connection *c = add_conn(m, VITA_CONN_SOCIAL, pos);
	if (!c)
		return;
	c->network = "GitHub";
	c->text = arena_strdup(m->L.a, user);
	c->url = arena_printf(m->L.a, "https://github.com/%s", user);
}

void imp_unmapped_add(imp *m, vita_pos pos, const char *text, size_t len)
{
	const char *s = text;
	size_t n = len;
	while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (!n)
		return;
	m->unmapped = imp_grow(m, m->unmapped, m->nunmapped, sizeof *m->unmapped);
	m->unmapped[m->nunmapped].pos = pos;
	m->unmapped[m->nunmapped++].text = vita_normalize(m->L.a, s, n, pos, NULL);
}

const char *imp_add_source(imp *m, const char *path, const char *format)
{
	m->sources = imp_grow(m, m->sources, m->nsources, sizeof *m->sources);
	m->sources[m->nsources].path = arena_strdup(m->L.a, path);
	m->sources[m->nsources++].format = format;
	return m->sources[m->nsources - 1].path;
}

/* ---- detection by content ---- */

/* The first line that is not blank, after a front-matter block ("---" … "---") if any. */
static const char *first_content_line(const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	if (len >= 3 && memcmp(p, "---", 3) == 0) {
		const char *q = memchr(p, '\n', (size_t)(end - p));
		while (q && q + 1 < end) {
			q++;
			if ((size_t)(end - q) >= 3 && memcmp(q, "---", 3) == 0) {
				p = memchr(q, '\n', (size_t)(end - q));
				p = p ? p + 1 : end;
				break;
			}
			q = memchr(q, '\n', (size_t)(end - q));
		}
	}
	for (;;) { /* blanks, and BibTeX's % comment lines */
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
			p++;
		if (p >= end || *p != '%')
			break;
		p = memchr(p, '\n', (size_t)(end - p));
		if (!p)
			return NULL;
	}
	return p < end ? p : NULL;
}

/* Lines written in capitals (at least two letters, no lower-case letter): a PDF CV's headings. */
static size_t capital_lines(const char *data, size_t len)
{
	size_t count = 0;
	const char *p = data, *end = data + len;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		size_t upper = 0, lower = 0;
		for (const char *q = p; q < e; q++) {
			upper += *q >= 'A' && *q <= 'Z';
			lower += *q >= 'a' && *q <= 'z';
		}
		if (upper >= 4 && !lower && e - p < 60)
			count++;
		p = e + 1;
	}
	return count;
}

/* True when a line starts (after blanks) with "@word{" or "@word(": a BibTeX entry. */
static bool entry_line(const char *data, size_t len)
{
	const char *end = data + len;
	for (const char *p = data; p && p < end; p = memchr(p, '\n', (size_t)(end - p))) {
		while (p < end && (*p == '\n' || *p == ' ' || *p == '\t'))
			p++;
		if (p >= end || *p != '@')
			continue;
		const char *q = p + 1;
		while (q < end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
			q++;
		while (q < end && *q == ' ')
			q++;
		if (q > p + 1 && q < end && (*q == '{' || *q == '('))
			return true;
	}
	return false;
}

static const char *detect(const char *path, const char *data, size_t len)
{
	const char *site = imp_detect_site_part(path, data, len); /* site.c: cv.yml, resume.json, … */
	if (site)
		return site;
	const char *first = first_content_line(data, len);
	if (first && *first == '@')
		return "bibtex";
	if (len >= 4 && memcmp(data, "---", 3) == 0)
		return "homepage";
	if (entry_line(data, len)) /* comment text first, then entries */
		return "bibtex";
	for (const char *p = data; p && p < data + len; p = memchr(p, '\n', (size_t)(data + len - p))) {
		while (p < data + len && *p == '\n')
			p++;
		if (p < data + len && *p == '#' && strchr("# ", p[1] ? p[1] : 'x'))
			return "homepage";
	}
	if (capital_lines(data, len) >= 2)
		return "cvtext";
	return NULL;
}

bool imp_read_path(imp *m, const char *path, const char *from, vita_diags *d)
{
	if (imp_is_site(path))
		return (!from || strcmp(from, "site") == 0) ? imp_read_site(m, path, d)
		                                            : (vita_diag(d, VITA_ERROR, (vita_pos){path, 0, 0},
		                                                         "is a site folder, which is read as one "
		                                                         "profile; --from does not apply to it"),
		                                               false);
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		vita_diag(d, VITA_ERROR, (vita_pos){path, 0, 0},
		          "is a folder but not a site (it holds neither _config.yml nor config/_default/); "
		          "vita import reads a site folder or the files themselves");
		return false;
	}
	if (from && strcmp(from, "site") == 0) {
		vita_diag(d, VITA_ERROR, (vita_pos){path, 0, 0},
		          "--from site names a folder holding _config.yml (Jekyll) or config/_default/ (Hugo)");
		return false;
	}
	size_t len;
	char *data = read_file(path, 16u << 20, &len, d);
	if (!data)
		return false;
	vita_diags_add_source(d, path, data, len);
	bool ok = vita_check_encoding(path, data, len, d) == 0;
	const char *fmt = from ? from : ok ? detect(path, data, len) : NULL;
	if (ok && !fmt) {
		vita_diag(d, VITA_ERROR, (vita_pos){path, 0, 0},
		          "cannot tell which format this file is; vita import reads %s (name one with "
		          "--from)",
		          vita_import_formats);
		ok = false;
	}
	if (ok) {
		const char *apath = imp_add_source(m, path, fmt);
		m->L.path = apath;
		m->L.data = data;
		m->L.len = len;
		if (strcmp(fmt, "bibtex") == 0)
			ok = imp_read_bibtex(m, apath, data, len);
		else if (strcmp(fmt, "homepage") == 0)
			ok = imp_read_homepage(m, apath, data, len);
		else if (strcmp(fmt, "cvtext") == 0)
			ok = imp_read_cvtext(m, apath, data, len);
		else if (strcmp(fmt, "alfolio-cv") == 0)
			ok = imp_read_alfolio_cv(m, apath, data, len);
		else if (strcmp(fmt, "jsonresume") == 0)
			ok = imp_read_jsonresume(m, apath, data, len);
		else if (strcmp(fmt, "collection") == 0)
			ok = imp_read_collection_item(m, apath, data, len);
		else if (strcmp(fmt, "hugo-publication") == 0)
			ok = imp_read_hugo_publication(m, apath, data, len);
		else
			ok = imp_read_hugo_author(m, apath, data, len);
		free(m->L.lines);
		m->L.lines = NULL;
		m->L.nlines = 0;
		m->L.data = NULL;
	}
	free(data);
	return ok;
}

static bool known_format(const char *f)
{
	static const char *const names[] = {"bibtex", "homepage", "cvtext", "alfolio-cv", "jsonresume",
	                                    "collection", "hugo-author", "hugo-publication", "site", NULL};
	for (size_t i = 0; names[i]; i++)
		if (strcmp(f, names[i]) == 0)
			return true;
	return false;
}

/* An owner found by name (the sources mark no one) is not written **Name**: the file says
 * settings.bold_owner (write_yaml.c), vita's owner-matching key, so that it shows the source as it
 * is and finds the owner again when it loads; `vita dump --rendercv` writes the mark for RenderCV,
 * which has no such key.  Whom a source marks (<b>, <u>, **…**) stays marked. */
static void note_found_owners(vita_cv *cv)
{
	for (size_t si = 0; si < cv->nsections; si++)
		for (size_t ei = 0; ei < cv->sections[si].nentries; ei++)
			for (size_t ai = 0; ai < cv->sections[si].entries[ei].nauthors; ai++) {
				const vita_author *au = &cv->sections[si].entries[ei].authors[ai];
				if (au->owner && !au->owner_marked)
					cv->settings.bold_owner = true;
			}
}

vita_imported *vita_import(const char *const *paths, size_t npaths, const vita_import_opts *opts,
                           vita_diags *d)
{
	const char *from = opts ? opts->from : NULL;
	if (from && !known_format(from)) {
		vita_diag(d, VITA_ERROR, (vita_pos){0}, "unknown format \"%s\"; vita import reads %s", from,
		          vita_import_formats);
		return NULL;
	}
	vita_arena *a = arena_new();
	imp *m = arena_alloc(a, sizeof *m);
	vita_cv *cv = arena_alloc(a, sizeof *cv);
	cv->arena = a;
	cv->path = arena_strdup(a, npaths ? paths[0] : "");
	locale_english(&cv->locale);
	cv->settings.current_date = today_date();
	m->L = (loader){.a = a, .d = d, .cv = cv, .path = cv->path, .match_owner = true, .start_key = "start_date",
	                .end_key = "end_date"};
	m->derived = "";
	size_t errors = vita_diags_count(d, VITA_ERROR);
	bool ok = true;
	const char *owner = opts ? opts->owner : NULL;
	if (opts && opts->overlay) { /* it may name the sources and the owner */
		ok = imp_overlay_read(m, opts->overlay);
		if (ok && !npaths) {
			paths = m->osources;
			npaths = m->nosources;
		}
		if (!owner)
			owner = m->oowner;
		if (ok && !npaths) {
			vita_diag(d, VITA_ERROR, (vita_pos){opts->overlay, 0, 0},
			          "no file to import: name one, or the overlay's `source:`");
			ok = false;
		}
	}
	bool read = ok; /* every file, even after one failed, so that each one's errors are said */
	for (size_t i = 0; read && i < npaths; i++)
		ok &= imp_read_path(m, paths[i], from, d);
	imp_order_connections(m);
	if (!cv->name.md && owner && *owner) {
		cv->name = imp_text(m, owner, (vita_pos){0});
		const char *how = opts->owner ? "the name is the owner given with --owner"
		                              : "the name is the owner the hand corrections give (`owner:`)";
		m->derived = *m->derived ? arena_printf(a, "%s; %s", m->derived, how) : how;
	}
	finish_cv(&m->L);
	note_found_owners(cv);
	if (ok && m->overlay && vita_diags_count(d, VITA_ERROR) == errors)
		ok = imp_overlay_apply(m);
	if (!ok || vita_diags_count(d, VITA_ERROR) > errors) {
		vita_imported_free(m);
		return NULL;
	}
	return m;
}

const vita_cv *vita_imported_cv(const vita_imported *im)
{
	return im->L.cv;
}

void vita_imported_free(vita_imported *im)
{
	if (im) {
		free(im->out_dir);
		free(im->corrected);
		arena_free(im->L.a);
	}
}

/* ---- render and build read importable files directly ---- */

bool vita_profile_is_imported(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	if (imp_is_site(path))
		return true;
	if (!dot || (slash && dot < slash))
		return false;
	static const char *const exts[] = {".md", ".markdown", ".bib", ".txt"};
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (strcasecmp(dot, exts[i]) == 0)
			return true;
	return false;
}

bool vita_profile_is_site(const char *path)
{
	return imp_is_site(path);
}

vita_cv *vita_profile_load(const char *path, vita_diags *d)
{
	return vita_profile_load_opts(path, NULL, d);
}

vita_cv *vita_profile_load_opts(const char *path, const vita_load_opts *o, vita_diags *d)
{
	if (!vita_profile_is_imported(path))
		return vita_cv_load_opts(path, o, d);
	if (o && (o->noverrides || o->design_file || o->locale_file || o->settings_file))
		vita_diag(d, VITA_WARNING, (vita_pos){path, 0, 0},
		          "the overrides and --design/--locale-catalog/--settings files apply to YAML and JSON CVs; "
		          "this file is imported, so they are not used (vita import it first to combine them)");
	const char *paths[] = {path};
	vita_imported *im = vita_import(paths, 1, NULL, d);
	if (!im)
		return NULL;
	size_t unmapped = 0, total = 0;
	vita_imported_words(im, &unmapped, &total);
	if (unmapped)
		vita_diag(d, VITA_WARNING, (vita_pos){path, 0, 0},
		          "%zu of %zu visible words of this %s were not imported and are not shown; "
		          "`vita import %s` writes the CV as YAML, with them listed at the end",
		          unmapped, total, vita_profile_is_site(path) ? "site" : "file", path);
	/* the CV owns the importer's arena, which holds the importer's state too */
	return im->L.cv;
}
