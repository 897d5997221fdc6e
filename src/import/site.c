/*
 * A site folder is one person's profile: a folder holding `_config.yml` (Jekyll: academicpages,
 * AcadHomepage, al-folio) or `config/_default/` (Hugo Blox).  Its parts are read in this order and
 * merged into one CV — Jekyll: the owner's name and contacts from `_config.yml`, the about page
 * (`_pages/about.md`, else `about.md` or `index.md`), `_data/cv.yml`, `_publications/NAME.md`,
 * `_talks/NAME.md`, `_bibliography/papers.bib`, `assets/json/resume.json`; Hugo: the site owner's
 * `content/authors/NAME/_index.md` (the `superuser`, else `admin`).  A publication two parts list
 * (the about page and papers.bib) is kept once, by its title.  Posts and other pages are not read:
 * they are the site's, not the CV's.
 *
 * This file also tells the format of a file that is a site's part by its content (and, for a
 * collection item or a Hugo author, its folder), for `vita import FILE` on such a file alone.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import/import.h"
#include "io/io.h"
#include "normalize/normalize.h"
#include "load/inline.h"
#include "vita/schema.h"

static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	vita_buf b = {0};
	buf_printf(&b, "%.*s/%s", (int)n, dir, name);
	return buf_take(&b);
}

static bool has(const char *dir, const char *name, bool folder)
{
	char *p = join(dir, name);
	bool yes = folder ? is_dir(p) : is_file(p);
	free(p);
	return yes;
}

static bool jekyll(const char *dir)
{
	return has(dir, "_config.yml", false) || has(dir, "_config.yaml", false);
}

bool imp_is_site(const char *path)
{
	return is_dir(path) && (jekyll(path) || has(path, "config/_default", true));
}

/* ---- the format of a site's part, by content ---- */

/* True when a line of the front matter (data starts with "---") begins with key. */
static bool front_key(const char *data, size_t len, const char *key)
{
	const char *end = data + len, *close = NULL;
	for (const char *p = memchr(data, '\n', len); p && p + 1 < end; p = memchr(p + 1, '\n', (size_t)(end - p - 1))) {
		if ((size_t)(end - p - 1) >= 3 && !strncmp(p + 1, "---", 3)) {
			close = p;
			break;
		}
		size_t k = strlen(key);
		if ((size_t)(end - p - 1) > k && !strncmp(p + 1, key, k))
			return true;
	}
	(void)close;
	return false;
}

/* True when data holds s (memmem is a GNU extension). */
static bool holds(const char *data, size_t len, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= len; i++)
		if (data[i] == s[0] && memcmp(data + i, s, n) == 0)
			return true;
	return false;
}

/* The first byte that is not white space, or NULL. */
static const char *first_byte(const char *data, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
			return data + i;
	return NULL;
}

const char *imp_detect_site_part(const char *path, const char *data, size_t len)
{
	const char *f = first_byte(data, len);
	if (!f)
		return NULL;
	if (*f == '{')
		return holds(data, len, "\"basics\"") || holds(data, len, "\"work\"") ? "jsonresume" : NULL;
	if (len >= 4 && !strncmp(data, "---", 3) && (data[3] == '\n' || data[3] == '\r')) {
		if (front_key(data, len, "collection:") || strstr(path, "_publications/") || strstr(path, "_talks/"))
			return "collection";
		if (front_key(data, len, "publication_types:") || strstr(path, "content/publication"))
			return "hugo-publication";
		if (front_key(data, len, "role:") || front_key(data, len, "organizations:") ||
		    front_key(data, len, "superuser:") || front_key(data, len, "user_groups:") ||
		    strstr(path, "content/authors/"))
			return "hugo-author";
		return NULL;
	}
	/* al-folio's legacy cv.yml: a list of {title, type, contents}; or a RenderCV `cv:` */
	if (!strncmp(f, "- title:", 8) && holds(data, len, "type:") && holds(data, len, "contents:"))
		return "alfolio-cv";
	if (!strncmp(f, "cv:", 3) || holds(data, len, "\ncv:"))
		return "alfolio-cv";
	return NULL;
}

/* ---- reading a site ---- */

/* academicpages' author: linkedin, twitter (usernames), orcid, googlescholar (links). */
static void author_accounts(imp *m, const vita_node *au)
{
	static const struct {
		const char *key, *network, *prefix;
	} nets[] = {{"linkedin", "LinkedIn", "https://linkedin.com/in/"}, {"twitter", "X", "https://x.com/"},
	            {"orcid", "ORCID", "https://orcid.org/"}};
	for (size_t i = 0; i < sizeof nets / sizeof *nets; i++) {
		const char *v = imp_node_str(au, nets[i].key);
		if (!v)
			continue;
		const char *slash = strrchr(v, '/'); /* a link or the bare name */
		const char *user = slash && slash[1] ? slash + 1 : v;
		if (!*user || strpbrk(user, " \t?#"))
			continue;
		imp_connection(m, VITA_CONN_SOCIAL, nets[i].network, arena_strdup(m->L.a, user),
		               arena_printf(m->L.a, "%s%s", nets[i].prefix, user), vita_node_get(au, nets[i].key)->pos);
	}
	const char *gs = imp_node_str(au, "googlescholar");
	if (gs && !strncmp(gs, "https://", 8) && !strpbrk(gs, " \t"))
		imp_connection(m, VITA_CONN_CUSTOM, "graduation-cap", "Google Scholar", arena_strdup(m->L.a, gs),
		               vita_node_get(au, "googlescholar")->pos);
}

/* _config.yml: the owner's name and contacts (academicpages' `author:`, al-folio's first_name …).
 * The rest of the file configures the site, so it is not listed as not imported. */
static void config(imp *m, const char *path)
{
	size_t len;
	vita_diags *q = vita_diags_new();
	char *data = read_file(path, 1u << 20, &len, q);
	vita_node *root = data && !vita_check_encoding(path, data, len, q)
	                      ? vita_yaml_parse(m->L.a, imp_add_source(m, path, "Jekyll configuration"), data, len, NULL, q)
	                      : NULL;
	if (!root || root->kind != VITA_NODE_MAP) {
		vita_diag(m->L.d, VITA_WARNING, (vita_pos){path, 0, 0},
		          "the site's configuration cannot be read, so its owner's name is not taken from it");
		free(data);
		vita_diags_free(q);
		return;
	}
	const vita_node *au = vita_node_get(root, "author");
	const char *name = imp_node_str(au, "name");
	const vita_node *pos = name ? vita_node_get(au, "name") : vita_node_get(root, "first_name");
	const char *first = imp_node_str(root, "first_name"), *mid = imp_node_str(root, "middle_name");
	const char *last = imp_node_str(root, "last_name");
	if (!name && first && last)
		name = mid ? arena_printf(m->L.a, "%s %s %s", first, mid, last) : arena_printf(m->L.a, "%s %s", first, last);
	if (name && !m->L.cv->name.md)
		m->L.cv->name = imp_text(m, name, pos->pos);
	const char *email = imp_node_str(au, "email") ? imp_node_str(au, "email") : imp_node_str(root, "email");
	if (email && valid_email(email))
		imp_email(m, email, (vita_pos){path, 0, 0});
	const char *gh = imp_node_str(au, "github");
	if (gh && !strpbrk(gh, " \t/"))
		imp_github(m, gh, vita_node_get(au, "github")->pos);
	author_accounts(m, au);
	const char *loc = imp_node_str(au, "location");
	if (loc)
		imp_location(m, imp_node_md(m, vita_node_get(au, "location")), vita_node_get(au, "location")->pos);
	free(data);
	vita_diags_free(q);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir ending in ext (sorted), hidden files left out. */
static char **listing(const char *dir, const char *ext, size_t *n)
{
	*n = 0;
	DIR *dp = opendir(dir);
	if (!dp)
		return NULL;
	size_t cap = 16;
	char **v = xmalloc(cap * sizeof *v);
	for (struct dirent *e; (e = readdir(dp)) != NULL;) {
		size_t l = strlen(e->d_name), el = strlen(ext);
		if (e->d_name[0] == '.' || l < el || (el && (l == el || strcmp(e->d_name + l - el, ext) != 0)))
			continue;
		if (*n == cap)
			v = xrealloc(v, (cap *= 2) * sizeof *v);
		v[(*n)++] = xstrdup(e->d_name);
	}
	closedir(dp);
	qsort(v, *n, sizeof *v, cmp_name);
	return v;
}

static void free_listing(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* A part, when the site has it. */
static bool part(imp *m, const char *dir, const char *name, const char *fmt, vita_diags *d, bool *any)
{
	char *p = join(dir, name);
	bool ok = true;
	if (is_file(p)) {
		*any = true;
		ok = imp_read_path(m, p, fmt, d);
	}
	free(p);
	return ok;
}

/* Every item of a collection folder, newest first (their file names start with the date). */
static bool collection(imp *m, const char *dir, const char *sub, const char *title, vita_diags *d, bool *any)
{
	char *folder = join(dir, sub);
	size_t n;
	char **names = listing(folder, ".md", &n);
	vita_section *s = imp_find_section(m, title);
	size_t from = s ? s->nentries : 0;
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		char *p = join(folder, names[i]);
		ok &= imp_read_path(m, p, "collection", d);
		*any = true;
		free(p);
	}
	s = imp_find_section(m, title);
	if (s && s->nentries - from > 1)
		vita_sort_entries(s->entries + from, s->nentries - from, true);
	free_listing(names, n);
	free(folder);
	return ok;
}

static bool read_jekyll(imp *m, const char *dir, vita_diags *d, bool *any)
{
	char *cfg = join(dir, has(dir, "_config.yml", false) ? "_config.yml" : "_config.yaml");
	config(m, cfg);
	free(cfg);
	bool ok = true;
	static const char *const about[] = {"_pages/about.md", "_pages/about.markdown", "about.md", "index.md",
	                                    "index.markdown", NULL};
	for (size_t i = 0; about[i]; i++)
		if (has(dir, about[i], false)) {
			ok &= part(m, dir, about[i], "homepage", d, any);
			break;
		}
	ok &= part(m, dir, has(dir, "_data/cv.yml", false) ? "_data/cv.yml" : "_data/cv.yaml", "alfolio-cv", d, any);
	ok &= collection(m, dir, "_publications", "Publications", d, any);
	ok &= collection(m, dir, "_talks", "Talks", d, any);
	ok &= part(m, dir, "_bibliography/papers.bib", "bibtex", d, any);
	ok &= part(m, dir, "assets/json/resume.json", "jsonresume", d, any);
	return ok;
}

/* Hugo: the site owner's author profile — `superuser: true`, else the folder `admin`, else the
 * first by name; the others (co-authors of the site's papers) are not the CV's. */
static bool read_hugo(imp *m, const char *dir, vita_diags *d, bool *any)
{
	char *authors = join(dir, "content/authors");
	size_t n;
	char **names = listing(authors, "", &n);
	char *chosen = NULL;
	int best = 0; /* 3 superuser, 2 admin, 1 any */
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		char *p = arena_printf(m->L.a, "%s/%s/_index.md", authors, names[i]);
		if (!is_file(p))
			continue;
		count++;
		size_t len;
		vita_diags *q = vita_diags_new();
		char *data = read_file(p, 1u << 20, &len, q);
		int rank = data && strstr(data, "\nsuperuser: true") ? 3 : strcmp(names[i], "admin") == 0 ? 2 : 1;
		free(data);
		vita_diags_free(q);
		if (rank > best)
			best = rank, chosen = p;
	}
	free_listing(names, n);
	free(authors);
	if (!chosen)
		return true;
	*any = true;
	if (count > 1)
		vita_diag(d, VITA_NOTE, (vita_pos){chosen, 0, 0},
		          "the site has %zu author profiles; this one is the site owner's (superuser, else admin), "
		          "the others are not read",
		          count);
	bool ok = imp_read_path(m, chosen, "hugo-author", d);
	/* its publications: content/publication/NAME/index.md (newer sites: publications/) */
	const char *slash = strrchr(chosen, '/');
	const char *folder = slash ? slash : chosen;
	while (folder > chosen && folder[-1] != '/')
		folder--;
	m->owner_folder = arena_strndup(m->L.a, folder, (size_t)(slash - folder));
	vita_section *s = imp_find_section(m, "Publications");
	size_t from = s ? s->nentries : 0;
	for (int k = 0; k < 2 && ok; k++) {
		char *pubs = join(dir, k ? "content/publications" : "content/publication");
		names = listing(pubs, "", &n);
		for (size_t i = 0; i < n; i++) {
			char *p = arena_printf(m->L.a, "%s/%s/index.md", pubs, names[i]);
			if (is_file(p))
				ok &= imp_read_path(m, p, "hugo-publication", d);
		}
		free_listing(names, n);
		free(pubs);
	}
	s = imp_find_section(m, "Publications");
	if (s && s->nentries - from > 1)
		vita_sort_entries(s->entries + from, s->nentries - from, true);
	return ok;
}

bool imp_read_site(imp *m, const char *dir, vita_diags *d)
{
	bool any = false; /* every file read is recorded by read_file (vita build's freshness, --watch) */
	size_t errors = vita_diags_count(d, VITA_ERROR);
	bool ok = jekyll(dir) ? read_jekyll(m, dir, d, &any) : read_hugo(m, dir, d, &any);
	if (ok && !any) {
		vita_diag(d, VITA_ERROR, (vita_pos){dir, 0, 0},
		          "this site holds none of the parts vita reads (Jekyll: _pages/about.md, _data/cv.yml, "
		          "_publications/, _talks/, _bibliography/papers.bib, assets/json/resume.json; Hugo: "
		          "content/authors/NAME/_index.md)");
		return false;
	}
	size_t dup = imp_dedupe_publications(m);
	if (dup)
		m->derived = arena_printf(m->L.a, "%s%s%zu publication%s listed twice in the site (same title) kept once",
		                          m->derived, *m->derived ? "; " : "", dup, dup == 1 ? "" : "s");
	return ok && vita_diags_count(d, VITA_ERROR) == errors;
}
