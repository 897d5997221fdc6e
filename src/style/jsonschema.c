/*
 * The `design` part of `vita schema`: a JSON Schema object generated from the design key table
 * (keys.c), so that an editor autocompletes and checks every design key vita reads — RenderCV's and
 * vita's own (page.fit, typography.hyphenate, …) — and the schema cannot drift from the walk.  A
 * path that is both a value and a mapping (typography.font_family: one family, or one per role) is
 * either.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "style/style_internal.h"
#include "vita/jsonschema.h"

static void put_themes(vita_buf *b)
{
	buf_puts(b, "{\"anyOf\": [");
	vita_json_enum(b, NULL, style_theme_name);
	buf_puts(b, ", {\"type\": \"string\", \"description\": \"a custom theme: a vita style YAML beside the CV\"}]}");
}

/* The schema of one key's value, by its kind (the values each parser in style.c accepts). */
static void put_value(vita_buf *b, kind k)
{
	static const char *const body_align[] = {"left", "justified", "justified-with-no-hyphenation", NULL};
	static const char *const align[] = {"left", "center", "right", NULL};
	static const char *const sides[] = {"left", "right", NULL};
	static const char *const dirs[] = {"auto", "ltr", "rtl", NULL};
	static const char *const phone[] = {"national", "international", "E164", NULL};
	static const char *const emoji[] = {"keep", "drop", NULL};
	static const char *const titles[] = {"with_partial_line", "with_full_line", "without_line", "moderncv",
	                                     "centered_without_line", "centered_with_partial_line",
	                                     "centered_with_centered_partial_line", "centered_with_full_line", NULL};
	switch (k) {
	case K_THEME: put_themes(b); return;
	case K_PAGE_SIZE: vita_json_enum(b, NULL, style_page_size_name); return;
	case K_LEN: buf_puts(b, "{\"type\": [\"string\", \"number\"], \"description\": \"a length: 0.5cm, 10pt, 1in, 2mm, 1.2em\"}"); return;
	case K_BOOL:
	case K_IGNORED_BOOL: buf_puts(b, "{\"type\": \"boolean\"}"); return;
	case K_BODY_ALIGN: vita_json_enum(b, body_align, NULL); return;
	case K_ALIGN: vita_json_enum(b, align, NULL); return;
	case K_PHOTO_POS: vita_json_enum(b, sides, NULL); return;
	case K_DIRECTION: vita_json_enum(b, dirs, NULL); return;
	case K_PHONE: vita_json_enum(b, phone, NULL); return;
	case K_EMOJI: vita_json_enum(b, emoji, NULL); return;
	case K_TITLE_TYPE: vita_json_enum(b, titles, NULL); return;
	case K_TEMPLATE: buf_puts(b, "{\"type\": [\"string\", \"null\"]}"); return;
	case K_STR_LIST: buf_puts(b, "{\"type\": \"array\", \"items\": {\"type\": \"string\"}}"); return;
	case K_FIT_PAGES: buf_puts(b, "{\"type\": \"integer\", \"minimum\": 1, \"maximum\": 99}"); return;
	case K_FRACTION: buf_puts(b, "{\"type\": \"number\", \"minimum\": 0, \"maximum\": 1}"); return;
	case K_COLOR:
	case K_FAMILY:
	case K_FAMILY_ALL:
	case K_STR:
	case K_BULLET:
	case K_LOADER: buf_puts(b, "{\"type\": \"string\"}"); return;
	}
	buf_puts(b, "{}");
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(((const key *)a)->path, ((const key *)b)->path);
}

/* The keys v[i..n) all start with prefix (length pl, "" or "page."): writes the object of their
 * next components; returns the index after them. */
static size_t put_object(vita_buf *b, const key *v, size_t i, size_t n, const char *prefix, size_t pl)
{
	buf_puts(b, "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {");
	bool first = true;
	while (i < n && strncmp(v[i].path, prefix, pl) == 0) {
		const char *name = v[i].path + pl, *dot = strchr(name, '.');
		size_t nl = dot ? (size_t)(dot - name) : strlen(name);
		buf_printf(b, "%s\"%.*s\": ", first ? "" : ", ", (int)nl, name);
		first = false;
		const key *leaf = !dot ? &v[i] : NULL;
		if (leaf)
			i++;
		char sub[128];
		snprintf(sub, sizeof sub, "%.*s.", (int)(pl + nl), v[leaf ? i - 1 : i].path);
		size_t sl = strlen(sub);
		bool children = i < n && strncmp(v[i].path, sub, sl) == 0;
		if (leaf && children) {
			buf_puts(b, "{\"anyOf\": [");
			put_value(b, leaf->k);
			buf_puts(b, ", ");
			i = put_object(b, v, i, n, sub, sl);
			buf_puts(b, "]}");
		} else if (leaf) {
			put_value(b, leaf->k);
		} else {
			i = put_object(b, v, i, n, sub, sl);
		}
	}
	buf_puts(b, "}}");
	return i;
}

void vita_json_schema_design(struct vita_buf *b)
{
	style_keys_ready();
	key *v = xmalloc(style_nkeys * sizeof *v);
	memcpy(v, style_key_table, style_nkeys * sizeof *v);
	qsort(v, style_nkeys, sizeof *v, cmp_path);
	put_object(b, v, 0, style_nkeys, "", 0);
	free(v);
}
