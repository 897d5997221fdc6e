/*
 * The CV's header: name, headline, location and the connections (email, phone, website, social
 * networks, custom connections) in the order the file gives them, and the photo.  Contacts are
 * validated here for RenderCV files and, through load_email/load_phone/load_website, for JSON
 * Resume files alike; a social network's username is checked the way RenderCV checks it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "image/image.h"
#include "load/inline.h"
#include "load/load_internal.h"
#include "vita/jsonschema.h"
#include "vita/icons.h"

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
		vita_icon ic;
		if (c->network && !vita_icon_find(c->network, &ic)) {
			const char *near = vita_icon_suggest(c->network);
			lerr(L, VITA_WARNING, in->pos,
			     "unknown Font Awesome icon `%s`%s%s%s; the connection is shown without an icon (names "
			     "are Font Awesome 6 Free's, as on fontawesome.com/search)",
			     c->network, near ? " (did you mean `" : "", near ? near : "", near ? "`?)" : "");
		}
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
	int pw = 0, ph = 0;
	const char *why = vita_image_check(full, NULL, &pw, &ph, whybuf, sizeof whybuf);
	if (why) {
		lerr(L, VITA_WARNING, v->pos, "photo \"%s\" %s; the CV is rendered without a photo", full, why);
		return;
	}
	L->cv->photo = full;
	L->cv->photo_w = pw;
	L->cv->photo_h = ph;
}

static const char *const cv_keys[] = {"name",    "headline",        "location",           "email",
                                      "phone",   "website",         "photo",              "social_networks",
                                      "custom_connections", "sections", NULL};

void load_header(loader *L, const vita_node *m)
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

/* For `vita schema` (load/jsonschema.c): cv's keys, and the social networks by name. */
const char *const *load_cv_keys(void)
{
	return cv_keys;
}

const char *load_network_name(size_t i)
{
	return i < sizeof networks / sizeof networks[0] ? networks[i].name : NULL;
}
