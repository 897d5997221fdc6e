/*
 * Custom themes beside the CV: `design.theme: mytheme` where the CV's folder holds mytheme.yaml, or
 * a folder mytheme/ with theme.yaml (or mytheme.yaml) in it — a vita style file, laid over classic
 * as vita's own themes are, or over the theme its own design.theme names (style.c).  RenderCV's custom themes are folders of Jinja templates for Typst
 * (*.j2.typ), which vita cannot run: such a folder is an error saying so and what to write instead.
 * Under confinement (`vita build`, `--untrusted`) a theme file outside the folders the render may
 * read is not read, with a warning at the key.  Also the listing of `vita themes`.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "style/style_internal.h"
#include "vita.h"

/* The CV's folder ("." for a CV given without one). */
static char *cv_dir(const char *cv_path)
{
	char *dir = xstrdup(cv_path && strchr(cv_path, '/') ? cv_path : "./x");
	char *slash = strrchr(dir, '/');
	*(slash == dir ? slash + 1 : slash) = 0;
	return dir;
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* True when folder dir holds a RenderCV template (*.j2.typ). */
static bool has_jinja(const char *dir)
{
	DIR *dp = opendir(dir);
	bool found = false;
	for (struct dirent *e; dp && !found && (e = readdir(dp));) {
		size_t n = strlen(e->d_name);
		found = n > 7 && strcmp(e->d_name + n - 7, ".j2.typ") == 0;
	}
	if (dp)
		closedir(dp);
	return found;
}

/* The style file of theme name in folder dir, or NULL; *jinja when dir/name/ is a RenderCV theme
 * folder without one. */
static char *find_in(const char *dir, const char *name, bool *jinja)
{
	*jinja = false;
	char *p = NULL;
	vita_buf b = {0};
	buf_printf(&b, "%s/%s.yaml", dir, name);
	if (access(buf_str(&b), R_OK) == 0 && !is_dir(buf_str(&b)))
		return buf_take(&b);
	buf_reset(&b);
	buf_printf(&b, "%s/%s", dir, name);
	if (is_dir(buf_str(&b))) {
		static const char *const inside[] = {"theme.yaml", NULL};
		char *folder = buf_take(&b);
		for (size_t i = 0; !p && i < 2; i++) {
			buf_reset(&b);
			buf_printf(&b, "%s/%s", folder, inside[i] ? inside[i] : "");
			if (!inside[i])
				buf_printf(&b, "%s.yaml", name);
			if (access(buf_str(&b), R_OK) == 0)
				p = buf_take(&b);
		}
		*jinja = !p && has_jinja(folder);
		free(folder);
	}
	buf_free(&b);
	return p;
}

char *style_custom_theme(const char *cv_path, const char *name, vita_pos pos, vita_diags *d, bool *reported)
{
	*reported = false;
	char *dir = cv_dir(cv_path);
	bool jinja;
	char *p = find_in(dir, name, &jinja);
	free(dir);
	if (jinja) {
		vita_diag(d, VITA_ERROR, pos,
		          "theme `%s` is a RenderCV theme folder (Jinja templates for Typst, *.j2.typ), which vita "
		          "cannot run; write the look as a vita style file instead: %s/theme.yaml (or %s.yaml beside "
		          "the CV) holding a `design:` mapping with RenderCV's design keys, laid over classic "
		          "(vita's styles/*.yaml are examples)",
		          name, name, name);
		*reported = true;
		return NULL;
	}
	const char *refusal = p ? vita_confine_refusal(cv_path, p) : NULL;
	if (refusal) {
		vita_diag(d, VITA_WARNING, pos, "theme `%s`: %s %s; using classic", name, p, refusal);
		free(p);
		*reported = true;
		return NULL;
	}
	return p;
}

/* The first comment line of a style file, without "# " (its description), or a default. */
static void put_description(FILE *out, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];
	bool done = false;
	while (f && !done && fgets(line, sizeof line, f)) {
		if (line[0] != '#')
			break;
		char *t = line + 1 + (line[1] == ' ');
		t[strcspn(t, "\n")] = 0;
		if (*t) {
			fprintf(out, "%s\n", t);
			done = true;
		}
	}
	if (f)
		fclose(f);
	if (!done)
		fputs("a vita style file\n", out);
}

/* A CV beside the themes is not one: a style file has a top-level `design:` and no `cv:`. */
bool vita_is_style_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];
	bool style = false;
	while (f && fgets(line, sizeof line, f)) {
		if (strncmp(line, "cv:", 3) == 0) {
			style = false;
			break;
		}
		style = style || strncmp(line, "design:", 7) == 0;
	}
	if (f)
		fclose(f);
	return style;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t style_list_custom_themes(const char *dir, FILE *out)
{
	DIR *dp = opendir(dir);
	size_t n = 0;
	char **names = NULL;
	for (struct dirent *e; dp && (e = readdir(dp));) {
		if (e->d_name[0] == '.')
			continue;
		size_t len = strlen(e->d_name);
		char *name = xstrdup(e->d_name);
		if (len > 5 && strcmp(name + len - 5, ".yaml") == 0)
			name[len - 5] = 0;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = name;
	}
	if (dp)
		closedir(dp);
	if (n) /* readdir's order is the file system's: listed by name */
		qsort(names, n, sizeof *names, cmp_name);
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		bool jinja, dup = i > 0 && strcmp(names[i - 1], names[i]) == 0; /* NAME and NAME.yaml */
		char *p = dup ? NULL : find_in(dir, names[i], &jinja);
		if (!dup && (p || jinja) && style_theme_name_ok(names[i]) && (!p || vita_is_style_file(p))) {
			fprintf(out, "  %-20s ", names[i]);
			if (jinja)
				fputs("a RenderCV theme folder (Jinja/Typst templates): vita cannot run it\n", out);
			else
				put_description(out, p);
			shown++;
		}
		free(p);
	}
	for (size_t i = 0; i < n; i++) /* after the loop: the duplicate check reads the names before */
		free(names[i]);
	free(names);
	return shown;
}

/* vita's themes (RenderCV's nine), one line each: their look, as RenderCV draws them. */
static const struct {
	const char *name, *look;
} builtin[] = {
    {"classic", "Source Sans 3; blue name and titles with a partial rule; icons (the default)"},
    {"moderncv", "Fontin (Gentium Book Plus standing in); dates on the left, a thick rule before each title; icons"},
    {"sb2nov", "New Computer Modern; black, titles with a full rule"},
    {"engineeringresumes", "XCharter; a compact black one-pager, titles with a full rule"},
    {"engineeringclassic", "Raleway; a light left-aligned name, blue titles with a full rule; icons"},
    {"harvard", "XCharter; black, centred titles with centred partial rules, \"•\" separators"},
    {"ink", "EB Garamond; navy, small-caps titles, \"|\" separators with URLs"},
    {"opal", "Lato; teal, centred titles, \"•\" separators; icons"},
    {"ember", "Ubuntu, the name in Gentium Book Plus; dark red, centred small-caps titles, ◆ bullets"},
};

void vita_themes_list(const char *dir, FILE *out)
{
	fputs("vita's themes (design.theme):\n", out);
	for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
		fprintf(out, "  %-20s %s\n", builtin[i].name, builtin[i].look);
	fprintf(out, "Custom themes in %s (NAME.yaml or NAME/theme.yaml, a vita style file):\n", dir);
	if (!style_list_custom_themes(dir, out))
		fputs("  (none)\n", out);
}
