/*
 * settings.variants (vita's key, issue 16): named selections by tag,
 *
 *     settings:
 *       variants:
 *         industry: {only: [industry]}
 *         short: {except: [long, academic]}
 *
 * A plain render ignores them; `vita render --variant NAME` and `vita build --variants` use them
 * (src/model/variants.c applies one).  A variant's name becomes part of a file name
 * (OUTDIR/STEM--NAME.pdf), so it is refused unless it is letters, digits, '_' and '-', and it may
 * not hold "--", which separates the profile's name from the variant's.
 */
#include <string.h>

#include "load/load_internal.h"

/* Why name cannot be part of a file name, or NULL when it can. */
static const char *bad_name(const char *s)
{
	if (!*s)
		return "it is empty";
	if (strlen(s) > 64)
		return "it is longer than 64 bytes";
	if (s[0] == '-')
		return "it starts with '-'";
	if (strstr(s, "--"))
		return "it holds \"--\", which separates the profile's name from the variant's in OUTDIR/NAME--VARIANT.pdf";
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' ||
		      *p == '-'))
			return "only letters, digits, '_' and '-' may name a variant (it becomes part of a file name)";
	return NULL;
}

static void load_variant(loader *L, vita_variant *var, const vita_node *k, const vita_node *v)
{
	static const char *const keys[] = {"only", "except", NULL};
	var->name = arena_strdup(L->a, k->str);
	var->pos = k->pos;
	if (v->kind != VITA_NODE_MAP) {
		lerr(L, VITA_ERROR, v->pos, "expected a mapping with `only:` and/or `except:` (lists of tags), got a %s",
		     vita_node_type_name(v));
		return;
	}
	for (size_t i = 0; i + 1 < v->n; i += 2) {
		const vita_node *kk = v->kids[i], *vv = v->kids[i + 1];
		size_t w = where_push_key(L, kk->str);
		if (strcmp(kk->str, "only") == 0 && !vita_node_is_null(vv))
			var->only = load_tags(L, vv, &var->nonly);
		else if (strcmp(kk->str, "except") == 0 && !vita_node_is_null(vv))
			var->except = load_tags(L, vv, &var->nexcept);
		else if (strcmp(kk->str, "only") != 0 && strcmp(kk->str, "except") != 0) {
			where_pop(L, w);
			warn_unknown_key(L, kk, keys, "a variant");
			continue;
		}
		where_pop(L, w);
	}
}

void load_variants(loader *L, const vita_node *m)
{
	if (m->kind != VITA_NODE_MAP) {
		lerr(L, VITA_ERROR, m->pos, "expected a mapping of variant names to {only: [...], except: [...]}, got a %s",
		     vita_node_type_name(m));
		return;
	}
	vita_settings *s = &L->cv->settings;
	s->variants = arena_array(L->a, m->n / 2 ? m->n / 2 : 1, sizeof *s->variants);
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const vita_node *k = m->kids[i], *v = m->kids[i + 1];
		size_t w = where_push_key(L, k->str);
		const char *why = bad_name(k->str);
		if (why)
			lerr(L, VITA_ERROR, k->pos, "`%s` cannot name a variant: %s", k->str, why);
		else
			load_variant(L, &s->variants[s->nvariants++], k, v);
		where_pop(L, w);
	}
}

/* Whether any entry or section of the CV carries tag. */
static bool tag_used(const vita_cv *cv, const char *tag)
{
	for (size_t i = 0; i < cv->nsections; i++) {
		const vita_section *s = &cv->sections[i];
		for (size_t k = 0; k < s->ntags; k++)
			if (strcmp(s->tags[k], tag) == 0)
				return true;
		for (size_t j = 0; j < s->nentries; j++)
			for (size_t k = 0; k < s->entries[j].ntags; k++)
				if (strcmp(s->entries[j].tags[k], tag) == 0)
					return true;
	}
	return false;
}

static void check_tags(loader *L, const vita_variant *v, const char *const *tags, size_t n, const char *list)
{
	for (size_t i = 0; i < n; i++)
		if (!tag_used(L->cv, tags[i]))
			vita_diag(L->d, VITA_WARNING, v->pos,
			          "settings.variants.%s: no entry or section is tagged `%s` (its %s: list names it; a typo?)",
			          v->name, tags[i], list);
}

void check_variants(loader *L)
{
	const vita_settings *s = &L->cv->settings;
	for (size_t i = 0; i < s->nvariants; i++) {
		check_tags(L, &s->variants[i], (const char *const *)s->variants[i].only, s->variants[i].nonly, "only");
		check_tags(L, &s->variants[i], (const char *const *)s->variants[i].except, s->variants[i].nexcept, "except");
	}
}
