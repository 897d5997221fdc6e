/*
 * The homepage reader: Jekyll/Hugo academic pages (academicpages and AcadHomepage about.md, al-folio
 * about.md) — YAML front matter (read with vita's YAML reader: `title` names the intro section,
 * `subtitle` is the headline), Liquid ({% … %}, {{ … }}) and HTML comments removed,
 * `{% include_relative FILE %}` followed within the page's folder, inline HTML through libxml2
 * (html.c), and the Markdown blocks (headings, list items with their depth, paragraphs) handed to
 * the mapper (mapper.c).  Heading emoji stay in the section titles (a style may not draw them).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "image/image.h"
#include "import/blocks.h"
#include "io/io.h"
#include "load/yaml.h"
#include "normalize/normalize.h"

/* Liquid and HTML comments blanked out (newlines kept, so lines stay where they were). */
static void blank_machinery(imp *m, const char *path, char *s);

static void blank_range(char *a, char *b)
{
	for (char *p = a; p < b; p++)
		if (*p != '\n')
			*p = ' ';
}

#define MAX_INCLUDE_DEPTH 4

/* `{% include_relative FILE %}` alone on its line becomes "\x01FILE\x01" in place (the rest of
 * the tag blanked), a line read_body follows; \x01 cannot occur in a checked file, so the marker
 * is unambiguous.  False when the tag is not an include. */
static bool mark_include(imp *m, const char *path, char *s, char *a, char *b)
{
	char *p = strstr(a, "include_relative");
	if (!p || p > b)
		return false;
	p += 16;
	while (*p == ' ')
		p++;
	size_t l = strcspn(p, " %}\n");
	char *bol = a;
	while (bol > s && (bol[-1] == ' ' || bol[-1] == '\t'))
		bol--;
	if (!l || l + 2 > (size_t)(b - a) || (bol > s && bol[-1] != '\n')) {
		int line = 1;
		for (const char *q = s; q < a; q++)
			line += *q == '\n';
		vita_diag(m->L.d, VITA_WARNING, (vita_pos){path, line, 0},
		          "include_relative is followed only when the tag stands alone on its line");
		return false;
	}
	memmove(a + 1, p, l);
	a[0] = a[l + 1] = '\x01';
	blank_range(a + l + 2, b);
	return true;
}

static void read_body(imp *m, const char *path, char *s, int first_line, int depth, iblocks *bl);

/* Whether the file `full` really lies in `dir`: a symbolic link in the page's folder
 * (`link.md -> ../secret.md`) must not bring in a file from elsewhere. */
static bool really_inside(const char *full, const char *dir)
{
	char *rf = realpath(full, NULL), *rd = realpath(dir, NULL);
	size_t n = rd ? strlen(rd) : 0;
	bool ok = !rf || (rd && strncmp(rf, rd, n) == 0 && (rf[n] == '/' || (n == 1 && rd[0] == '/')));
	free(rf);
	free(rd);
	return ok; /* a missing file is reported by read_file */
}

/* Reads an included file of the page's own folder as if its text stood there. */
static void include_file(imp *m, const char *path, const char *name, vita_pos pos, int depth,
                         iblocks *bl)
{
	if (strchr(name, '/') || depth >= MAX_INCLUDE_DEPTH) {
		vita_diag(m->L.d, VITA_WARNING, pos,
		          "include_relative \"%s\" is not followed: vita follows files of the page's own "
		          "folder, %d levels deep",
		          name, MAX_INCLUDE_DEPTH);
		return;
	}
	const char *slash = strrchr(path, '/');
	const char *full = slash ? arena_printf(m->L.a, "%.*s/%s", (int)(slash - path), path, name)
	                         : arena_strdup(m->L.a, name);
	const char *dir = slash ? arena_printf(m->L.a, "%.*s", (int)(slash - path), path) : ".";
	if (!really_inside(full, *dir ? dir : "/")) {
		vita_diag(m->L.d, VITA_WARNING, pos,
		          "include_relative \"%s\" is not followed: it is a symbolic link to a file outside "
		          "the page's folder",
		          name);
		return;
	}
	size_t len;
	char *data = read_file(full, 16u << 20, &len, m->L.d);
	if (!data)
		return;
	vita_diags_add_source(m->L.d, full, data, len);
	full = imp_add_source(m, full, "homepage, included");
	if (vita_check_encoding(full, data, len, m->L.d) == 0) {
		blank_machinery(m, full, data);
		read_body(m, full, data, 1, depth + 1, bl);
	}
	free(data);
}

static void blank_machinery(imp *m, const char *path, char *s)
{
	static const char *const pairs[][2] = {{"{%", "%}"}, {"{{", "}}"}, {"<!--", "-->"}};
	for (size_t k = 0; k < 3; k++)
		for (char *a = strstr(s, pairs[k][0]); a; a = strstr(a, pairs[k][0])) {
			char *b = strstr(a + 2, pairs[k][1]);
			b = b ? b + strlen(pairs[k][1]) : a + strlen(a);
			if (k != 0 || !mark_include(m, path, s, a, b))
				blank_range(a, b);
			a = b;
		}
}

static size_t indent_of(const char *l)
{
	size_t i = 0;
	while (l[i] == ' ' || l[i] == '\t')
		i++;
	return i;
}

/* Markdown of a block: inline HTML converted, blank result → NULL.  The block's text starts `shift`
 * characters after pos (after an item's "- "). */
static void add_block(vita_diags *d, iblocks *bl, iblock_kind k, int level, vita_buf *raw, vita_pos pos,
                      int shift)
{
	if (!raw->len)
		return;
	vita_buf md = {0};
	imp_html_to_md(raw->data, raw->len, &md, d, (vita_pos){pos.file, pos.line, pos.col + shift});
	size_t n;
	const char *t = md.data ? md.data : "";
	while (*t == ' ' || *t == '\n')
		t++;
	n = strlen(t);
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\n'))
		n--;
	if (n)
		blocks_add(bl, k, level, t, n, pos);
	buf_free(&md);
	buf_reset(raw);
}

static void read_body(imp *m, const char *path, char *s, int first_line, int depth, iblocks *bl)
{
	vita_buf cur = {0};
	iblock_kind ck = B_PARA;
	int clevel = 0, lineno = first_line, cshift = 0;
	size_t top_indent = 0;
	vita_pos cpos = {path, 0, 0};
	for (char *line = s; line; lineno++) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[--len] = 0;
		size_t in = indent_of(line);
		const char *t = line + in;
		vita_pos pos = {path, lineno, (int)in + 1};
		bool is_item = (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ';
		if (*t == '\x01') { /* an include_relative marker */
			add_block(m->L.d, bl, ck, clevel, &cur, cpos, cshift);
			char *e = strchr(t + 1, '\x01');
			char *name = xstrndup(t + 1, e ? (size_t)(e - t - 1) : strlen(t + 1));
			include_file(m, path, name, pos, depth, bl);
			free(name);
			if (e && e[1]) { /* text after the tag on its line */
				buf_puts(&cur, e + 1);
				ck = B_PARA, cpos = pos, cshift = 0, clevel = 0;
			}
		} else if (!*t) {
			add_block(m->L.d, bl, ck, clevel, &cur, cpos, cshift);
		} else if (*t == '#' && in < 4) {
			add_block(m->L.d, bl, ck, clevel, &cur, cpos, cshift);
			int level = 0;
			while (t[level] == '#')
				level++;
			if (t[level] == ' ' || !t[level]) {
				vita_buf raw = {0};
				buf_puts(&raw, t + level); /* emoji kept: the style decides */
				while (raw.len && (raw.data[raw.len - 1] == '#' || raw.data[raw.len - 1] == ' '))
					raw.data[--raw.len] = 0;
				add_block(m->L.d, bl, B_HEADING, level, &raw, pos, level);
				buf_free(&raw);
			} else {
				buf_puts(&cur, t);
				ck = B_PARA, cpos = pos, cshift = 0, clevel = 0;
			}
		} else if (is_item) {
			add_block(m->L.d, bl, ck, clevel, &cur, cpos, cshift);
			if (in <= top_indent + 1 || ck == B_PARA)
				top_indent = in;
			ck = B_ITEM, cpos = pos, cshift = 2, clevel = in > top_indent + 1 ? 1 : 0;
			buf_puts(&cur, t + 2);
		} else {
			if (cur.len)
				buf_putc(&cur, '\n');
			else
				ck = B_PARA, cpos = pos, cshift = 0, clevel = 0;
			buf_puts(&cur, t);
		}
		line = nl ? nl + 1 : NULL;
	}
	add_block(m->L.d, bl, ck, clevel, &cur, cpos, cshift);
	buf_free(&cur);
}

/* The front matter's end (the byte after its closing "---" line), 0 if there is none. */
static size_t front_matter_end(const char *data, size_t len)
{
	if (len < 4 || strncmp(data, "---", 3) != 0 || (data[3] != '\n' && data[3] != '\r'))
		return 0;
	for (const char *p = strchr(data, '\n'); p && p < data + len; p = strchr(p + 1, '\n'))
		if (strncmp(p + 1, "---", 3) == 0 && (p[4] == '\n' || p[4] == '\r' || p[4] == 0)) {
			const char *e = strchr(p + 1, '\n');
			return e ? (size_t)(e + 1 - data) : len;
		}
	return 0;
}

static const char *front_str(imp *m, const vita_node *fm, const char *key)
{
	const vita_node *n = fm && fm->kind == VITA_NODE_MAP ? vita_node_get(fm, key) : NULL;
	return n && n->kind == VITA_NODE_SCALAR && !vita_node_is_null(n) && n->len ? n->str : NULL;
	(void)m;
}

static void find_email(imp *m, const iblocks *bl)
{
	for (size_t i = 0; i < bl->n; i++)
		for (const char *at = strchr(bl->b[i].text, '@'); at; at = strchr(at + 1, '@')) {
			const char *a = at, *b = at + 1;
			while (a > bl->b[i].text && (isalnum((unsigned char)a[-1]) || strchr("._-+", a[-1])))
				a--;
			while (isalnum((unsigned char)*b) || *b == '.' || *b == '-')
				b++;
			while (b > at && b[-1] == '.')
				b--;
			if (a < at && memchr(at, '.', (size_t)(b - at)) && (a == bl->b[i].text || a[-1] != '/')) {
				char *addr = xstrndup(a, (size_t)(b - a));
				imp_email(m, addr, bl->b[i].pos);
				free(addr);
				return;
			}
		}
}

/* al-folio's profile picture: `image: prof_pic.jpg` names a file of the site's assets/img/ (the
 * site is the folder above _pages/, or the page's own folder).  A usable PNG or JPEG there (the
 * check the loader makes of any photo, and the confinement of --untrusted and vita build) is the
 * CV's photo; else a note says why not. */
static void alfolio_photo(imp *m, const char *page, const vita_node *img)
{
	const char *pages = strstr(page, "_pages/");
	const char *slash = strrchr(page, '/');
	size_t root = pages ? (size_t)(pages - page) : slash ? (size_t)(slash - page + 1) : 0;
	vita_buf path = {0};
	buf_printf(&path, "%.*s%s%s", (int)root, page, strchr(img->str, '/') ? "" : "assets/img/",
	           img->str[0] == '/' ? img->str + 1 : img->str);
	char why[256];
	vita_buf site = {0}; /* confined to the site's folder (a file in it stands for the folder) */
	buf_printf(&site, "%.*s.", (int)root, page);
	const char *bad = vita_confine_refusal(buf_str(&site), buf_str(&path));
	buf_free(&site);
	if (!bad)
		bad = vita_image_check(buf_str(&path), NULL, &m->L.cv->photo_w, &m->L.cv->photo_h, why, sizeof why);
	if (bad)
		vita_diag(m->L.d, VITA_NOTE, img->pos, "the profile picture \"%s\" is not imported: %s %s", img->str,
		          buf_str(&path), bad);
	else { /* as the loader would name it: joined to the page's path, not resolved */
		m->L.cv->photo = arena_strdup(m->L.a, buf_str(&path));
		m->L.cv->photo_pos = img->pos;
	}
	buf_free(&path);
}

/* al-folio's `profile:` block: `more_info` (HTML lines: office, street, city) is the location;
 * `image` the photo. */
static void alfolio_profile(imp *m, const char *page, const vita_node *fm)
{
	const vita_node *p = fm && fm->kind == VITA_NODE_MAP ? vita_node_get(fm, "profile") : NULL;
	if (!p || p->kind != VITA_NODE_MAP)
		return;
	const vita_node *info = vita_node_get(p, "more_info");
	if (info && info->kind == VITA_NODE_SCALAR && !vita_node_is_null(info)) {
		vita_buf html = {0}, conv = {0}, b = {0};
		for (const char *q = info->str; *q; q++) { /* each closing </p> ends a part: ", " */
			buf_putc(&html, *q);
			if (strncasecmp(q, "</p>", 4) == 0)
				buf_puts(&html, "/p>, "), q += 3;
		}
		imp_html_to_md(html.data, html.len, &conv, m->L.d, info->pos);
		const char *md = buf_str(&conv);
		for (const char *q = md; *q; q++) { /* its paragraphs, one line: "Office 4, 1 Main St, City" */
			bool gap = *q == '\n' || *q == ' ' || *q == '\t';
			if (!gap)
				buf_putc(&b, *q);
			else if (b.len && b.data[b.len - 1] != ' ')
				buf_putc(&b, ' ');
		}
		while (b.len && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == ','))
			b.data[--b.len] = 0;
		imp_location(m, buf_str(&b), info->pos);
		buf_free(&b);
		buf_free(&conv);
		buf_free(&html);
	}
	const vita_node *img = vita_node_get(p, "image");
	if (img && img->kind == VITA_NODE_SCALAR && !vita_node_is_null(img) && *img->str)
		alfolio_photo(m, page, img);
}

bool imp_read_homepage(imp *m, const char *path, const char *data, size_t len)
{
	size_t fm_end = front_matter_end(data, len);
	if (!fm_end && len >= 3 && strncmp(data, "---", 3) == 0) {
		vita_diag(m->L.d, VITA_ERROR, (vita_pos){path, 1, 1},
		          "the front matter that starts here has no closing \"---\" line");
		return false;
	}
	const vita_node *fm = NULL;
	if (fm_end) {
		size_t yl = fm_end;
		while (yl && data[yl - 1] != '-') /* up to the closing "---" (not a second document) */
			yl--;
		yl = yl >= 3 ? yl - 3 : 0;
		fm = vita_yaml_parse(m->L.a, path, data, yl, NULL, m->L.d);
		if (!fm)
			return false;
	}
	const char *title = front_str(m, fm, "title");
	const char *sub = front_str(m, fm, "subtitle");
	if (sub) {
		vita_buf h = {0};
		const vita_node *sn = vita_node_get(fm, "subtitle");
		vita_pos at = sn->pos;
		at.col += !sn->plain; /* past the opening quote (an escape before a reference shifts it) */
		imp_html_to_md(sub, strlen(sub), &h, m->L.d, at);
		m->L.cv->headline = imp_text(m, buf_str(&h), sn->pos);
		buf_free(&h);
	}
	alfolio_profile(m, path, fm);
	int first_line = 1;
	for (size_t i = 0; i < fm_end; i++)
		first_line += data[i] == '\n';
	char *body = xstrndup(data + fm_end, len - fm_end);
	const char *intro = title && *title && strcmp(title, "About me") != 0 ? title : "About Me";
	imp_read_markdown_body(m, path, body, first_line, intro);
	free(body);
	return true;
}

void imp_read_markdown_body(imp *m, const char *path, const char *text, int first_line, const char *intro)
{
	char *body = xstrdup(text);
	iblocks bl = {0};
	blank_machinery(m, path, body);
	read_body(m, path, body, first_line, 0, &bl);
	if (bl.n && bl.b[0].kind == B_PARA && !m->L.cv->name.md) {
		char *name = imp_name_from_intro(bl.b[0].text);
		if (name)
			m->L.cv->name = imp_text(m, name, bl.b[0].pos);
		free(name);
	}
	find_email(m, &bl);
	imp_map_blocks(m, &bl, intro);
	blocks_free(&bl);
	free(body);
}
