/*
 * The YAML writer of `vita import`: the imported CV model as a vita/RenderCV YAML file that a
 * person would be glad to edit — plain scalars where YAML allows them, quotes only where needed,
 * sections in the source's order, one entry per item — with comments saying which file (and line)
 * each section came from and, at the end, every piece of the source that was not mapped, verbatim
 * with its line, so that nothing is lost silently.
 *
 * vita writes the text itself because libyaml's emitter cannot write comments.  What is written
 * loads back (vita_cv_load) to the same model; tests/sh/import.sh compares the two `vita dump`s.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import/import.h"
#include "vita/schema.h"

/* ---- scalars ---- */

static bool reserved_word(const char *s)
{
	static const char *const words[] = {"true", "false", "yes", "no", "on", "off", "null", "~", "y",
	                                    "n", NULL};
	for (size_t i = 0; words[i]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

static bool numberish(const char *s)
{
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p) && !strchr(".-+:eE_xob", *p))
			return false;
	return true;
}

/* U+0085, U+2028, U+2029 at s: YAML reads them as line breaks; U+FFFE, U+FFFF: YAML does not
 * allow them raw.  All are written as escapes of a double-quoted scalar (\N \L \P \uFFFE
 * \uFFFF).  0 if none, else the escape letter ('N', 'L', 'P', 'E' for FFFE, 'F' for FFFF). */
static char yaml_break(const unsigned char *s)
{
	if (s[0] == 0xC2 && s[1] == 0x85)
		return 'N';
	if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9))
		return s[2] == 0xA8 ? 'L' : 'P';
	if (s[0] == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF))
		return s[2] == 0xBE ? 'E' : 'F';
	return 0;
}

/* The escape for yaml_break's letter, as written in a double-quoted scalar or a comment. */
static const char *break_escape(char c, bool comment)
{
	switch (c) {
	/* U+0085 (NEL) is a C1 control, which the loader refuses in text however it is written (the
	 * hardening rule): it means "next line", so it is written as one */
	case 'N': return comment ? "\\u0085" : "\\n";
	case 'L': return comment ? "\\u2028" : "\\L";
	case 'P': return comment ? "\\u2029" : "\\P";
	case 'E': return "\\uFFFE";
	default: return "\\uFFFF";
	}
}

/* Text in a comment: YAML allows no control character even there, and reads U+0085/U+2028/U+2029
 * as line ends, so those are written as \xNN / \uNNNN (the comment stays one line). */
static void comment_put(vita_buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		if (u[i] < 0x20 || u[i] == 0x7f)
			buf_printf(b, "\\x%02x", u[i]);
		else if (i + 1 < n && yaml_break(u + i)) {
			buf_puts(b, break_escape(yaml_break(u + i), true));
			i += u[i] == 0xC2 ? 1 : 2;
		} else
			buf_putc(b, (char)u[i]);
	}
}

/* True when s can be written as a plain scalar and reads back as the same string. */
static bool plain_ok(const char *s, bool datelike)
{
	if (!*s || strchr("-?:,[]{}#&*!|>'\"%@` \t", s[0]))
		return false;
	size_t n = strlen(s);
	if (s[n - 1] == ' ' || s[n - 1] == ':' || s[n - 1] == '\t')
		return false;
	if (strstr(s, ": ") || strstr(s, " #") || strstr(s, ":\t"))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || yaml_break(p))
			return false;
	if (reserved_word(s))
		return false;
	if (!datelike && numberish(s))
		return false;
	return true;
}

static void scalar(vita_buf *b, const char *s, bool datelike)
{
	if (plain_ok(s, datelike)) {
		buf_puts(b, s);
		return;
	}
	bool single = true;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || yaml_break(p))
			single = false;
	if (single) {
		buf_putc(b, '\'');
		for (const char *p = s; *p; p++) {
			if (*p == '\'')
				buf_putc(b, '\'');
			buf_putc(b, *p);
		}
		buf_putc(b, '\'');
		return;
	}
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p == '\t')
			buf_puts(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\x%02x", *p);
		else if (yaml_break(p)) {
			buf_puts(b, break_escape(yaml_break(p), false));
			p += *p == 0xC2 ? 1 : 2;
		} else
			buf_putc(b, (char)*p);
	}
	buf_putc(b, '"');
}

/* A mapping key and its colon.  libyaml refuses an implicit key longer than 1024 characters (a
 * heading can be), so a long key is written as an explicit one ("? KEY" then ":" on the next line
 * at the key's indentation), which YAML allows at any length. */
static void map_key(vita_buf *b, int indent, const char *s)
{
	size_t at = b->len;
	scalar(b, s, false);
	if (b->len - at <= 1000) {
		buf_putc(b, ':');
		return;
	}
	vita_buf k = {0};
	buf_puts(&k, b->data + at);
	b->len = at;
	buf_puts(b, "? ");
	buf_puts(b, buf_str(&k));
	buf_printf(b, "\n%*s:", indent, "");
	buf_free(&k);
}

static void key_text(vita_buf *b, int indent, const char *key, const vita_text *t)
{
	if (!t || !t->md)
		return;
	buf_printf(b, "%*s%s: ", indent, "", key);
	scalar(b, t->md, false);
	buf_putc(b, '\n');
}

static void key_str(vita_buf *b, int indent, const char *key, const char *s)
{
	if (!s)
		return;
	buf_printf(b, "%*s%s: ", indent, "", key);
	scalar(b, s, false);
	buf_putc(b, '\n');
}

/* ---- dates ---- */

static void date_value(vita_buf *b, const vita_date *d)
{
	char tmp[32];
	switch (d->kind) {
	case VITA_DATE_PRESENT: buf_puts(b, "present"); return;
	case VITA_DATE_TEXT: scalar(b, d->text, false); return;
	case VITA_DATE_EXACT:
		if (d->day)
			snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d->year, d->month, d->day);
		else if (d->month)
			snprintf(tmp, sizeof tmp, "%04d-%02d", d->year, d->month);
		else
			snprintf(tmp, sizeof tmp, "%04d", d->year);
		buf_puts(b, tmp);
		return;
	case VITA_DATE_NONE: return;
	}
}

static void dates(vita_buf *b, int indent, const vita_entry *e)
{
	if (e->date.kind != VITA_DATE_NONE) {
		buf_printf(b, "%*sdate: ", indent, "");
		date_value(b, &e->date);
		buf_putc(b, '\n');
	} else if (e->start_date.kind != VITA_DATE_NONE) {
		buf_printf(b, "%*sstart_date: ", indent, "");
		date_value(b, &e->start_date);
		buf_printf(b, "\n%*send_date: ", indent, "");
		date_value(b, &e->end_date);
		buf_putc(b, '\n');
	}
}

/* ---- entries ---- */

static void author(vita_buf *b, const vita_author *a)
{
	vita_buf s = {0};
	/* as the source marks the owner; one found by name is found again (settings.bold_owner) */
	static const char *const marks[] = {"**", "*", "**", "***"};
	const char *mk = a->owner_marked ? marks[a->emphasis >= 0 && a->emphasis <= 3 ? a->emphasis : 0] : "";
	buf_printf(&s, "%s%s%s", mk, a->name.md, mk);
	buf_puts(&s, a->notes ? a->notes : "");
	scalar(b, buf_str(&s), false);
	buf_free(&s);
}

/* Nested highlights (a RenderCV file's, read through an al-folio cv.yml or a JSON Resume) are
 * written as the loader reads them back: a YAML list right after their parent. */
static void highlight_list(vita_buf *b, int indent, const vita_highlight *h, size_t n, int depth)
{
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%*s  - ", indent, "");
		scalar(b, h[i].text.md ? h[i].text.md : "", false);
		buf_putc(b, '\n');
		if (h[i].nchildren && depth < 8) {
			vita_buf sub = {0};
			highlight_list(&sub, indent + 2, h[i].children, h[i].nchildren, depth + 1);
			/* the children's list is itself an item: "- - child" */
			buf_printf(b, "%*s  - ", indent, "");
			buf_puts(b, buf_str(&sub) + indent + 4);
			buf_free(&sub);
		}
	}
}

static void highlights(vita_buf *b, int indent, const vita_entry *e)
{
	if (!e->nhighlights)
		return;
	buf_printf(b, "%*shighlights:\n", indent, "");
	highlight_list(b, indent, e->highlights, e->nhighlights, 0);
}

/* Text keys that are not fields of the entry's kind (a RenderCV file's own keys), in file order. */
static void extras(vita_buf *b, int in, const vita_entry *e)
{
	for (size_t i = 0; i < e->nextras; i++)
		key_text(b, in, e->extras[i].key, &e->extras[i].value);
}

static void publication(vita_buf *b, int in, const vita_entry *e)
{
	key_text(b, in, "title", &e->title);
	if (!e->nauthors) /* written all the same: without it the entry would read as an award */
		buf_printf(b, "%*sauthors: []\n", in, "");
	else {
		buf_printf(b, "%*sauthors:\n", in, "");
		for (size_t i = 0; i < e->nauthors; i++) {
			buf_printf(b, "%*s  - ", in, "");
			author(b, &e->authors[i]);
			buf_putc(b, '\n');
		}
	}
	key_text(b, in, "journal", &e->journal);
	dates(b, in, e);
	key_str(b, in, "doi", e->doi);
	key_str(b, in, "url", e->url);
	key_text(b, in, "summary", &e->summary);
	extras(b, in, e);
}

/* A kind written from the schema table (include/vita/kinds.def): its keys in the table's order,
 * so that a kind added there (a talk) is written without code here. */
static void by_schema(vita_buf *b, int in, const vita_entry *e)
{
	bool dated = false;
	for (const char *const *k = vita_kind_def_of(e->kind)->keys; *k; k++) {
		const vita_field_def *f = vita_field_by_key(*k);
		if (!f)
			continue;
		switch (f->type) {
		case VITA_FIELD_TEXT: key_text(b, in, f->key, vita_entry_text(e, f)); break;
		case VITA_FIELD_DATE:
		case VITA_FIELD_START_DATE:
		case VITA_FIELD_END_DATE:
			if (!dated)
				dates(b, in, e);
			dated = true;
			break;
		case VITA_FIELD_HIGHLIGHTS: highlights(b, in, e); break;
		case VITA_FIELD_AUTHORS: break; /* publications only, written by publication() */
		case VITA_FIELD_DOI: key_str(b, in, "doi", e->doi); break;
		case VITA_FIELD_URL: key_str(b, in, "url", e->url); break;
		}
	}
	extras(b, in, e);
}

/* The fields of one entry, the first line after "- " (indent in is for the following lines). */
static void entry_fields(vita_buf *b, int in, const vita_entry *e)
{
	switch (e->kind) {
	case VITA_ENTRY_PUBLICATION: publication(b, in, e); return;
	case VITA_ENTRY_EDUCATION:
		key_text(b, in, "institution", &e->institution);
		key_text(b, in, "area", &e->area);
		key_text(b, in, "degree", &e->degree);
		break;
	case VITA_ENTRY_EXPERIENCE:
		key_text(b, in, "company", &e->company);
		key_text(b, in, "position", &e->position);
		break;
	case VITA_ENTRY_AWARD:
		key_text(b, in, "title", &e->title);
		key_text(b, in, "awarder", &e->awarder);
		break;
	case VITA_ENTRY_NORMAL: key_text(b, in, "name", &e->name); break;
	case VITA_ENTRY_ONELINE:
		key_text(b, in, "label", &e->label);
		key_text(b, in, "details", &e->details);
		return;
	case VITA_ENTRY_BULLET: key_text(b, in, "bullet", &e->text); return;
	case VITA_ENTRY_NUMBERED: key_text(b, in, "number", &e->text); return;
	case VITA_ENTRY_REVERSED_NUMBERED: key_text(b, in, "reversed_number", &e->text); return;
	default: by_schema(b, in, e); return;
	}
	key_text(b, in, "location", &e->location);
	dates(b, in, e);
	key_str(b, in, "url", e->url);
	key_text(b, in, "summary", &e->summary);
	highlights(b, in, e);
	extras(b, in, e);
}

static void entry(vita_buf *b, const vita_entry *e)
{
	if (e->kind == VITA_ENTRY_TEXT) {
		buf_puts(b, "      - ");
		scalar(b, e->text.md ? e->text.md : "", false);
		buf_putc(b, '\n');
		return;
	}
	vita_buf f = {0};
	entry_fields(&f, 8, e);
	/* The first field goes on the "- " line. */
	const char *s = buf_str(&f);
	buf_puts(b, "      - ");
	buf_puts(b, s + 8);
	buf_free(&f);
}

void vita_yaml_scalar(vita_buf *b, const char *s)
{
	scalar(b, s, false);
}

void vita_yaml_entry(vita_buf *b, const vita_entry *e)
{
	entry(b, e);
}

/* ---- the file ---- */

static void header(vita_buf *b, const imp *m, const char *note)
{
	buf_puts(b, "# Imported by `vita import` from:\n");
	for (size_t i = 0; i < m->nsources; i++)
	{
		buf_puts(b, "#   ");
		comment_put(b, m->sources[i].path, strlen(m->sources[i].path));
		buf_printf(b, " (%s)\n", m->sources[i].format);
	}
	if (m->derived && *m->derived)
		buf_printf(b, "# Derived: %s.\n", m->derived);
	for (const char *p = note; p && *p;) { /* one comment line per line of the note */
		size_t n = strcspn(p, "\n");
		buf_puts(b, n ? "# " : "#");
		comment_put(b, p, n);
		buf_putc(b, '\n');
		p += n + (p[n] == '\n');
	}
	buf_puts(b, "# Each section says where it came from; what vita did not map is listed at the end.\n");
}

/* Where a section came from: its own position, or, for a CV reloaded after hand corrections, the
 * imported section of the same title (a section only the corrections have says so). */
static void section_origin(vita_buf *b, const imp *m, const vita_cv *cv, const vita_section *sec)
{
	vita_pos pos = sec->pos;
	if (cv != m->L.cv) {
		pos = (vita_pos){0};
		const char *was = sec->title.md; /* a renamed section: the title it was imported with */
		for (size_t i = 0; i < m->nfixes; i++)
			if (m->fixes[i].rename && strcmp(m->fixes[i].rename, sec->title.md) == 0 && strrchr(m->fixes[i].path, '.'))
				was = strrchr(m->fixes[i].path, '.') + 1;
		for (size_t i = 0; i < m->L.cv->nsections; i++)
			if (m->L.cv->sections[i].title.md && strcmp(m->L.cv->sections[i].title.md, was) == 0)
				pos = m->L.cv->sections[i].pos;
		if (!pos.file) {
			buf_puts(b, "added by the hand corrections\n");
			return;
		}
	}
	comment_put(b, pos.file ? pos.file : "", pos.file ? strlen(pos.file) : 0);
	buf_printf(b, ":%d\n", pos.line);
}

static void custom_connections(vita_buf *b, const vita_cv *cv)
{
	bool any = false;
	for (size_t i = 0; i < cv->nconnections; i++) {
		const vita_connection *c = &cv->connections[i];
		if (c->kind != VITA_CONN_CUSTOM)
			continue;
		if (!any)
			buf_puts(b, "  custom_connections:\n");
		any = true;
		buf_puts(b, "    - placeholder: ");
		scalar(b, c->text, false);
		buf_putc(b, '\n');
		key_str(b, 6, "url", c->url);
		key_str(b, 6, "fontawesome_icon", c->network);
	}
}

/* The location is cv.location (written with the header); the loader makes its connection. */
static void connections(vita_buf *b, const vita_cv *cv)
{
	bool social = false;
	for (size_t i = 0; i < cv->nconnections; i++) {
		const vita_connection *c = &cv->connections[i];
		if (c->kind == VITA_CONN_EMAIL)
			key_str(b, 2, "email", c->text);
		else if (c->kind == VITA_CONN_PHONE)
			key_str(b, 2, "phone", c->text);
		else if (c->kind == VITA_CONN_WEBSITE)
			key_str(b, 2, "website", c->url);
		else if (c->kind == VITA_CONN_SOCIAL && !social) {
			social = true;
			buf_puts(b, "  social_networks:\n");
			for (size_t j = i; j < cv->nconnections; j++)
				if (cv->connections[j].kind == VITA_CONN_SOCIAL) {
					buf_printf(b, "    - network: %s\n      username: ", cv->connections[j].network);
					scalar(b, cv->connections[j].text, false);
					buf_putc(b, '\n');
				}
		}
	}
	custom_connections(b, cv);
}

static void unmapped(vita_buf *b, const imp *m)
{
	if (!m->nunmapped)
		return;
	size_t un, total;
	vita_imported_words(m, &un, &total);
	buf_printf(b, "\n# Not imported (%zu of %zu visible words), verbatim, with the line each came from:\n",
	           un, total);
	for (size_t i = 0; i < m->nunmapped; i++) {
		const imp_unmapped *u = &m->unmapped[i];
		buf_puts(b, "#   ");
		comment_put(b, u->pos.file ? u->pos.file : "", u->pos.file ? strlen(u->pos.file) : 0);
		buf_printf(b, ":%d:", u->pos.line);
		for (const char *p = u->text; *p;) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			buf_puts(b, p == u->text ? " " : "#     ");
			comment_put(b, p, n);
			buf_putc(b, '\n');
			p += n + (nl ? 1 : 0);
		}
	}
}

void vita_imported_set_output(vita_imported *m, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path + (slash == path))) : xstrdup(".");
	free(m->out_dir);
	m->out_dir = realpath(dir, NULL);
	free(dir);
}

/* target (absolute) as a path from the folder dir (absolute): "../site/assets/img/p.jpg". */
static void put_relative(vita_buf *b, const char *dir, const char *target)
{
	/* the longest common prefix that ends at a folder boundary */
	size_t n = strlen(dir), common = 0;
	if (strncmp(dir, target, n) == 0 && (target[n] == '/' || n == 1))
		common = n;
	else
		for (size_t i = 0; dir[i] && dir[i] == target[i]; i++)
			if (dir[i] == '/')
				common = i;
	for (const char *p = dir + common; *p; p++) /* one ../ per folder of dir below it */
		if (*p == '/')
			buf_puts(b, "../");
	buf_puts(b, target + common + (target[common] == '/'));
}

static void photo(vita_buf *b, const imp *m, const vita_cv *cv)
{
	if (!cv->photo)
		return;
	vita_buf p = {0};
	char *cwd = m->out_dir ? NULL : realpath(".", NULL); /* standard output: from where vita runs */
	const char *from = m->out_dir ? m->out_dir : cwd;
	char *abs = realpath(cv->photo, NULL);
	if (from && abs)
		put_relative(&p, from, abs);
	else
		buf_puts(&p, cv->photo);
	free(abs);
	free(cwd);
	buf_puts(b, "  photo: ");
	scalar(b, buf_str(&p), false);
	buf_puts(b, "  # the site's profile picture\n");
	buf_free(&p);
}

char *vita_imported_yaml(const vita_imported *m, size_t *len)
{
	if (m->corrected) {
		*len = m->corrected_len;
		return xstrndup(m->corrected, m->corrected_len);
	}
	return imp_write_yaml(m, m->L.cv, NULL, len);
}

char *imp_write_yaml(const imp *m, const vita_cv *cv, const char *note, size_t *len)
{
	vita_buf b = {0};
	header(&b, m, note);
	bool empty = !cv->name.md && !cv->headline.md && !cv->location.md && !cv->nconnections &&
	             !cv->nsections;
	buf_puts(&b, empty ? "cv: {}  # nothing in the sources was mapped\n" : "cv:\n");
	key_text(&b, 2, "name", &cv->name);
	key_text(&b, 2, "headline", &cv->headline);
	key_text(&b, 2, "location", &cv->location);
	photo(&b, m, cv);
	connections(&b, cv);
	if (cv->nsections)
		buf_puts(&b, "  sections:\n");
	for (size_t s = 0; s < cv->nsections; s++) {
		const vita_section *sec = &cv->sections[s];
		buf_puts(&b, "    ");
		map_key(&b, 4, sec->title.md);
		buf_puts(&b, "  # ");
		section_origin(&b, m, cv, sec);
		for (size_t i = 0; i < sec->nentries; i++)
			entry(&b, &sec->entries[i]);
	}
	if (cv->settings.bold_owner)
		buf_puts(&b, "settings:\n  bold_owner: true  # the owner is found by name among authors the sources "
		             "mark no one of; vita dump --rendercv writes **Name** for RenderCV\n");
	unmapped(&b, m);
	*len = b.len;
	return b.data ? buf_take(&b) : xstrdup("");
}

/* ---- a YAML tree (hand corrections, corrections.c) ---- */

static void emit(vita_buf *b, const vita_node *n, int indent)
{
	if (n->kind == VITA_NODE_SCALAR) { /* the caller wrote the "key: " or "- " before it */
		if (vita_node_is_null(n))
			buf_puts(b, "null");
		else if (n->plain && (!strcmp(n->str, "true") || !strcmp(n->str, "false")))
			buf_puts(b, n->str); /* a boolean stays one (settings.bold_owner) */
		else
			scalar(b, n->str, n->plain);
		buf_putc(b, '\n');
		return;
	}
	if (!n->n) {
		buf_puts(b, n->kind == VITA_NODE_MAP ? "{}\n" : "[]\n");
		return;
	}
	buf_putc(b, '\n');
	for (size_t i = 0; i < n->n; i += n->kind == VITA_NODE_MAP ? 2 : 1) {
		buf_printf(b, "%*s", indent, "");
		if (n->kind == VITA_NODE_MAP) {
			map_key(b, indent, n->kids[i]->str);
			buf_putc(b, ' ');
			emit(b, n->kids[i + 1], indent + 2);
			continue;
		}
		buf_puts(b, "- ");
		const vita_node *it = n->kids[i];
		if (it->kind == VITA_NODE_SCALAR || !it->n) {
			emit(b, it, indent + 2);
			continue;
		}
		/* a mapping or list item: its first line after the "- " */
		vita_buf sub = {0};
		emit(&sub, it, indent + 2);
		buf_puts(b, buf_str(&sub) + 1 + indent + 2);
		buf_free(&sub);
	}
}

void imp_emit_node(vita_buf *b, const vita_node *n)
{
	if (n->kind != VITA_NODE_MAP) {
		emit(b, n, 0);
		return;
	}
	vita_buf sub = {0};
	emit(&sub, n, 0);
	buf_puts(b, buf_str(&sub) + 1); /* the top level starts on the first line */
	buf_free(&sub);
}

/* ---- the share of words not imported ---- */

static size_t text_words(const vita_text *t)
{
	if (!t->md)
		return 0;
	char *p = vita_spans_plain(t->spans);
	size_t n = imp_count_words(p);
	free(p);
	return n;
}

static size_t date_words(const vita_date *d)
{
	if (d->kind == VITA_DATE_TEXT)
		return imp_count_words(d->text);
	return d->kind == VITA_DATE_NONE ? 0 : d->kind == VITA_DATE_PRESENT ? 1 : 1 + (d->month != 0);
}

static size_t entry_words(const vita_entry *e)
{
	/* the members of e's kind (the kinds share their room), and the common ones */
	static const char *const keys[] = {"institution", "area", "degree", "company", "position", "name",
	                                   "title", "awarder", "journal", "label", "details", "bullet"};
	size_t n = text_words(&e->location) + text_words(&e->summary);
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		const vita_text *t = vita_entry_text(e, vita_field_by_key(keys[i]));
		n += t ? text_words(t) : 0;
	}
	for (size_t i = 0; i < e->nauthors; i++)
		n += text_words(&e->authors[i].name);
	for (size_t i = 0; i < e->nhighlights; i++)
		n += text_words(&e->highlights[i].text);
	n += date_words(&e->date) + date_words(&e->start_date) + date_words(&e->end_date);
	return n;
}

void vita_imported_words(const vita_imported *m, size_t *unmapped_words, size_t *total)
{
	const vita_cv *cv = m->L.cv;
	size_t mapped = text_words(&cv->name) + text_words(&cv->headline) + text_words(&cv->location);
	for (size_t i = 0; i < cv->nconnections; i++)
		mapped += imp_count_words(cv->connections[i].text);
	for (size_t s = 0; s < cv->nsections; s++) {
		mapped += text_words(&cv->sections[s].title);
		for (size_t i = 0; i < cv->sections[s].nentries; i++)
			mapped += entry_words(&cv->sections[s].entries[i]);
	}
	size_t un = 0;
	for (size_t i = 0; i < m->nunmapped; i++)
		un += imp_count_words(m->unmapped[i].text);
	*unmapped_words = un;
	*total = mapped + un;
}
