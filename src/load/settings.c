/*
 * The CV's `settings:` block: current_date, pdf_title, bold_keywords, bold_owner, sections (their
 * order and selection), variants (variants.c) and render_command (overlay.c).  Unknown keys get a did-you-mean.
 */
#include <stdlib.h>
#include <string.h>

#include "load/load_internal.h"
#include "vita/jsonschema.h"

/* ---- settings ---- */

static const char *const settings_keys[] = {"current_date", "bold_keywords", "pdf_title", "render_command",
                                            "sections", "bold_owner", "variants", NULL};

/* For `vita schema` (load/jsonschema.c). */
const char *const *load_settings_keys(void)
{
	return settings_keys;
}

void load_settings(loader *L, const vita_node *m)
{
	vita_cv *cv = L->cv;
	cv->settings.current_date = today_date();
	if (!m || vita_node_is_null(m))
		return;
	size_t w = where_push_key(L, "settings");
	if (m->kind != VITA_NODE_MAP) {
		lerr(L, VITA_ERROR, m->pos, "expected a mapping, got a %s", vita_node_type_name(m));
		where_pop(L, w);
		return;
	}
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const vita_node *k = m->kids[i], *v = m->kids[i + 1];
		if (vita_node_is_null(v))
			continue;
		size_t w2 = where_push_key(L, k->str);
		if (strcmp(k->str, "current_date") == 0) {
			const char *s = scalar_str(L, v, "a date");
			vita_date d;
			if (s && strcmp(s, "today") != 0) {
				const char *why = parse_exact_date(s, &d);
				if (why)
					lerr(L, VITA_ERROR, v->pos,
					     "\"%s\" is not a valid date%s%s; use YYYY-MM-DD or `today`", s,
					     *why ? ": " : "", why);
				else {
					d.pos = v->pos;
					if (!d.month)
						d.month = 1;
					if (!d.day)
						d.day = 1;
					cv->settings.current_date = d;
				}
			} else if (s)
				cv->settings.current_date.pos = v->pos;
		} else if (strcmp(k->str, "bold_keywords") == 0) {
			if (v->kind != VITA_NODE_SEQ)
				lerr(L, VITA_ERROR, v->pos, "expected a list of keywords, got a %s",
				     vita_node_type_name(v));
			else {
				const char **kw = arena_array(L->a, v->n ? v->n : 1, sizeof *kw);
				size_t nk = 0;
				/* Duplicates dropped through a hash set: 100,000 keywords compared pairwise took
				 * 51 s (R5). */
				size_t nslots = 16;
				while (nslots < 2 * v->n)
					nslots *= 2;
				const char **seen = xcalloc(nslots, sizeof *seen);
				for (size_t j = 0; j < v->n; j++) {
					size_t w3 = where_push_index(L, j);
					const char *s = load_plain(L, v->kids[j]);
					where_pop(L, w3);
					if (!s || !*s)
						continue;
					size_t h = 1469598103934665603u;
					for (const char *p = s; *p; p++)
						h = (h ^ (unsigned char)*p) * 1099511628211u;
					for (h &= nslots - 1; seen[h] && strcmp(seen[h], s) != 0; h = (h + 1) & (nslots - 1))
						;
					if (!seen[h])
						kw[nk++] = seen[h] = s;
				}
				free(seen);
				if (nk > VITA_MAX_BOLD_KEYWORDS)
					lerr(L, VITA_ERROR, v->pos,
					     "%zu different keywords; the limit is %d (each one is searched for in every "
					     "text of the CV)",
					     nk, VITA_MAX_BOLD_KEYWORDS);
				cv->settings.bold_keywords = kw;
				cv->settings.nbold_keywords = nk;
			}
		} else if (strcmp(k->str, "pdf_title") == 0)
			cv->settings.pdf_title = load_plain(L, v);
		else if (strcmp(k->str, "sections") == 0)
			L->section_order = v; /* applied after cv.sections (entries.c) */
		else if (strcmp(k->str, "bold_owner") == 0) {
			/* vita's own key: bold the author matching cv.name where the entry marks no one */
			if (v->kind == VITA_NODE_SCALAR && v->plain && (!strcmp(v->str, "true") || !strcmp(v->str, "false")))
				cv->settings.bold_owner = v->str[0] == 't';
			else
				lerr(L, VITA_ERROR, v->pos, "expected true or false, got %s%s%s",
				     v->kind == VITA_NODE_SCALAR ? "`" : "", v->kind == VITA_NODE_SCALAR ? v->str : vita_node_type_name(v),
				     v->kind == VITA_NODE_SCALAR ? "`" : "");
		}
		else if (strcmp(k->str, "variants") == 0)
			load_variants(L, v); /* vita's own key (variants.c) */
		else if (strcmp(k->str, "render_command") == 0) {
			load_render_command(L, v); /* overlay.c */
		} else {
			where_pop(L, w2);
			warn_unknown_key(L, k, settings_keys, "`settings`");
			continue;
		}
		where_pop(L, w2);
	}
	where_pop(L, w);
}
