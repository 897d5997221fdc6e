/*
 * Warnings a person can act on, for characters no font has: one message per field and script,
 * naming the characters (as text and code points) and, when the default chain has a font for that
 * script that is not installed, the Debian package that would draw them.
 *
 * shape.c reports each character it leaves out (once per document and field, as before); they are
 * kept here until the paragraph is shaped, then grouped by the field they came from and by script.
 */
#include <stdlib.h>
#include <string.h>

#include "layout/textint.h"

/* Characters named in one message; the rest are counted. */
#define SHOWN 8

void missing_add(missing_list *m, uint32_t cp, vita_pos pos)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		m->v = xrealloc(m->v, m->cap * sizeof *m->v);
	}
	m->v[m->n++] = (missing_char){cp, pos, hb_unicode_script(hb_unicode_funcs_get_default(), cp)};
}

static bool same_pos(vita_pos a, vita_pos b)
{
	return a.line == b.line && a.col == b.col && (a.file == b.file || (a.file && b.file && !strcmp(a.file, b.file)));
}

/* The words of one message, for the characters of m that share v[first]'s field and script. */
static void report(vita_fonts *f, const missing_list *m, size_t first, bool *done, vita_diags *d)
{
	const missing_char *c0 = &m->v[first];
	vita_buf list = {0};
	size_t count = 0;
	for (size_t i = first; i < m->n; i++) {
		if (done[i] || m->v[i].script != c0->script || !same_pos(m->v[i].pos, c0->pos))
			continue;
		done[i] = true;
		if (count++ < SHOWN) {
			buf_printf(&list, "%s'", count > 1 ? ", " : "");
			buf_put_utf8(&list, m->v[i].cp);
			buf_printf(&list, "' U+%04X", (unsigned)m->v[i].cp);
		}
	}
	if (count > SHOWN)
		buf_printf(&list, " and %zu more", count - SHOWN);
	char tag[5] = {0};
	hb_tag_to_string(hb_script_to_iso15924_tag(c0->script), tag);
	const char *font = NULL, *pkg = fallback_hint(f, c0->cp, &font);
	vita_buf hint = {0};
	if (pkg)
		buf_printf(&hint, "; install Debian's %s for %s", pkg, font);
	/* pos is where the field starts, not the character: a run's text is normalized,
	 * Markdown-parsed and maybe composed by a template, so its offsets do not map back to source
	 * columns.  The message says so, and names the characters so that they can be found. */
	vita_diag(d, VITA_WARNING, c0->pos,
	          "%s %s (script %s) in the field that starts here %s in none of the fonts; left out%s",
	          count == 1 ? "character" : "characters", buf_str(&list), tag, count == 1 ? "is" : "are",
	          buf_str(&hint));
	buf_free(&list);
	buf_free(&hint);
}

void missing_flush(vita_fonts *f, missing_list *m, vita_diags *d)
{
	if (m->n) {
		bool *done = xcalloc(m->n, sizeof *done);
		for (size_t i = 0; i < m->n; i++)
			if (!done[i])
				report(f, m, i, done, d);
		free(done);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}
