/*
 * Authors of publications: the owner's emphasis, note markers, and finding the owner by name.
 *
 * RenderCV users mark themselves with Markdown emphasis around the whole name (`*John Doe*`,
 * `**John Doe**`, `***John Doe***`).  Academic author lists also carry note markers attached to a
 * name — `#` or `*` for equal contribution, `†` `‡` `§` `¶` `‖`, `✉` for the corresponding author,
 * LaTeX-ish `^{*}` or `^†` — which vita moves into the author's notes so that a backend can set
 * them as superscripts.  `*` is both: around the whole name it is emphasis, at one end only it is a
 * marker ("Jiangfei Duan*").
 *
 * RenderCV's meaning is kept: one asterisk italic, two bold, three bold italic, no mark plain.
 * Where the file asks (settings.bold_owner; always for JSON Resume, vita import and .bib sections)
 * and the user marked nobody, vita finds the owner by comparing each author with cv.name the way
 * a reader would: case, accents (utf8proc strips the marks after decomposition), punctuation, a
 * parenthesized part of cv.name ("Chenyu Jiang (江宸宇)": both forms count), initials for given
 * names ("J. Doe", "J Doe"), "Doe, John", "Doe J", and hyphenated given names ("Jiang-Fei" ~
 * "Jiangfei" ~ "J.-F.") all match "John Doe"-style names; another given name ("Jane Doe") does not.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/base.h"
#include "model/names.h"

/* ---- markers ---- */

#define M(s) {s, sizeof s - 1}
static const struct {
	const char *s;
	size_t len;
} markers[] = {
    M("*"), M("#"), M("\xE2\x80\xA0") /* † */, M("\xE2\x80\xA1") /* ‡ */, M("\xC2\xA7") /* § */,
    M("\xC2\xB6") /* ¶ */, M("\xE2\x80\x96") /* ‖ */, M("\xE2\x9C\x89") /* ✉ */, M("\xE2\x88\x97") /* ∗ */,
    M("\xE2\x81\x8E") /* ⁎ */, M("&")};
#undef M
#define NMARKERS (sizeof markers / sizeof *markers)

/* Length of a marker at s (0 if none).  The lengths are the table's and the first byte is
 * compared first: measuring and comparing every marker at each position looked at took more than
 * half of the author parsing (4,098 strlen and 4,302 memcmp for 96 authors). */
static size_t marker_at(const char *s, size_t n)
{
	for (size_t i = 0; n && i < NMARKERS; i++)
		if (markers[i].s[0] == s[0] && markers[i].len <= n && memcmp(s, markers[i].s, markers[i].len) == 0)
			return markers[i].len;
	return 0;
}

/* A marker that ends at s+n (0 if none); its last byte is compared first, as above. */
static size_t marker_before(const char *s, size_t n)
{
	for (size_t i = 0; n && i < NMARKERS; i++) {
		size_t l = markers[i].len;
		if (markers[i].s[l - 1] == s[n - 1] && l <= n && memcmp(s + n - l, markers[i].s, l) == 0)
			return l;
	}
	return 0;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A LaTeX-ish superscript at the end: ^{…} or ^X (X one marker or digit).  Returns the length of
 * the whole suffix and sets *in, *inlen to its content. */
static size_t superscript_suffix(const char *s, size_t n, const char **in, size_t *inlen)
{
	if (n >= 3 && s[n - 1] == '}') {
		for (size_t i = n - 1; i-- > 0;) {
			if (s[i] == '{') {
				if (i > 0 && s[i - 1] == '^') {
					*in = s + i + 1;
					*inlen = n - 1 - (i + 1);
					return n - (i - 1);
				}
				return 0;
			}
			if (s[i] == '}' || s[i] == '^')
				return 0;
		}
		return 0;
	}
	for (size_t i = n; i-- > 0;) {
		if (s[i] == '^') {
			size_t l = n - i - 1;
			if (l == 0)
				return 0;
			if (marker_at(s + i + 1, l) == l || (l == 1 && s[i + 1] >= '0' && s[i + 1] <= '9')) {
				*in = s + i + 1;
				*inlen = l;
				return n - i;
			}
			return 0;
		}
		if (n - i > 4)
			return 0;
	}
	return 0;
}

void parse_author(const char *s, char **name, bool *marked, char **notes)
{
	int emphasis;
	parse_author_emphasis(s, name, &emphasis, notes);
	*marked = emphasis > 0;
}

/* RenderCV's meaning: as many asterisks (or underscores) as Markdown gives them, 1 italic, 2 bold,
 * 3 bold italic. */
void parse_author_emphasis(const char *s, char **name, int *emphasis, char **notes)
{
	bool marked_, *marked = &marked_;
	size_t n = strlen(s);
	while (n && is_space(*s))
		s++, n--;
	while (n && is_space(s[n - 1]))
		n--;
	vita_buf pre = {0}, post = {0};
	*marked = false;
	*emphasis = 0;
	/* Whole-name emphasis first: the same run of * (or _) on both ends. */
	size_t l = 0, r = 0;
	while (l < n && s[l] == '*')
		l++;
	while (r < n - l && s[n - 1 - r] == '*')
		r++;
	if (l && r) {
		size_t e = l < r ? l : r;
		if (e > 3)
			e = 3;
		*marked = true;
		*emphasis = (int)e;
		s += e;
		n -= 2 * e;
	} else if (n > 4 && ((s[0] == '_' && s[n - 1] == '_'))) {
		size_t e = n > 6 && s[1] == '_' && s[n - 2] == '_' ? 2 : 1;
		*marked = true;
		*emphasis = (int)e;
		s += e;
		n -= 2 * e;
	}
	/* Then markers at either end, repeatedly ("**#Chunyu Xue**", "Rui Tian#†", "Ann Li^{*}"),
	 * and emphasis once the markers outside it are gone ("#**Chunyu Xue**", "*Zoë*†"). */
	for (bool again = true; again && n;) {
		again = false;
		while (n && is_space(*s))
			s++, n--;
		while (n && is_space(s[n - 1]))
			n--;
		if (!*marked && n > 2 && s[0] == '*' && s[n - 1] == '*') {
			size_t e = 1;
			while (e < 3 && 2 * (e + 1) < n && s[e] == '*' && s[n - 1 - e] == '*')
				e++;
			*marked = true;
			*emphasis = (int)e;
			s += e;
			n -= 2 * e;
			again = true;
			continue;
		}
		/* A '*' at one end may be the other half of emphasis hidden behind a marker at the
		 * other end, so markers other than '*' go first. */
		const char *in = NULL;
		size_t inlen = 0;
		size_t suf = superscript_suffix(s, n, &in, &inlen);
		if (!suf && (suf = marker_before(s, n)) != 0) {
			in = s + n - suf;
			inlen = suf;
		}
		if (!suf && n > 2) {
			/* A superscript digit after the name (affiliation): ¹²³⁰⁴-⁹. */
			const unsigned char *u = (const unsigned char *)s + n;
			if (u[-2] == 0xC2 && (u[-1] == 0xB9 || u[-1] == 0xB2 || u[-1] == 0xB3))
				suf = 2;
			else if (n >= 3 && u[-3] == 0xE2 && u[-2] == 0x81 &&
			         (u[-1] == 0xB0 || (u[-1] >= 0xB4 && u[-1] <= 0xB9)))
				suf = 3;
			in = s + n - suf;
			inlen = suf;
		}
		size_t pre_len = marker_at(s, n);
		bool suf_star = suf && s[n - 1] == '*' && suf == 1;
		bool pre_star = pre_len == 1 && s[0] == '*';
		int take = 0; /* 1 suffix, 2 prefix */
		if (suf && suf < n && !suf_star)
			take = 1;
		else if (pre_len && pre_len < n && !pre_star)
			take = 2;
		else if (suf && suf < n)
			take = 1;
		else if (pre_len && pre_len < n)
			take = 2;
		if (take == 1) {
			/* Prepend: markers read left to right. */
			vita_buf t = {0};
			buf_put(&t, in, inlen);
			buf_puts(&t, buf_str(&post));
			buf_free(&post);
			post = t;
			n -= suf;
			again = true;
		} else if (take == 2) {
			buf_put(&pre, s, pre_len);
			s += pre_len;
			n -= pre_len;
			again = true;
		}
	}
	while (n && is_space(*s))
		s++, n--;
	while (n && is_space(s[n - 1]))
		n--;
	*name = xstrndup(s, n);
	buf_puts(&pre, buf_str(&post));
	buf_free(&post);
	*notes = pre.data ? buf_take(&pre) : xstrdup("");
}

/* ---- owner matching ---- */

#define MAX_TOKENS 16

typedef struct name_tokens {
	char *tok[MAX_TOKENS]; /* folded, hyphens removed */
	char *parts[MAX_TOKENS][4]; /* hyphen parts of each token (NULL-terminated, may be empty) */
	size_t n;
	char *store;
} name_tokens;

/* Casefolds and strips accents: "Zoë Ångström" → "zoe angstrom". */
/* Plain ASCII folds to its lower case (NFKC, case folding and mark stripping change nothing else
 * in it), without utf8proc's decomposition: most author lists are ASCII, and utf8proc_map took
 * 4,900 instructions a name, a million for a CV with a hundred authors.  test_names'
 * fold_ascii_same checks the two agree on every ASCII character. */
static char *fold_ascii(const char *s)
{
	size_t n = 0;
	while (s[n] && !((unsigned char)s[n] & 0x80))
		n++;
	if (s[n])
		return NULL;
	char *out = xmalloc(n + 1);
	for (size_t i = 0; i <= n; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	return out;
}

static char *fold(const char *s)
{
	char *ascii = fold_ascii(s);
	if (ascii)
		return ascii;
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, 0, &dst,
	                                  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
	                                      UTF8PROC_COMPAT);
	if (r < 0)
		return xstrdup(s);
	char *out = xstrdup((const char *)dst);
	free(dst);
	return out;
}

/* Splits a folded name into tokens at spaces, dots and commas; "Family, Given" is reordered so the
 * family name comes last.  Apostrophes vanish ("O'Brien" ~ "OBrien"); hyphens join the parts of a
 * token but the parts are kept for initials ("J.-F."). */
static void tokenize(const char *folded, name_tokens *t)
{
	memset(t, 0, sizeof *t);
	size_t n = strlen(folded);
	t->store = xmalloc(2 * n + 2);
	char *w = t->store;
	/* Reorder "family, given" when there is exactly one comma. */
	const char *comma = strchr(folded, ',');
	char *reordered = NULL;
	if (comma && !strchr(comma + 1, ',')) {
		reordered = xmalloc(n + 2);
		size_t a = (size_t)(comma - folded);
		size_t b = n - a - 1;
		memcpy(reordered, comma + 1, b);
		reordered[b] = ' ';
		memcpy(reordered + b + 1, folded, a);
		reordered[a + b + 1] = 0;
		folded = reordered;
		n = strlen(folded);
	}
	const char *p = folded;
	while (*p && t->n < MAX_TOKENS) {
		while (*p && (is_space(*p) || *p == '.' || *p == ',' || *p == '-'))
			p++;
		if (!*p)
			break;
		/* A token: up to a space, dot or comma; hyphens stay inside it. */
		char *start = w;
		const char *q = p;
		size_t nparts = 0;
		char *partstart = NULL;
		while (*q && !is_space(*q) && *q != '.' && *q != ',') {
			if (*q == '-') {
				q++;
				/* "J.-F.": a hyphen right after a dot starts a new token: handled by the dot. */
				continue;
			}
			if (*q == '\'' || *q == '`') {
				q++;
				continue;
			}
			*w++ = *q++;
		}
		*w++ = 0;
		if (!*start)
			{ p = q; continue; }
		t->tok[t->n] = start;
		/* The hyphen parts, copied after the token. */
		const char *r = p;
		while (r < q && nparts < 3) {
			while (r < q && *r == '-')
				r++;
			if (r >= q)
				break;
			partstart = w;
			while (r < q && *r != '-') {
				if (*r != '\'' && *r != '`')
					*w++ = *r;
				r++;
			}
			*w++ = 0;
			t->parts[t->n][nparts++] = partstart;
		}
		if (nparts < 2)
			t->parts[t->n][0] = NULL;
		else
			t->parts[t->n][nparts] = NULL;
		t->n++;
		p = q;
	}
	free(reordered);
}

static size_t first_char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
}

/* An author token a stands for the owner's given token g: the same, or its initial. */
static bool given_token_matches(const char *a, const char *g)
{
	if (strcmp(a, g) == 0)
		return true;
	size_t l = first_char_len(a);
	return strlen(a) == l && strncmp(a, g, l) == 0;
}

/* Author given tokens A[0..na) against owner given tokens G[0..ng): A's tokens are G's, in order,
 * each in full or as an initial, starting with G's first; a hyphenated owner token may appear as
 * the initials of its parts ("J.-F." → j f). */
static bool given_match(const name_tokens *A, size_t a0, size_t na, const name_tokens *G, size_t g0,
                        size_t ng, bool first)
{
	if (a0 == na)
		return !first;
	if (g0 == ng)
		return false;
	/* The whole token. */
	if (given_token_matches(A->tok[a0], G->tok[g0]) && given_match(A, a0 + 1, na, G, g0 + 1, ng, false))
		return true;
	/* Its hyphen parts as consecutive author tokens. */
	if (G->parts[g0][0]) {
		size_t k = 0, i = a0;
		while (G->parts[g0][k] && i < na && given_token_matches(A->tok[i], G->parts[g0][k]))
			k++, i++;
		if (!G->parts[g0][k] && given_match(A, i, na, G, g0 + 1, ng, false))
			return true;
	}
	/* Owner middle names may be left out, but not the first given name. */
	if (!first)
		return given_match(A, a0, na, G, g0 + 1, ng, false);
	return false;
}

static bool tokens_match(const name_tokens *A, const name_tokens *O)
{
	if (O->n < 2 || A->n < 2)
		return false;
	const char *family = O->tok[O->n - 1];
	/* Family name last ("John Doe", "J. Doe", and "Doe, John" after reordering). */
	if (strcmp(A->tok[A->n - 1], family) == 0 && given_match(A, 0, A->n - 1, O, 0, O->n - 1, true))
		return true;
	/* Family name first ("Doe J", "Doe John"). */
	if (strcmp(A->tok[0], family) == 0 && given_match(A, 1, A->n, O, 0, O->n - 1, true))
		return true;
	return false;
}

/* The same tokens (this covers one-token names such as 江宸宇), or the rules above. */
static bool one_match(const name_tokens *A, const name_tokens *O)
{
	bool ok = A->n && A->n == O->n;
	for (size_t i = 0; ok && i < A->n; i++)
		ok = strcmp(A->tok[i], O->tok[i]) == 0;
	return ok || (A->n && O->n && tokens_match(A, O));
}

/* Removes Markdown emphasis characters and markers so that "**Doe, J.**" compares as a name. */
static char *strip_marks(const char *s)
{
	char *name, *notes;
	bool marked;
	parse_author(s, &name, &marked, &notes);
	free(notes);
	/* Any remaining emphasis or underline characters inside. */
	char *w = name;
	for (const char *p = name; *p; p++)
		if (*p != '*' && *p != '_')
			*w++ = *p;
	*w = 0;
	return name;
}

/* The owner's name folded and split once for all the authors of a CV: with and without its
 * parenthesized part, and that part alone. */
struct vita_owner_names {
	name_tokens t[2];
	int n; /* 0: no name, matches no one */
};

vita_owner_names *owner_names_new(const char *owner)
{
	vita_owner_names *o = xcalloc(1, sizeof *o);
	if (!owner || !*owner)
		return o;
	char *f = fold(owner);
	char *open = strchr(f, '('), *close = open ? strchr(open, ')') : NULL;
	if (open && close) {
		char *inner = xstrndup(open + 1, (size_t)(close - open - 1));
		vita_buf outer = {0};
		buf_put(&outer, f, (size_t)(open - f));
		buf_puts(&outer, close + 1);
		tokenize(buf_str(&outer), &o->t[0]);
		tokenize(inner, &o->t[1]);
		o->n = 2;
		buf_free(&outer);
		free(inner);
	} else {
		tokenize(f, &o->t[0]);
		o->n = 1;
	}
	free(f);
	return o;
}

bool owner_names_match(const vita_owner_names *o, const char *author)
{
	if (!author || !o || !o->n)
		return false;
	char *a0 = strip_marks(author);
	char *a = fold(a0);
	free(a0);
	name_tokens A;
	tokenize(a, &A);
	bool ok = false;
	for (int i = 0; i < o->n && !ok; i++)
		ok = one_match(&A, &o->t[i]);
	free(A.store);
	free(a);
	return ok;
}

void owner_names_free(vita_owner_names *o)
{
	if (!o)
		return;
	for (int i = 0; i < o->n; i++)
		free(o->t[i].store);
	free(o);
}

bool author_matches_owner(const char *author, const char *owner)
{
	vita_owner_names *o = owner_names_new(owner);
	bool ok = owner_names_match(o, author);
	owner_names_free(o);
	return ok;
}
