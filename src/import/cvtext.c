/*
 * The CV-text reader: the text pulled out of a PDF CV (pdftotext and the like).  The first line in
 * capitals is the name; "EMAIL: … GITHUB: …" lines are the contacts; other lines in capitals are
 * section headings; a short line alone between blank lines under a heading is a sub-heading
 * ("Conference" under PUBLICATIONS becomes "Conference Publications"); "- " lines are items,
 * indented " - " lines their sub-items, other lines continue the item above (a publication's
 * authors, its award notes).  The blocks go to the same mapper as a homepage's.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "import/blocks.h"

static bool capitals(const char *s)
{
	size_t up = 0;
	for (const char *p = s; *p; p++) {
		if (islower((unsigned char)*p))
			return false;
		up += isupper((unsigned char)*p) != 0;
	}
	return up >= 4 && strlen(s) < 60;
}

/* "AWARDS AND HONORS" → "Awards and Honors". */
static char *title_case(const char *s)
{
	static const char *const small[] = {"and", "of", "in", "the", "for", "on", "a", "an", "to", NULL};
	char *t = xstrdup(s);
	bool start = true;
	size_t w = 0;
	for (char *p = t; *p; p++) {
		if (isalpha((unsigned char)*p)) {
			*p = start ? *p : (char)tolower((unsigned char)*p);
			start = false;
		} else
			start = true;
	}
	for (char *p = t; *p; p++, w++) { /* small words lower-case, except the first */
		if (p != t && p[-1] == ' ')
			for (size_t i = 0; small[i]; i++) {
				size_t n = strlen(small[i]);
				if (strncasecmp(p, small[i], n) == 0 && (p[n] == ' ' || !p[n]))
					for (size_t k = 0; k < n; k++)
						p[k] = (char)tolower((unsigned char)p[k]);
			}
	}
	return t;
}

/* "EMAIL: a@b.c GITHUB: <https://github.com/x>" → connections; true if the line was one. */
static bool contacts(imp *m, const char *line, vita_pos pos)
{
	const char *e = strstr(line, "EMAIL:"), *g = strstr(line, "GITHUB:");
	if (!e && !g)
		return false;
	if (e) {
		e += 6;
		while (*e == ' ')
			e++;
		char *addr = xstrndup(e, strcspn(e, " \t"));
		imp_email(m, addr, pos);
		free(addr);
	}
	if (g) {
		g += 7;
		while (*g == ' ' || *g == '<')
			g++;
		char *url = xstrndup(g, strcspn(g, " >\t"));
		const char *slash = strrchr(url, '/');
		if (strstr(url, "github.com/") && slash && slash[1])
			imp_github(m, slash + 1, pos);
		else
			imp_website(m, url, pos);
		free(url);
	}
	return true;
}

static bool blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r')
		s++;
	return !*s || *s == '\n';
}

static void flush(iblocks *bl, vita_buf *cur, iblock_kind k, int level, vita_pos pos)
{
	if (cur->len)
		blocks_add(bl, k, level, cur->data, cur->len, pos);
	buf_reset(cur);
}

bool imp_read_cvtext(imp *m, const char *path, const char *data, size_t len)
{
	char *text = xstrndup(data, len);
	iblocks bl = {0};
	vita_buf cur = {0};
	iblock_kind ck = B_PARA;
	int cl = 0, lineno = 0;
	vita_pos cpos = {path, 0, 0};
	char *parent = NULL;
	bool prev_blank = true;
	for (char *line = text; line; ) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		lineno++;
		vita_pos pos = {path, lineno, 1};
		char *next = nl ? nl + 1 : NULL;
		bool next_blank = !next || blank(next);
		size_t in = 0;
		while (line[in] == ' ')
			in++;
		char *t = line + in;
		size_t tl = strlen(t);
		while (tl && (t[tl - 1] == '\r' || t[tl - 1] == ' '))
			t[--tl] = 0;
		if (!tl)
			flush(&bl, &cur, ck, cl, cpos);
		else if (capitals(t) && !m->L.cv->name.md && !bl.n && !contacts(m, t, pos)) {
			char *name = title_case(t);
			m->L.cv->name = imp_text(m, name, pos);
			free(name);
		} else if (contacts(m, t, pos))
			;
		else if (capitals(t)) {
			flush(&bl, &cur, ck, cl, cpos);
			free(parent);
			parent = title_case(t);
			blocks_add(&bl, B_HEADING, 1, parent, strlen(parent), pos);
		} else if (parent && prev_blank && next_blank && tl < 30 && isupper((unsigned char)*t) &&
		           !strchr(t, '.') && !strchr(t, ',') && strncmp(t, "- ", 2) != 0) {
			flush(&bl, &cur, ck, cl, cpos);
			char *h = arena_printf(m->L.a, "%s %s", t, parent);
			blocks_add(&bl, B_HEADING, 2, h, strlen(h), pos);
		} else if (t[0] == '-' && t[1] == ' ') {
			flush(&bl, &cur, ck, cl, cpos);
			ck = B_ITEM, cl = in ? 1 : 0, cpos = pos;
			buf_puts(&cur, t + 2);
		} else {
			if (cur.len)
				buf_putc(&cur, '\n');
			else
				ck = B_PARA, cl = 0, cpos = pos;
			buf_puts(&cur, t);
		}
		prev_blank = !tl;
		line = next;
	}
	flush(&bl, &cur, ck, cl, cpos);
	imp_map_blocks(m, &bl, "Profile");
	free(parent);
	buf_free(&cur);
	blocks_free(&bl);
	free(text);
	return true;
}
