/*
 * Sections and entries: `cv.sections` → vita_section / vita_entry.
 *
 * RenderCV gives entries no type; it infers one from the keys an entry has, trying the kinds in a
 * fixed order, and a section takes the kind of its first entry that has one.  vita does the same
 * (same order, same characteristic keys) and adds the award kind: an entry with `title` and
 * `awarder`, `issuer` or a date but no `authors`, `doi` or `journal` (a title with authors is a
 * publication).  Required fields, field types, dates, DOIs, links and authors are checked here;
 * every entry keeps the keys RenderCV would pass to templates (vita_extra), except that a key
 * within a typo of a field of its kind is reported as the probable typo it is.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "load/inline.h"
#include "import/import.h"
#include "load/load_internal.h"
#include "normalize/normalize.h"
#include "vita/schema.h"

static const char *article(vita_entry_kind k)
{
	return vita_kind_def_of(k)->article;
}

/* "an education entry needs `institution` and `area`; …", from the schema table. */
static const char *how_kinds(loader *L)
{
	vita_buf b = {0};
	for (int k = 0; k < VITA_ENTRY_KIND_COUNT; k++) {
		const vita_kind_def *kd = vita_kind_def_of((vita_entry_kind)k);
		if (kd->needs && b.len)
			buf_printf(&b, "; %s %s", kd->name, kd->needs);
		else if (kd->needs)
			buf_printf(&b, "%s %s entry needs %s", kd->article, kd->name, kd->needs);
	}
	buf_puts(&b, "; a text entry is a plain string");
	const char *r = arena_strdup(L->a, buf_str(&b));
	buf_free(&b);
	return r;
}

static bool has(const vita_node *m, const char *key)
{
	const vita_node *v = vita_node_get(m, key);
	return v != NULL;
}

/* The first kind in the schema table's order (RenderCV's) one of whose marks the mapping has.  A
 * bare `title` (nothing else that tells a publication from an award) is an award when it has a
 * date, else ambiguous: it takes the kind of its section, and is a publication (which needs
 * authors, as in RenderCV) otherwise. */
static bool infer_kind(const vita_node *m, vita_entry_kind *k, bool *ambiguous)
{
	*ambiguous = false;
	for (int i = 0; i < VITA_ENTRY_KIND_COUNT; i++) {
		const vita_kind_def *kd = vita_kind_def_of((vita_entry_kind)i);
		for (const char *const *p = kd->marks; *p; p++)
			if (has(m, *p)) {
				*k = kd->kind;
				return true;
			}
		if (kd->kind == VITA_ENTRY_AWARD && has(m, "title")) {
			bool dated = has(m, "date") || has(m, "start_date") || has(m, "end_date");
			*k = dated ? VITA_ENTRY_AWARD : VITA_ENTRY_PUBLICATION;
			*ambiguous = !dated;
			return true;
		}
	}
	return false;
}

static bool present(const vita_node *m, const char *key)
{
	const vita_node *v = vita_node_get(m, key);
	return v && !vita_node_is_null(v);
}

/* Reports the required fields the entry lacks; false if any. */
static bool check_required(loader *L, const vita_node *m, vita_entry_kind k)
{
	const char *const *req = vita_kind_def_of(k)->required;
	bool ok = true;
	for (size_t i = 0; req[i]; i++) {
		if (present(m, req[i]))
			continue;
		ok = false;
		const char *hint = "";
		if (k == VITA_ENTRY_PUBLICATION && strcmp(req[i], "authors") == 0 && !has(m, "authors"))
			hint = " (an entry with `title` and `date` or `awarder` but no `authors` is an award)";
		/* A misspelt required key is the likeliest cause. */
		const char *typo = NULL;
		const char *one[] = {req[i], NULL};
		for (size_t j = 0; j + 1 < m->n && !typo; j += 2)
			if (strcmp(m->kids[j]->str, req[i]) != 0 && suggest(m->kids[j]->str, one))
				typo = m->kids[j]->str;
		if (typo)
			lerr(L, VITA_ERROR, m->pos, "%s %s entry needs `%s` (is `%s` a typo for it?)", article(k),
			     vita_entry_kind_name(k), req[i], typo);
		else
			lerr(L, VITA_ERROR, m->pos, "%s %s entry needs `%s`%s", article(k), vita_entry_kind_name(k),
			     req[i], hint);
	}
	return ok;
}

/* ---- highlights ---- */

/* Where a nested item starts: " - " (RenderCV's rule; YAML folds an indented "- " line into the
 * string that way) or a line break followed by "- " (a block scalar). Returns the length of the
 * separator, 0 if none at p. */
static size_t nested_sep(const char *p)
{
	if (p[0] == ' ' && p[1] == '-' && p[2] == ' ')
		return 3;
	if (p[0] == '\n') {
		size_t i = 1;
		while (p[i] == ' ')
			i++;
		if (p[i] == '-' && (p[i + 1] == ' ' || p[i + 1] == '\n' || !p[i + 1]))
			return i + 1;
	}
	return 0;
}

vita_highlight *split_highlight(loader *L, vita_highlight *h, const char *s, vita_pos pos)
{
	const char *p = s, *start = s;
	size_t cap = 0;
	bool first = true;
	for (;;) {
		size_t k = *p ? nested_sep(p) : 0;
		if (k || !*p) {
			vita_pos at = pos;
			if (!first) {
				const char *q = start;
				while (*q == ' ')
					q++;
				at = find_in_source(L, pos, q, (size_t)(p - q));
			}
			vita_text t = make_text(L, start, (size_t)(p - start), at);
			if (first)
				h->text = t;
			else if (t.md && *t.md) {
				h->children = grow(L, h->children, &cap, h->nchildren, sizeof *h->children);
				vita_highlight *c = &h->children[h->nchildren++];
				memset(c, 0, sizeof *c);
				c->text = t;
			}
			first = false;
			if (!*p)
				break;
			p += k;
			start = p;
		} else
			p++;
	}
	return h;
}

static void load_highlights(loader *L, vita_entry *e, const vita_node *v)
{
	if (v->kind != VITA_NODE_SEQ) {
		lerr(L, VITA_ERROR, v->pos, "expected a list of highlights, got a %s%s",
		     vita_node_type_name(v),
		     v->kind == VITA_NODE_SCALAR ? " (write each highlight on its own line after \"- \")" : "");
		return;
	}
	size_t cap = 0;
	for (size_t i = 0; i < v->n; i++) {
		const vita_node *it = v->kids[i];
		size_t w = where_push_index(L, i);
		if (vita_node_is_null(it))
			lerr(L, VITA_WARNING, it->pos, "an empty highlight (ignored)");
		else if (it->kind == VITA_NODE_SEQ) {
			/* A nested YAML list: the sub-items of the highlight before it. */
			if (!e->nhighlights)
				lerr(L, VITA_ERROR, it->pos,
				     "a nested list of highlights must follow the highlight it belongs to");
			else {
				vita_highlight *h = &e->highlights[e->nhighlights - 1];
				size_t ccap = h->nchildren;
				for (size_t j = 0; j < it->n; j++) {
					size_t w2 = where_push_index(L, j);
					const char *s = scalar_str(L, it->kids[j], "text");
					if (s) {
						h->children = grow(L, h->children, &ccap, h->nchildren, sizeof *h->children);
						vita_highlight *c = &h->children[h->nchildren++];
						memset(c, 0, sizeof *c);
						c->text = make_text(L, s, it->kids[j]->len, it->kids[j]->pos);
					}
					where_pop(L, w2);
				}
			}
		} else if (it->kind != VITA_NODE_SCALAR)
			lerr(L, VITA_ERROR, it->pos, "expected text, got a %s", vita_node_type_name(it));
		else if (it->len > VITA_MAX_FIELD_BYTES)
			make_text(L, it->str, it->len, it->pos); /* reports the length */
		else {
			e->highlights = grow(L, e->highlights, &cap, e->nhighlights, sizeof *e->highlights);
			vita_highlight *h = &e->highlights[e->nhighlights++];
			memset(h, 0, sizeof *h);
			split_highlight(L, h, it->str, it->pos);
		}
		where_pop(L, w);
	}
}

/* ---- publications ---- */

static void load_authors(loader *L, vita_entry *e, const vita_node *v)
{
	if (v->kind != VITA_NODE_SEQ) {
		lerr(L, VITA_ERROR, v->pos, "expected a list of authors, got a %s%s", vita_node_type_name(v),
		     v->kind == VITA_NODE_SCALAR ? " (write one author per line after \"- \")" : "");
		return;
	}
	e->authors = arena_array(L->a, v->n ? v->n : 1, sizeof *e->authors);
	for (size_t i = 0; i < v->n; i++) {
		size_t w = where_push_index(L, i);
		const vita_node *it = v->kids[i];
		const char *s = scalar_str(L, it, "an author's name");
		if (s && it->len > VITA_MAX_FIELD_BYTES)
			make_text(L, s, it->len, it->pos); /* reports the length */
		else if (s) {
			char *name, *notes;
			int emphasis;
			parse_author_emphasis(s, &name, &emphasis, &notes);
			vita_author *a = &e->authors[e->nauthors++];
			a->name = make_text(L, name, strlen(name), it->pos);
			a->owner = a->owner_marked = emphasis > 0;
			a->emphasis = emphasis;
			a->notes = vita_normalize(L->a, notes, strlen(notes), it->pos, L->d);
			free(name);
			free(notes);
		} else if (!s && vita_node_is_null(it))
			lerr(L, VITA_WARNING, it->pos, "an empty author (ignored)");
		where_pop(L, w);
	}
}

bool valid_doi(const char *s)
{
	if (strncmp(s, "10.", 3) != 0 || s[3] < '0' || s[3] > '9')
		return false;
	const char *sl = strchr(s, '/');
	if (!sl || !sl[1])
		return false;
	for (const char *p = s + 3; p < sl; p++)
		if ((*p < '0' || *p > '9') && *p != '.')
			return false;
	for (const char *p = s; *p; p++)
		if (*p == ' ' || *p == '\t' || *p == '\n')
			return false;
	return true;
}

static void load_doi(loader *L, vita_entry *e, const vita_node *v)
{
	const char *s = load_plain(L, v);
	if (!s)
		return;
	static const char *const prefixes[] = {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
	                                       "http://dx.doi.org/", "doi.org/", "doi:", NULL};
	const char *bare = s;
	for (size_t i = 0; prefixes[i]; i++) {
		size_t l = strlen(prefixes[i]);
		if (strncasecmp(bare, prefixes[i], l) == 0) {
			bare += l;
			while (*bare == ' ')
				bare++;
			break;
		}
	}
	if (!valid_doi(bare)) {
		lerr(L, VITA_ERROR, v->pos,
		     "\"%s\" is not a DOI: a DOI starts with \"10.\" and a registrant number, then \"/\", "
		     "e.g. \"10.1109/TASC.2023.3340648\"",
		     s);
		return;
	}
	e->doi = bare;
	e->doi_pos = v->pos;
}

static void load_url(loader *L, vita_entry *e, const vita_node *v)
{
	const char *s = load_plain(L, v);
	if (!s || !*s)
		return;
	if (!vita_url_allowed(s)) {
		if (strlen(s) > VITA_MAX_URL_BYTES)
			lerr(L, VITA_WARNING, v->pos, "link \"%.200s…\" is left out: %s", s, vita_url_refusal(L->a, s));
		else
			lerr(L, VITA_WARNING, v->pos, "link \"%s\" is not http, https or mailto; it is left out", s);
		return;
	}
	e->url = s;
	e->url_pos = v->pos;
}

/* ---- one entry ---- */

/* `tags: [a, b]` (or one tag): plain words that variants select by (and a variant's only/except). */
const char **load_tags(loader *L, const vita_node *v, size_t *n)
{
	*n = 0;
	const vita_node *one[1] = {v};
	const vita_node *const *items = v->kind == VITA_NODE_SEQ ? (const vita_node *const *)v->kids : one;
	size_t count = v->kind == VITA_NODE_SEQ ? v->n : 1;
	const char **tags = arena_array(L->a, count ? count : 1, sizeof *tags);
	for (size_t i = 0; i < count; i++) {
		const char *t = scalar_str(L, items[i], "a tag");
		if (t && *t)
			tags[(*n)++] = arena_strdup(L->a, t);
	}
	return tags;
}

/* `page_break_before: true` (vita's): a new page before the entry or section. */
static void load_page_break(loader *L, const vita_node *v, bool *out)
{
	if (v->kind == VITA_NODE_SCALAR && v->plain && (!strcmp(v->str, "true") || !strcmp(v->str, "false")))
		*out = v->str[0] == 't';
	else
		lerr(L, VITA_ERROR, v->pos, "expected true or false, got %s%s%s", v->kind == VITA_NODE_SCALAR ? "`" : "",
		     v->kind == VITA_NODE_SCALAR ? v->str : vita_node_type_name(v), v->kind == VITA_NODE_SCALAR ? "`" : "");
}

/* A text field: into its member, or kept by name when the table gives it none. */
static void load_text_field(loader *L, vita_entry *e, const vita_field_def *f, const vita_node *v, size_t *fcap)
{
	if (f->member == VITA_FIELD_NO_MEMBER) {
		e->fields = grow(L, e->fields, fcap, e->nfields, sizeof *e->fields);
		vita_extra *x = &e->fields[e->nfields++];
		x->key = f->key;
		x->value = load_text(L, v);
		return;
	}
	vita_text *t = (vita_text *)((char *)e + f->member);
	if (t->md && strcmp(f->key, "issuer") == 0) {
		lerr(L, VITA_WARNING, v->pos, "the entry has both `awarder` and `issuer`; `issuer` is ignored");
		return;
	}
	if (t->md && strcmp(f->key, "awarder") == 0) {
		lerr(L, VITA_WARNING, v->pos, "the entry has both `awarder` and `issuer`; `awarder` is ignored");
		return;
	}
	*t = load_text(L, v);
}

/* A key of the entry's kind, by the type the schema gives it. */
static void load_known(loader *L, vita_entry *e, const vita_field_def *f, const vita_node *v, size_t *fcap)
{
	switch (f->type) {
	case VITA_FIELD_TEXT: load_text_field(L, e, f, v, fcap); break;
	case VITA_FIELD_DATE: load_date(L, v, DATE_ARBITRARY, &e->date); break;
	case VITA_FIELD_START_DATE: load_date(L, v, DATE_START, &e->start_date); break;
	case VITA_FIELD_END_DATE: load_date(L, v, DATE_END, &e->end_date); break;
	case VITA_FIELD_HIGHLIGHTS: load_highlights(L, e, v); break;
	case VITA_FIELD_AUTHORS: load_authors(L, e, v); break;
	case VITA_FIELD_DOI: load_doi(L, e, v); break;
	case VITA_FIELD_URL: load_url(L, e, v); break;
	}
}

static void load_field(loader *L, vita_entry *e, const char *key, const vita_node *v, size_t *xcap,
                       size_t *fcap, const vita_node *kn, size_t parent)
{
	vita_entry_kind k = e->kind;
	if (strcmp(key, "tags") == 0) { /* vita's, on an entry of any kind */
		e->tags = load_tags(L, v, &e->ntags);
		return;
	}
	if (strcmp(key, "page_break_before") == 0) { /* vita's, on an entry of any kind */
		load_page_break(L, v, &e->page_break_before);
		return;
	}
	if (vita_kind_has_key(k, key)) {
		load_known(L, e, vita_field_by_key(key), v, fcap);
		return;
	}
	/* Not a field of this kind: a typo of one, or a key of the user's own for templates. */
	const char *s = suggest(key, vita_kind_def_of(k)->keys);
	size_t here = L->wlen;
	char saved = L->where[parent];
	L->where[parent] = 0; /* the entry's path: the message names the key itself */
	L->wlen = parent;
	if (s) {
		lerr(L, VITA_WARNING, kn->pos, "unknown key `%s` in %s %s entry; did you mean `%s`? (ignored)",
		     key, article(k), vita_entry_kind_name(k), s);
	} else if (v->kind != VITA_NODE_SCALAR) {
		lerr(L, VITA_WARNING, kn->pos,
		     "`%s` is not a field of %s %s entry and holds a %s; vita keeps only text in extra "
		     "keys (ignored)",
		     key, article(k), vita_entry_kind_name(k), vita_node_type_name(v));
	}
	L->where[parent] = saved;
	L->wlen = here;
	if (s || v->kind != VITA_NODE_SCALAR)
		return;
	e->extras = grow(L, e->extras, xcap, e->nextras, sizeof *e->extras);
	vita_extra *x = &e->extras[e->nextras++];
	x->key = arena_strdup(L->a, key);
	x->value = load_text(L, v);
}

/* Loads a mapping entry of kind k into e; false when it has no usable content. */
static void load_entry_map(loader *L, vita_entry *e, const vita_node *m)
{
	size_t xcap = 0, fcap = 0;
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const vita_node *kn = m->kids[i], *v = m->kids[i + 1];
		if (vita_node_is_null(v))
			continue;
		size_t w = where_push_key(L, kn->str);
		load_field(L, e, kn->str, v, &xcap, &fcap, kn, w);
		where_pop(L, w);
	}
	resolve_dates(L, e);
}

static void no_kind(loader *L, const vita_node *m)
{
	vita_buf keys = {0}, typos = {0};
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		if (i / 2 == 12) {
			buf_printf(&keys, " and %zu more", (m->n - i) / 2);
			break;
		}
		buf_printf(&keys, "%s`%s`", i ? ", " : "", m->kids[i]->str);
		const char *s = suggest(m->kids[i]->str, vita_schema_all_keys());
		if (s && strcmp(s, m->kids[i]->str) != 0)
			buf_printf(&typos, "%s`%s` for `%s`", typos.len ? ", " : "", m->kids[i]->str, s);
	}
	if (!m->n)
		lerr(L, VITA_ERROR, m->pos, "an entry cannot be an empty mapping (%s)", how_kinds(L));
	else if (typos.len)
		lerr(L, VITA_ERROR, m->pos,
		     "this entry matches no entry kind: it has %s; did you mean %s? (%s)", buf_str(&keys),
		     buf_str(&typos), how_kinds(L));
	else
		lerr(L, VITA_ERROR, m->pos, "this entry matches no entry kind: it has %s (%s)",
		     buf_str(&keys), how_kinds(L));
	buf_free(&keys);
	buf_free(&typos);
}

/* ---- sections ---- */

static const char *const small_words[] = {
    "a",    "and",  "as",  "at",  "but", "by",   "for",  "from", "if",   "in",
    "into", "like", "near", "nor", "of",  "off",  "on",   "onto", "or",   "over",
    "so",   "than", "that", "to",  "upon", "when", "with", "yet", NULL};

/* RenderCV's rule: a key with a space or a capital letter is the title as it is; otherwise
 * underscores become spaces and words are capitalized, except short function words (vita
 * capitalizes the first word always: "of_note" → "Of Note"). */
static char *section_title(loader *L, const char *key)
{
	bool keep = strchr(key, ' ') != NULL;
	for (const char *p = key; *p && !keep;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
		if (l <= 0)
			break;
		if (utf8proc_isupper(cp))
			keep = true;
		p += l;
	}
	if (keep)
		return arena_strdup(L->a, key);
	vita_buf b = {0};
	const char *p = key;
	bool first = true;
	while (*p) {
		const char *q = p;
		while (*q && *q != '_')
			q++;
		size_t n = (size_t)(q - p);
		bool small = false;
		for (size_t i = 0; small_words[i]; i++)
			if (strlen(small_words[i]) == n && strncmp(small_words[i], p, n) == 0)
				small = true;
		if (!first)
			buf_putc(&b, ' ');
		if (n && (first || !small)) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n, &cp);
			if (l > 0) {
				buf_put_utf8(&b, (uint32_t)utf8proc_toupper(cp));
				buf_put(&b, p + l, n - (size_t)l);
			} else
				buf_put(&b, p, n);
		} else
			buf_put(&b, p, n);
		first = false;
		p = *q ? q + 1 : q;
	}
	char *s = arena_strdup(L->a, buf_str(&b));
	buf_free(&b);
	return s;
}

static void load_section(loader *L, vita_section *sec, const vita_node *kn, const vita_node *v)
{
	sec->pos = kn->pos;
	sec->key = vita_normalize(L->a, kn->str, kn->len, kn->pos, L->d);
	char *title = section_title(L, sec->key);
	sec->title = make_text(L, title, strlen(title), kn->pos);
	sec->kind = VITA_ENTRY_TEXT;
	if (v->kind != VITA_NODE_SEQ) {
		lerr(L, VITA_ERROR, v->pos, "a section must be a list of entries, got a %s%s",
		     vita_node_type_name(v),
		     v->kind == VITA_NODE_SCALAR ? " (a paragraph of text is written as \"- text\")" : "");
		return;
	}
	/* The kind of the first entry that has one sets the section's kind (an ambiguous entry only
	 * when nothing else does). */
	bool have_kind = false;
	const vita_node *first = NULL;
	for (int pass = 0; pass < 2 && !have_kind; pass++)
		for (size_t i = 0; i < v->n && !have_kind; i++) {
			const vita_node *it = v->kids[i];
			bool amb;
			if (it->kind == VITA_NODE_SCALAR && !vita_node_is_null(it)) {
				sec->kind = VITA_ENTRY_TEXT;
				have_kind = true;
				first = it;
			} else if (it->kind == VITA_NODE_MAP && infer_kind(it, &sec->kind, &amb) && (!amb || pass)) {
				have_kind = true;
				first = it;
			}
		}
	sec->entries = arena_array(L->a, v->n ? v->n : 1, sizeof *sec->entries);
	for (size_t i = 0; i < v->n; i++) {
		const vita_node *it = v->kids[i];
		if (++L->nentries > VITA_MAX_ENTRIES) {
			if (!L->entries_capped)
				lerr(L, VITA_ERROR, it->pos,
				     "too many entries: a CV may have at most %d entries; the rest are not read",
				     VITA_MAX_ENTRIES);
			L->entries_capped = true;
			return;
		}
		size_t w = where_push_index(L, i);
		vita_entry_kind k;
		bool amb = false;
		if (vita_node_is_null(it))
			lerr(L, VITA_ERROR, it->pos, "an entry cannot be empty (remove the \"-\" or write the entry)");
		else if (it->kind == VITA_NODE_SEQ)
			lerr(L, VITA_ERROR, it->pos,
			     "an entry cannot be a list (is the \"-\" doubled, or the indentation off?)");
		else if (it->kind == VITA_NODE_MAP && !infer_kind(it, &k, &amb))
			no_kind(L, it);
		else {
			if (it->kind == VITA_NODE_SCALAR)
				k = VITA_ENTRY_TEXT;
			if (amb && sec->kind == VITA_ENTRY_AWARD)
				k = VITA_ENTRY_AWARD;
			if (k != sec->kind) {
				lerr(L, VITA_ERROR, it->pos,
				     "this is %s %s entry, but the section holds %s entries (its first entry, at "
				     "line %d, is %s %s entry); a section holds one kind of entry",
				     article(k), vita_entry_kind_name(k), vita_entry_kind_name(sec->kind),
				     first->pos.line, article(sec->kind), vita_entry_kind_name(sec->kind));
			} else {
				vita_entry *e = &sec->entries[sec->nentries];
				memset(e, 0, sizeof *e);
				e->kind = k;
				e->pos = it->pos;
				if (k == VITA_ENTRY_TEXT) {
					e->text = load_text(L, it);
					sec->nentries++;
				} else {
					check_required(L, it, k);
					load_entry_map(L, e, it);
					sec->nentries++;
				}
			}
		}
		where_pop(L, w);
	}
}

/* A section written as a mapping, `{sort: date-desc, entries: [...]}`: its entries, sorted by date
 * (model/sort.c) newest or oldest first, or kept in file order (`none`, and without `sort`). */
static void load_sorted_section(loader *L, vita_section *sec, const vita_node *kn, const vita_node *v)
{
	static const char *const keys[] = {"entries", "sort", "tags", "page_break_before", NULL};
	for (size_t i = 0; i + 1 < v->n; i += 2)
		warn_unknown_key(L, v->kids[i], keys, "a section written as a mapping");
	const vita_node *sn = vita_node_get(v, "sort");
	const char *sort = sn ? scalar_str(L, sn, "date-desc, date-asc or none") : NULL;
	if (sort && strcmp(sort, "date-desc") != 0 && strcmp(sort, "date-asc") != 0 && strcmp(sort, "none") != 0) {
		lerr(L, VITA_ERROR, sn->pos, "unknown sort \"%s\"; use date-desc, date-asc or none", sort);
		sort = NULL;
	}
	const vita_node *en = vita_node_get(v, "entries");
	if (!en || vita_node_is_null(en)) {
		lerr(L, VITA_ERROR, v->pos, "a section written as a mapping lists its entries under `entries:`");
		sec->pos = kn->pos;
		sec->key = vita_normalize(L->a, kn->str, kn->len, kn->pos, L->d);
		sec->title = make_text(L, sec->key, strlen(sec->key), kn->pos);
		return;
	}
	load_section(L, sec, kn, en);
	const vita_node *tn = vita_node_get(v, "tags");
	if (tn && !vita_node_is_null(tn))
		sec->tags = load_tags(L, tn, &sec->ntags);
	const vita_node *pb = vita_node_get(v, "page_break_before");
	if (pb && !vita_node_is_null(pb))
		load_page_break(L, pb, &sec->page_break_before);
	if (!sort || strcmp(sort, "none") == 0)
		return;
	for (size_t i = 0; i < sec->nentries; i++) {
		long a, b;
		if (!vita_entry_sort_keys(&sec->entries[i], &a, &b))
			lerr(L, VITA_WARNING, sec->entries[i].pos,
			     "this entry has %s, so `sort: %s` cannot place it; it stays after the entry it follows in "
			     "the file",
			     sec->entries[i].date.kind == VITA_DATE_TEXT ? "a date in words" : "no date", sort);
	}
	vita_sort_entries(sec->entries, sec->nentries, strcmp(sort, "date-desc") == 0);
}

/* After the whole cv: is read (the name may come after the sections), find the owner among the
 * authors of every publication where the user marked nobody — where the file asks for it
 * (settings.bold_owner, which vita import writes when its sources mark no one), and always for
 * JSON Resume and for a profile imported in memory.  A RenderCV file is shown as
 * RenderCV shows it: only whom the user marked. */
static void match_owner(loader *L)
{
	vita_cv *cv = L->cv;
	if (!cv->name.md || !*cv->name.md)
		return;
	bool all = cv->settings.bold_owner || L->match_owner || strcmp(L->end_key ? L->end_key : "", "endDate") == 0;
	vita_owner_names *owner = NULL; /* made for the first author to match */
	for (size_t s = 0; s < cv->nsections; s++)
		for (size_t i = 0; (all || cv->sections[s].match_owner) && i < cv->sections[s].nentries; i++) {
			vita_entry *e = &cv->sections[s].entries[i];
			bool marked = false;
			for (size_t a = 0; a < e->nauthors; a++)
				marked |= e->authors[a].owner_marked;
			if (marked)
				continue;
			for (size_t a = 0; a < e->nauthors; a++) {
				if (!e->authors[a].name.md)
					continue;
				if (!owner)
					owner = owner_names_new(cv->name.md);
				if (owner_names_match(owner, e->authors[a].name.md))
					e->authors[a].owner = true;
			}
		}
	owner_names_free(owner);
}

void load_sections(loader *L, const vita_node *n)
{
	vita_cv *cv = L->cv;
	if (vita_node_is_null(n))
		return;
	if (n->kind != VITA_NODE_MAP) {
		lerr(L, VITA_ERROR, n->pos,
		     "expected a mapping of section titles to lists of entries, got a %s%s",
		     vita_node_type_name(n),
		     n->kind == VITA_NODE_SEQ ? " (write `section_title:` and then its entries)" : "");
		return;
	}
	cv->sections = arena_array(L->a, n->n / 2 ? n->n / 2 : 1, sizeof *cv->sections);
	for (size_t i = 0; i + 1 < n->n && !L->entries_capped; i += 2) {
		const vita_node *kn = n->kids[i], *v = n->kids[i + 1];
		size_t w = where_push_key(L, kn->str);
		if (vita_node_is_null(v))
			lerr(L, VITA_WARNING, kn->pos, "section `%s` has no entries (left out)", kn->str);
		else if (v->kind == VITA_NODE_MAP &&
		         (vita_node_get(v, "entries") || vita_node_get(v, "tags") || vita_node_get(v, "page_break_before")) &&
		         !vita_node_get(v, "from"))
			load_sorted_section(L, &cv->sections[cv->nsections++], kn, v);
		else if (v->kind == VITA_NODE_MAP && vita_node_get(v, "from")) { /* entries from a .bib */
			vita_section *sec = &cv->sections[cv->nsections];
			memset(sec, 0, sizeof *sec); /* the slot of a section refused before may be reused */
			import_section_from(L, sec, kn, v);
			sec->match_owner = true;
			const vita_node *pb = vita_node_get(v, "page_break_before");
			if (pb)
				load_page_break(L, pb, &sec->page_break_before);
			if (!sec->refused)
				cv->nsections++;
		} else
			load_section(L, &cv->sections[cv->nsections++], kn, v);
		where_pop(L, w);
	}
}

void finish_cv(loader *L)
{
	match_owner(L);
	check_variants(L); /* variants.c: a tag no entry carries is likely a typo */
	/* The name is the header's first line, the PDF's Author and part of its Title: a 33,000-
	 * character "name" overflowed the page and libharu's string limit (M4). */
	const vita_text *n = &L->cv->name;
	if (n->md && strlen(n->md) > VITA_MAX_NAME_BYTES)
		vita_diag(L->d, VITA_ERROR, n->pos, "cv.name: this name is %zu bytes long; the limit for a name is %d bytes",
		          strlen(n->md), VITA_MAX_NAME_BYTES);
}

/* ---- settings.sections ---- */

/* The section a listed title names: its title as shown or its key as written, case-insensitive. */
static ssize_t find_section(const vita_cv *cv, const char *name, const bool *taken)
{
	for (size_t i = 0; i < cv->nsections; i++) {
		const vita_section *s = &cv->sections[i];
		if (!taken[i] && ((s->title.md && strcasecmp(s->title.md, name) == 0) || strcasecmp(s->key, name) == 0))
			return (ssize_t)i;
	}
	return -1;
}

void order_sections(loader *L, const vita_node *list)
{
	vita_cv *cv = L->cv;
	size_t w = where_push_key(L, "settings");
	size_t w2 = where_push_key(L, "sections");
	if (list->kind != VITA_NODE_SEQ) {
		lerr(L, VITA_ERROR, list->pos, "expected a list of section titles, got a %s", vita_node_type_name(list));
		where_pop(L, w);
		return;
	}
	bool *taken = xcalloc(cv->nsections + 1, sizeof *taken);
	vita_section *out = arena_array(L->a, cv->nsections ? cv->nsections : 1, sizeof *out);
	size_t n = 0;
	for (size_t i = 0; i < list->n; i++) {
		const char *name = scalar_str(L, list->kids[i], "a section title");
		if (!name)
			continue;
		ssize_t at = find_section(cv, name, taken);
		if (at < 0) {
			lerr(L, VITA_WARNING, list->kids[i]->pos, "no section `%s` in cv.sections (or it is listed twice)", name);
			continue;
		}
		taken[at] = true;
		out[n++] = cv->sections[at];
	}
	vita_buf left = {0};
	for (size_t i = 0; i < cv->nsections; i++)
		if (!taken[i])
			buf_printf(&left, "%s`%s`", left.len ? ", " : "", cv->sections[i].key);
	if (left.len)
		lerr(L, VITA_NOTE, list->pos, "sections not listed here are left out: %s", buf_str(&left));
	buf_free(&left);
	free(taken);
	cv->sections = out;
	cv->nsections = n;
	where_pop(L, w2);
	where_pop(L, w);
}
