/*
 * The CV loader: a RenderCV YAML file (or a JSON Resume file) → struct vita_cv (include/vita/cv.h).
 *
 * The steps: read the file (regular files only, size-capped) → check the encoding of every byte
 * (invalid UTF-8, NUL and control characters are errors at their line:col, and stop the load) →
 * parse YAML into a positioned tree (src/load/yaml.c) → build the model from the tree: the header
 * and its connections (here), sections and entries (entries.c), dates (date.c), authors (names.c),
 * locale (locale.c); JSON Resume files, recognised by `basics` at the top, go through jsonresume.c.
 * Every problem is reported with the value's line:col and its dotted path, RenderCV style
 * ("cv.sections.education[0].end_date"), and loading goes on so that one run shows everything wrong
 * in the file.  Every string of the model is NFC-normalized and parsed into inline spans once, here.
 *
 * Limits — each one is a specific error, so a hostile or broken file costs bounded time and memory:
 *
 *   what                                   limit        where
 *   file size                              16 MiB       VITA_MAX_FILE_SIZE (read_file)
 *   YAML nodes, aliases expanded           1,000,000    VITA_YAML_MAX_NODES (yaml.c)
 *   nesting depth                          64           VITA_YAML_MAX_DEPTH (yaml.c)
 *   entries in one CV (all sections)       50,000       VITA_MAX_ENTRIES (load_internal.h)
 *   bytes in one text field                64 KiB       VITA_MAX_FIELD_BYTES (load_internal.h)
 *   diagnostics kept per severity          200          diag.c (the rest are counted)
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "load/inline.h"
#include "image/image.h"
#include "load/json.h"
#include "load/load_internal.h"
#include "normalize/normalize.h"

/* ---- the path of the current value ---- */

/* Appends to the path, silently cut at its capacity (a path is only ever shown in a message). */
static void where_append(loader *L, const char *s, size_t n)
{
	size_t room = sizeof L->where - 1 - L->wlen;
	if (n > room) {
		n = room;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--; /* never half a character (it would show as \xNN) */
	}
	memcpy(L->where + L->wlen, s, n);
	L->wlen += n;
	L->where[L->wlen] = 0;
}

size_t where_push_key(loader *L, const char *key)
{
	size_t old = L->wlen;
	if (L->wlen)
		where_append(L, ".", 1);
	where_append(L, key, strlen(key));
	return old;
}

size_t where_push_index(loader *L, size_t i)
{
	size_t old = L->wlen;
	char digits[24], *p = digits + sizeof digits;
	*--p = ']';
	do
		*--p = (char)('0' + i % 10);
	while ((i /= 10) != 0);
	*--p = '[';
	where_append(L, p, (size_t)(digits + sizeof digits - p));
	return old;
}

void where_pop(loader *L, size_t len)
{
	L->wlen = len;
	L->where[len] = 0;
}

void lerr(loader *L, vita_severity sev, vita_pos pos, const char *fmt, ...)
{
	vita_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (L->wlen)
		vita_diag(L->d, sev, pos, "%s: %s", L->where, buf_str(&b));
	else
		vita_diag(L->d, sev, pos, "%s", buf_str(&b));
	buf_free(&b);
}

void *grow(loader *L, void *arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return arr;
	size_t nc = *cap ? *cap * 2 : 4;
	void *na = arena_array(L->a, nc, size);
	if (n)
		memcpy(na, arr, n * size);
	*cap = nc;
	return na;
}

vita_pos find_in_source(loader *L, vita_pos from, const char *text, size_t n)
{
	if (!L->data || from.line < 1 || !n)
		return from;
	if (!L->lines) {
		size_t cap = 64;
		L->lines = xmalloc(cap * sizeof *L->lines);
		L->lines[L->nlines++] = 0;
		for (size_t i = 0; i < L->len; i++)
			if (L->data[i] == '\n') {
				if (L->nlines == cap)
					L->lines = xrealloc(L->lines, (cap *= 2) * sizeof *L->lines);
				L->lines[L->nlines++] = i + 1;
			}
	}
	if ((size_t)from.line > L->nlines)
		return from;
	const char *nl = memchr(text, '\n', n);
	if (nl)
		n = (size_t)(nl - text);
	if (n > 32)
		n = 32;
	size_t start = L->lines[from.line - 1];
	/* A nested item is a few lines below its parent; never search far. */
	size_t end = start + 16384 < L->len ? start + 16384 : L->len;
	if (n == 0 || end - start < n)
		return from;
	const char *hit = NULL;
	for (const char *q = L->data + start; !hit && q + n <= L->data + end; q++) {
		q = memchr(q, text[0], (size_t)(L->data + end - q));
		if (!q || q + n > L->data + end)
			break;
		if (memcmp(q, text, n) == 0)
			hit = q;
	}
	if (!hit)
		return from;
	size_t off = (size_t)(hit - L->data);
	size_t lo = (size_t)from.line - 1, hi = L->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (L->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	int col = 1;
	for (size_t i = L->lines[lo]; i < off; i++)
		if (((unsigned char)L->data[i] & 0xC0) != 0x80)
			col++;
	vita_pos p = {from.file, (int)lo + 1, col};
	return p;
}

/* ---- values ---- */

const char *scalar_str(loader *L, const vita_node *n, const char *what)
{
	if (!n || vita_node_is_null(n))
		return NULL;
	if (n->kind != VITA_NODE_SCALAR) {
		lerr(L, VITA_ERROR, n->pos, "expected %s, got a %s", what, vita_node_type_name(n));
		return NULL;
	}
	return n->str;
}

static bool too_long(loader *L, size_t len, vita_pos pos)
{
	if (len <= VITA_MAX_FIELD_BYTES)
		return false;
	lerr(L, VITA_ERROR, pos, "this field is %zu bytes long; the limit for one field is %u bytes",
	     len, VITA_MAX_FIELD_BYTES);
	return true;
}

static void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t' || **s == '\n' || **s == '\r'))
		(*s)++, (*len)--;
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\n' ||
	                (*s)[*len - 1] == '\r'))
		(*len)--;
}

vita_text make_text(loader *L, const char *s, size_t len, vita_pos pos)
{
	vita_text t = {0};
	t.pos = pos;
	trim(&s, &len);
	if (too_long(L, len, pos))
		return t;
	t.md = vita_normalize(L->a, s, len, pos, L->d);
	t.spans = vita_inline_parse(L->a, t.md, pos, L->d);
	return t;
}

vita_text load_text(loader *L, const vita_node *n)
{
	vita_text t = {0};
	if (n)
		t.pos = n->pos;
	const char *s = scalar_str(L, n, "text");
	if (!s)
		return t;
	return make_text(L, s, n->len, n->pos);
}

const char *load_plain(loader *L, const vita_node *n)
{
	const char *s = scalar_str(L, n, "text");
	if (!s)
		return NULL;
	size_t len = n->len;
	trim(&s, &len);
	if (too_long(L, len, n->pos))
		return NULL;
	return vita_normalize(L->a, s, len, n->pos, L->d);
}

void warn_unknown_key(loader *L, const vita_node *key, const char *const *known, const char *in)
{
	for (size_t i = 0; known[i]; i++)
		if (strcmp(key->str, known[i]) == 0)
			return;
	/* The mapping's own path names where the key is; no "path:" prefix repeating it. */
	char where[sizeof L->where + 2];
	if (L->wlen)
		snprintf(where, sizeof where, "`%s`", L->where);
	else
		snprintf(where, sizeof where, "%s", in);
	const char *s = suggest(key->str, known);
	if (s)
		vita_diag(L->d, VITA_WARNING, key->pos, "unknown key `%s` in %s; did you mean `%s`? (ignored)",
		          key->str, where, s);
	else
		vita_diag(L->d, VITA_WARNING, key->pos, "unknown key `%s` in %s (ignored)", key->str, where);
}

/* ---- header: connections ---- */

static vita_connection *add_conn(loader *L, size_t *cap, vita_conn_kind kind, vita_pos pos)
{
	vita_cv *cv = L->cv;
	cv->connections = grow(L, cv->connections, cap, cv->nconnections, sizeof *cv->connections);
	vita_connection *c = &cv->connections[cv->nconnections++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->pos = pos;
	return c;
}

bool valid_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.'))
		return false;
	if (at[1] == '.' || s[strlen(s) - 1] == '.')
		return false;
	for (const char *p = s; *p; p++)
		if (*p == ' ' || *p == '\t' || *p == '<' || *p == '>' || *p == ',' || *p == ';' || *p == ':' ||
		    *p == '"' || *p == '(' || *p == ')' || *p == '[' || *p == ']' || *p == '\\')
			return false; /* not in an unquoted address (RFC 5322); "mailto:" belongs to the link */
	return true;
}

/* Digits and the usual separators; at least 5 digits. */
static bool valid_phone(const char *s, char *tel, size_t size)
{
	size_t digits = 0, w = 0;
	const char *p = s;
	if (*p == '+') {
		if (w + 1 < size)
			tel[w++] = '+';
		p++;
	}
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			digits++;
			if (w + 1 < size)
				tel[w++] = *p;
		} else if (!strchr(" -.()/", *p))
			return false;
	}
	tel[w] = 0;
	return digits >= 5 && digits <= 20;
}

/* "https://www.example.com/" → "www.example.com". */
static const char *clean_url(loader *L, const char *url)
{
	size_t n;
	const char *s = vita_url_shown(url, &n);
	return arena_strndup(L->a, s, n);
}

/* A single value or a list of values, each handled by fn. */
typedef void (*item_fn)(loader *L, const vita_node *v, size_t *cap);

static void one_or_list(loader *L, const vita_node *v, size_t *cap, item_fn fn)
{
	if (v->kind == VITA_NODE_SEQ) {
		for (size_t i = 0; i < v->n; i++) {
			size_t w = where_push_index(L, i);
			fn(L, v->kids[i], cap);
			where_pop(L, w);
		}
	} else
		fn(L, v, cap);
}

void load_email(loader *L, const vita_node *v, size_t *cap)
{
	const char *s = load_plain(L, v);
	if (!s)
		return;
	if (!valid_email(s)) {
		lerr(L, VITA_ERROR, v->pos, "\"%s\" is not a valid email address", s);
		return;
	}
	vita_connection *c = add_conn(L, cap, VITA_CONN_EMAIL, v->pos);
	c->text = s;
	c->url = arena_printf(L->a, "mailto:%s", s);
}

void load_phone(loader *L, const vita_node *v, size_t *cap)
{
	const char *s = load_plain(L, v);
	if (!s)
		return;
	char tel[64];
	if (!valid_phone(s, tel, sizeof tel)) {
		lerr(L, VITA_ERROR, v->pos,
		     "\"%s\" is not a valid phone number (write it with its country code, e.g. "
		     "\"+1 609 555 0100\")",
		     s);
		return;
	}
	vita_connection *c = add_conn(L, cap, VITA_CONN_PHONE, v->pos);
	c->text = s;
	c->url = arena_printf(L->a, "tel:%s", tel);
}

void load_website(loader *L, const vita_node *v, size_t *cap)
{
	const char *s = load_plain(L, v);
	if (!s)
		return;
	const char *url = s;
	if (!strstr(s, "://") && !strchr(s, ':') && strchr(s, '.') && !strchr(s, ' ')) {
		url = arena_printf(L->a, "https://%s", s);
		lerr(L, VITA_WARNING, v->pos, "website \"%s\" has no scheme; using \"%s\"", s, url);
	}
	if (strlen(url) > VITA_MAX_URL_BYTES) {
		lerr(L, VITA_WARNING, v->pos, "website \"%.200s…\" is left out: %s", s, vita_url_refusal(L->a, url));
		return;
	}
	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0) {
		lerr(L, VITA_WARNING, v->pos,
		     "website \"%s\" is not an http or https link; it is left out", s);
		return;
	}
	vita_connection *c = add_conn(L, cap, VITA_CONN_WEBSITE, v->pos);
	c->text = clean_url(L, url);
	c->url = url;
}

/* RenderCV's networks, their profile URL prefixes, and the username rules it enforces. */
static const struct network {
	const char *name;
	const char *prefix; /* NULL: built specially (Mastodon) */
} networks[] = {
    {"LinkedIn", "https://linkedin.com/in/"},
    {"GitHub", "https://github.com/"},
    {"GitLab", "https://gitlab.com/"},
    {"IMDB", "https://imdb.com/name/"},
    {"Instagram", "https://instagram.com/"},
    {"ORCID", "https://orcid.org/"},
    {"Mastodon", NULL},
    {"StackOverflow", "https://stackoverflow.com/users/"},
    {"ResearchGate", "https://researchgate.net/profile/"},
    {"YouTube", "https://youtube.com/@"},
    {"Google Scholar", "https://scholar.google.com/citations?user="},
    {"Telegram", "https://t.me/"},
    {"WhatsApp", "https://wa.me/"},
    {"Leetcode", "https://leetcode.com/u/"},
    {"X", "https://x.com/"},
    {"Bluesky", "https://bsky.app/profile/"},
    {"Reddit", "https://reddit.com/user/"},
};
#define NNETWORKS (sizeof networks / sizeof *networks)

static bool all_chars(const char *s, const char *set, bool alnum)
{
	for (; *s; s++) {
		bool ok = (alnum && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		                     (*s >= '0' && *s <= '9'))) ||
		          strchr(set, *s);
		if (!ok)
			return false;
	}
	return true;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* NULL when username suits the network, else what is wrong. */
static const char *check_username(const char *net, const char *u)
{
	size_t n = strlen(u);
	if (strcmp(net, "Mastodon") == 0) {
		const char *at2 = n > 1 ? strchr(u + 1, '@') : NULL;
		if (u[0] != '@' || !at2 || at2 == u + 1 || !at2[1] || strchr(at2 + 1, '@'))
			return "a Mastodon username is written \"@username@domain\"";
	} else if (strcmp(net, "StackOverflow") == 0) {
		const char *sl = strchr(u, '/');
		if (!sl || sl == u || !all_digits(u, (size_t)(sl - u)) || !sl[1] || strchr(sl + 1, '/'))
			return "a StackOverflow username is written \"user_id/username\", e.g. \"12345/jdoe\"";
	} else if (strcmp(net, "YouTube") == 0) {
		if (u[0] == '@')
			return "a YouTube username is written without the leading \"@\"";
	} else if (strcmp(net, "ORCID") == 0) {
		bool ok = n == 19 && u[4] == '-' && u[9] == '-' && u[14] == '-' && all_digits(u, 4) &&
		          all_digits(u + 5, 4) && all_digits(u + 10, 4) && all_digits(u + 15, 3) &&
		          ((u[18] >= '0' && u[18] <= '9') || u[18] == 'X');
		if (!ok)
			return "an ORCID iD is written \"XXXX-XXXX-XXXX-XXXX\" (digits; the last may be X)";
	} else if (strcmp(net, "IMDB") == 0) {
		if (!(n == 9 && u[0] == 'n' && u[1] == 'm' && all_digits(u + 2, 7)))
			return "an IMDB name is written \"nm\" and 7 digits, e.g. \"nm0000123\"";
	} else if (strcmp(net, "Bluesky") == 0) {
		if (u[0] == '@' || !strchr(u, '.') || !all_chars(u, "-.", true) || u[0] == '.' ||
		    u[n - 1] == '.' || strstr(u, ".."))
			return "a Bluesky username is a handle without \"@\", e.g. \"jdoe.bsky.social\"";
	} else if (strcmp(net, "WhatsApp") == 0) {
		char tel[64];
		if (u[0] != '+' || !valid_phone(u, tel, sizeof tel))
			return "a WhatsApp username is a phone number with its country code, e.g. \"+1 609 555 0100\"";
	} else if (strcmp(net, "Reddit") == 0) {
		if (n < 3 || n > 23 || !all_chars(u, "_-", true))
			return "a Reddit username has 3 to 23 letters, digits, \"_\" or \"-\"";
	}
	if (strchr(u, ' ') && strcmp(net, "WhatsApp") != 0)
		return "a username cannot contain spaces";
	return NULL;
}

static void social_item(loader *L, const vita_node *v, size_t *cap)
{
	static const char *const keys[] = {"network", "username", NULL};
	if (v->kind != VITA_NODE_MAP) {
		lerr(L, VITA_ERROR, v->pos, "expected a mapping with `network` and `username`, got a %s",
		     vita_node_type_name(v));
		return;
	}
	for (size_t i = 0; i + 1 < v->n; i += 2)
		warn_unknown_key(L, v->kids[i], keys, "a social network");
	const vita_node *nn = vita_node_get(v, "network"), *un = vita_node_get(v, "username");
	if (!nn || vita_node_is_null(nn) || !un || vita_node_is_null(un)) {
		lerr(L, VITA_ERROR, v->pos, "a social network needs `%s`",
		     !nn || vita_node_is_null(nn) ? "network" : "username");
		return;
	}
	size_t w = where_push_key(L, "network");
	const char *net = load_plain(L, nn);
	const struct network *found = NULL;
	if (net) {
		for (size_t i = 0; i < NNETWORKS; i++)
			if (strcasecmp(networks[i].name, net) == 0)
				found = &networks[i];
		if (!found && strcasecmp(net, "Twitter") == 0)
			found = &networks[14]; /* X */
		if (!found) {
			const char *names[NNETWORKS + 1];
			for (size_t i = 0; i < NNETWORKS; i++)
				names[i] = networks[i].name;
			names[NNETWORKS] = NULL;
			const char *s = suggest(net, names);
			lerr(L, VITA_ERROR, nn->pos,
			     "unknown network \"%s\"%s%s%s; vita knows LinkedIn, GitHub, GitLab, IMDB, Instagram, "
			     "ORCID, Mastodon, StackOverflow, ResearchGate, YouTube, Google Scholar, Telegram, "
			     "WhatsApp, Leetcode, X, Bluesky, Reddit (use `custom_connections` for others)",
			     net, s ? " (did you mean \"" : "", s ? s : "", s ? "\"?)" : "");
		}
	}
	where_pop(L, w);
	w = where_push_key(L, "username");
	const char *user = load_plain(L, un);
	if (found && user) {
		const char *why = check_username(found->name, user);
		if (why)
			lerr(L, VITA_ERROR, un->pos, "\"%s\": %s", user, why);
		else {
			vita_connection *c = add_conn(L, cap, VITA_CONN_SOCIAL, v->pos);
			c->network = found->name;
			c->text = strcmp(found->name, "Google Scholar") == 0 ? "Google Scholar" : user;
			if (!found->prefix) {
				const char *at2 = strchr(user + 1, '@');
				c->url = arena_printf(L->a, "https://%s/@%.*s", at2 + 1, (int)(at2 - user - 1),
				                      user + 1);
			} else
				c->url = arena_printf(L->a, "%s%s", found->prefix, user);
		}
	}
	where_pop(L, w);
}

static void custom_item(loader *L, const vita_node *v, size_t *cap)
{
	static const char *const keys[] = {"placeholder", "url", "fontawesome_icon", NULL};
	if (v->kind != VITA_NODE_MAP) {
		lerr(L, VITA_ERROR, v->pos,
		     "expected a mapping with `placeholder`, `url` and `fontawesome_icon`, got a %s",
		     vita_node_type_name(v));
		return;
	}
	for (size_t i = 0; i + 1 < v->n; i += 2)
		warn_unknown_key(L, v->kids[i], keys, "a custom connection");
	const vita_node *pn = vita_node_get(v, "placeholder");
	if (!pn || vita_node_is_null(pn)) {
		lerr(L, VITA_ERROR, v->pos, "a custom connection needs `placeholder` (the text shown)");
		return;
	}
	size_t w = where_push_key(L, "placeholder");
	const char *text = load_plain(L, pn);
	where_pop(L, w);
	if (!text)
		return;
	vita_connection *c = add_conn(L, cap, VITA_CONN_CUSTOM, v->pos);
	c->text = text;
	const vita_node *un = vita_node_get(v, "url");
	if (un && !vita_node_is_null(un)) {
		w = where_push_key(L, "url");
		const char *url = load_plain(L, un);
		if (url && vita_url_allowed(url))
			c->url = url;
		else if (url)
			lerr(L, VITA_WARNING, un->pos,
			     "link \"%s\" is not http, https or mailto; the connection is shown without it", url);
		where_pop(L, w);
	}
	const vita_node *in = vita_node_get(v, "fontawesome_icon");
	if (in && !vita_node_is_null(in)) {
		w = where_push_key(L, "fontawesome_icon");
		c->network = load_plain(L, in);
		where_pop(L, w);
	}
}

/* Both backends take PNG and JPEG only.  A file that is neither, or does not decode whole (a
 * truncated download, a bad checksum, a 100,000-pixel-wide header in 74 bytes), is found here by
 * decoding it (src/image/), like a missing photo, so that the warning names cv.photo's line and
 * every backend renders without it (P2, P6). */
static void photo(loader *L, const vita_node *v)
{
	const char *s = load_plain(L, v);
	if (!s || !*s)
		return;
	L->cv->photo_pos = v->pos;
	if (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0) {
		lerr(L, VITA_WARNING, v->pos,
		     "vita does not download photos; save \"%s\" beside the CV and give its file name. "
		     "The CV is rendered without a photo",
		     s);
		return;
	}
	const char *full = s;
	const char *slash = strrchr(L->path, '/');
	if (s[0] != '/' && slash)
		full = arena_printf(L->a, "%.*s/%s", (int)(slash - L->path), L->path, s);
	struct stat st;
	if (stat(full, &st) != 0) {
		lerr(L, VITA_WARNING, v->pos, "photo not found: \"%s\"; the CV is rendered without a photo",
		     full);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		lerr(L, VITA_WARNING, v->pos,
		     "photo \"%s\" is %s, not an image file; the CV is rendered without a photo", full,
		     S_ISDIR(st.st_mode) ? "a folder" : "a device, pipe or socket");
		return;
	}
	const char *refused = vita_confine_refusal(L->path, full);
	if (refused) {
		lerr(L, VITA_WARNING, v->pos, "photo \"%s\" %s; the CV is rendered without a photo", s, refused);
		return;
	}
	char whybuf[256];
	const char *why = vita_image_check(full, NULL, NULL, NULL, whybuf, sizeof whybuf);
	if (why) {
		lerr(L, VITA_WARNING, v->pos, "photo \"%s\" %s; the CV is rendered without a photo", full, why);
		return;
	}
	L->cv->photo = full;
}

static const char *const cv_keys[] = {"name",    "headline",        "location",           "email",
                                      "phone",   "website",         "photo",              "social_networks",
                                      "custom_connections", "sections", NULL};

static void load_header(loader *L, const vita_node *m)
{
	vita_cv *cv = L->cv;
	size_t cap = 0;
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const vita_node *k = m->kids[i], *v = m->kids[i + 1];
		const char *key = k->str;
		if (vita_node_is_null(v) && strcmp(key, "sections") != 0)
			continue;
		size_t w = where_push_key(L, key);
		if (strcmp(key, "name") == 0)
			cv->name = load_text(L, v);
		else if (strcmp(key, "headline") == 0)
			cv->headline = load_text(L, v);
		else if (strcmp(key, "location") == 0) {
			cv->location = load_text(L, v);
			if (cv->location.md && *cv->location.md) {
				vita_connection *c = add_conn(L, &cap, VITA_CONN_LOCATION, v->pos);
				c->text = cv->location.md;
			}
		} else if (strcmp(key, "email") == 0)
			one_or_list(L, v, &cap, load_email);
		else if (strcmp(key, "phone") == 0)
			one_or_list(L, v, &cap, load_phone);
		else if (strcmp(key, "website") == 0)
			one_or_list(L, v, &cap, load_website);
		else if (strcmp(key, "photo") == 0)
			photo(L, v);
		else if (strcmp(key, "social_networks") == 0 || strcmp(key, "custom_connections") == 0) {
			if (v->kind != VITA_NODE_SEQ)
				lerr(L, VITA_ERROR, v->pos, "expected a list, got a %s", vita_node_type_name(v));
			else
				one_or_list(L, v, &cap, key[0] == 's' ? social_item : custom_item);
		} else if (strcmp(key, "sections") == 0)
			load_sections(L, v);
		else {
			where_pop(L, w);
			/* A section written straight under cv: is a common slip. */
			if (v->kind == VITA_NODE_SEQ && !suggest(key, cv_keys))
				vita_diag(L->d, VITA_WARNING, k->pos,
				          "unknown key `%s` in `cv` (ignored); sections go under `cv.sections`", key);
			else
				warn_unknown_key(L, k, cv_keys, "`cv`");
			continue;
		}
		where_pop(L, w);
	}
}

/* ---- settings ---- */

static void load_settings(loader *L, const vita_node *m)
{
	static const char *const keys[] = {"current_date", "bold_keywords", "pdf_title", "render_command",
	                                   "sections", "bold_owner", NULL};
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
		else if (strcmp(k->str, "render_command") == 0) {
			load_render_command(L, v); /* overlay.c */
		} else {
			where_pop(L, w2);
			warn_unknown_key(L, k, keys, "`settings`");
			continue;
		}
		where_pop(L, w2);
	}
	where_pop(L, w);
}

/* ---- the whole file ---- */

static const char *const top_keys[] = {"cv", "design", "locale", "settings", NULL};

static void load_rendercv(loader *L, const vita_node *root)
{
	vita_cv *cv = L->cv;
	for (size_t i = 0; i + 1 < root->n; i += 2) {
		const vita_node *k = root->kids[i];
		bool known = false;
		for (size_t j = 0; top_keys[j]; j++)
			if (strcmp(k->str, top_keys[j]) == 0)
				known = true;
		if (known)
			continue;
		const char *s = suggest(k->str, top_keys);
		if (s)
			vita_diag(L->d, VITA_ERROR, k->pos,
			          "unknown top-level key `%s`; did you mean `%s`? (the top level holds only "
			          "`cv`, `design`, `locale` and `settings`)",
			          k->str, s);
		else
			vita_diag(L->d, VITA_ERROR, k->pos,
			          "unknown top-level key `%s` (the top level holds only `cv`, `design`, "
			          "`locale` and `settings`)",
			          k->str);
	}
	/* settings and locale first: "present" and dates depend on them whatever the key order. */
	load_settings(L, vita_node_get(root, "settings"));
	load_locale(L, vita_node_get(root, "locale"));
	const vita_node *design = vita_node_get(root, "design");
	if (design && !vita_node_is_null(design)) {
		cv->design = design;
		load_date_templates(L, design);
	}
	const vita_node *c = vita_node_get(root, "cv");
	if (!c) {
		vita_diag(L->d, VITA_ERROR, root->pos,
		          "no `cv:` key: a RenderCV file starts with `cv:` (name, sections, …)");
		return;
	}
	size_t w = where_push_key(L, "cv");
	if (c->kind != VITA_NODE_MAP)
		lerr(L, VITA_ERROR, c->pos, "expected a mapping (name, sections, …), got a %s",
		     vita_node_type_name(c));
	else
		load_header(L, c);
	where_pop(L, w);
	if (L->section_order)
		order_sections(L, L->section_order);
	finish_cv(L);
}

/* Every mapping key must be a scalar (the YAML reader lets a lone complex key through); checked
 * once here so that the builders can read key->str everywhere. */
static size_t check_keys(vita_diags *d, const vita_node *n, size_t depth)
{
	size_t bad = 0;
	if (n->kind == VITA_NODE_SCALAR || depth > VITA_YAML_MAX_DEPTH + 1)
		return 0;
	for (size_t i = 0; i < n->n; i++) {
		const vita_node *k = n->kids[i];
		if (n->kind == VITA_NODE_MAP && i % 2 == 0 && k->kind != VITA_NODE_SCALAR) {
			vita_diag(d, VITA_ERROR, k->pos, "a mapping key must be plain text, not a %s",
			          vita_node_type_name(k));
			bad++;
			continue;
		}
		bad += check_keys(d, k, depth + 1);
	}
	return bad;
}

/* A .json file is read as JSON (M2): yajl accepts what RFC 8259 accepts and its messages say
 * JSON; everything else is YAML. */
static bool is_json_path(const char *path)
{
	size_t n = strlen(path);
	return n >= 5 && strcasecmp(path + n - 5, ".json") == 0;
}

vita_cv *vita_cv_load_mem(const char *path, const char *data, size_t len, vita_diags *d)
{
	return vita_cv_load_mem_opts(path, data, len, NULL, d);
}

vita_cv *vita_cv_load_mem_opts(const char *path, const char *data, size_t len, const vita_load_opts *o,
                               vita_diags *d)
{
	vita_diags_add_source(d, path, data, len);
	if (vita_check_encoding(path, data, len, d))
		return NULL;
	vita_arena *a = arena_new();
	vita_cv *cv = arena_alloc(a, sizeof *cv);
	cv->arena = a;
	cv->path = arena_strdup(a, path);
	cv->source_len = len;
	locale_english(&cv->locale);
	cv->settings.current_date = today_date();
	loader L = {.a = a, .d = d, .cv = cv, .path = cv->path, .start_key = "start_date",
	            .end_key = "end_date", .data = data, .len = len};
	vita_node *root = is_json_path(path) ? vita_json_parse(a, cv->path, data, len, NULL, d)
	                                     : vita_yaml_parse(a, cv->path, data, len, NULL, d);
	if (!root) {
		arena_free(a);
		return NULL;
	}
	if (check_keys(d, root, 0)) {
		arena_free(a);
		return NULL;
	}
	if (root->kind != VITA_NODE_MAP) {
		vita_diag(d, VITA_ERROR, root->pos,
		          "the top level must be a mapping with `cv:` (a RenderCV CV) or `basics:` (a JSON "
		          "Resume), got a %s",
		          vita_node_type_name(root));
		arena_free(a);
		return NULL;
	}
	/* split files and --cv.x overrides, before validation; their keys are checked like the file's */
	if (apply_overlays(&L, root, o) && check_keys(d, root, 0)) {
		arena_free(a);
		return NULL;
	}
	if (!vita_node_get(root, "cv") && vita_node_get(root, "basics")) {
		L.start_key = "startDate";
		L.end_key = "endDate";
		load_jsonresume(&L, root);
		free(L.lines);
		return cv;
	}
	load_rendercv(&L, root);
	free(L.lines);
	if (!vita_node_get(root, "cv")) {
		arena_free(a);
		return NULL;
	}
	return cv;
}

vita_cv *vita_cv_load(const char *path, vita_diags *d)
{
	return vita_cv_load_opts(path, NULL, d);
}

vita_cv *vita_cv_load_opts(const char *path, const vita_load_opts *o, vita_diags *d)
{
	size_t len;
	char *data = read_file(path, VITA_MAX_FILE_SIZE, &len, d);
	if (!data)
		return NULL;
	vita_cv *cv = vita_cv_load_mem_opts(path, data, len, o, d);
	free(data);
	return cv;
}

void vita_cv_free(vita_cv *cv)
{
	if (cv)
		arena_free(cv->arena);
}
