/*
 * Tailored variants from one CV: entries and sections carry `tags: [...]`, and a variant keeps or
 * removes them by tag (include/vita/schema.h, vita_cv_select).
 *
 * `only` keeps the untagged entries and those carrying any of its tags (a union over the tags
 * given); `except` then removes those carrying any of its tags.  A section's tags count for each of
 * its entries.  A section left with no entry is dropped, with a note naming it, so that a variant
 * never shows a title over nothing.
 */
#include <string.h>

#include "base/base.h"
#include "vita/schema.h"

static bool has_any(const char **tags, size_t n, const char *const *want, size_t nwant)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < nwant; j++)
			if (strcmp(tags[i], want[j]) == 0)
				return true;
	return false;
}

static bool keep(const vita_section *s, const vita_entry *e, const vita_select *sel)
{
	bool tagged = e->ntags || s->ntags;
	if (sel->nonly && tagged && !has_any(e->tags, e->ntags, sel->only, sel->nonly) &&
	    !has_any(s->tags, s->ntags, sel->only, sel->nonly))
		return false;
	return !has_any(e->tags, e->ntags, sel->except, sel->nexcept) &&
	       !has_any(s->tags, s->ntags, sel->except, sel->nexcept);
}

size_t vita_cv_select(vita_cv *cv, const vita_select *sel, vita_diags *d)
{
	size_t removed = 0, ns = 0;
	for (size_t i = 0; i < cv->nsections; i++) {
		vita_section *s = &cv->sections[i];
		size_t ne = 0, before = s->nentries;
		for (size_t j = 0; j < s->nentries; j++)
			if (keep(s, &s->entries[j], sel))
				s->entries[ne++] = s->entries[j];
		s->nentries = ne;
		removed += before - ne;
		if (ne == 0 && before > 0) {
			vita_diag(d, VITA_NOTE, s->pos, "section `%s` has no entry left in this variant: left out", s->key);
			continue;
		}
		cv->sections[ns++] = *s;
	}
	cv->nsections = ns;
	return removed;
}

const vita_variant *vita_cv_variant(const vita_cv *cv, const char *name)
{
	for (size_t i = 0; i < cv->settings.nvariants; i++)
		if (strcmp(cv->settings.variants[i].name, name) == 0)
			return &cv->settings.variants[i];
	return NULL;
}

int vita_cv_select_variant(vita_cv *cv, const char *name, vita_diags *d)
{
	const vita_variant *v = vita_cv_variant(cv, name);
	if (!v) {
		vita_buf names = {0};
		for (size_t i = 0; i < cv->settings.nvariants; i++)
			buf_printf(&names, "%s`%s`", i ? ", " : "", cv->settings.variants[i].name);
		vita_diag(d, VITA_ERROR, (vita_pos){cv->path, 0, 0}, "no variant `%s` in settings.variants (%s%s)", name,
		          names.len ? "it has " : "it has none", buf_str(&names));
		buf_free(&names);
		return -1;
	}
	vita_select sel = {(const char *const *)v->only, v->nonly, (const char *const *)v->except, v->nexcept};
	vita_cv_select(cv, &sel, d);
	return 0;
}
