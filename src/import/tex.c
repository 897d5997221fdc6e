/*
 * TeX text in BibTeX fields → Unicode Markdown: accents ({\"o}, \'{e}, \c c), special letters
 * ({\ss}, \o, \aa, \l), escaped characters (\& \% \$ \# \_), dashes (-- –, --- —), quotes
 * (`` ''), ties (~), \emph/\textit → *…*, \textbf → **…**, math $…$ kept as its letters; the braces
 * that protect case are removed.  A command vita does not know keeps its argument and is named in
 * a warning, so no text disappears silently.
 *
 * BibTeX values are small (a title, a name): a recursive walk over the characters is enough; the
 * parse of the file itself is btparse's.
 */
#include <ctype.h>
#include <string.h>

#include "import/tex.h"

static const struct {
	char c;
	uint32_t mark;
} accents[] = {
    {'"', 0x308}, {'\'', 0x301}, {'`', 0x300}, {'^', 0x302}, {'~', 0x303}, {'=', 0x304},
    {'.', 0x307}, {'u', 0x306},  {'v', 0x30C}, {'H', 0x30B}, {'c', 0x327}, {'k', 0x328},
    {'r', 0x30A}, {'d', 0x323},  {'b', 0x331},
};

static const struct {
	const char *name;
	const char *utf8;
} letters[] = {
    {"ss", "ß"}, {"o", "ø"}, {"O", "Ø"}, {"aa", "å"}, {"AA", "Å"}, {"ae", "æ"}, {"AE", "Æ"},
    {"oe", "œ"}, {"OE", "Œ"}, {"l", "ł"}, {"L", "Ł"}, {"i", "ı"}, {"j", "ȷ"}, {"dh", "ð"},
    {"th", "þ"}, {"TH", "Þ"}, {"ldots", "…"}, {"dots", "…"}, {"textendash", "–"},
    {"textemdash", "—"}, {"S", "§"}, {"P", "¶"}, {"dag", "†"}, {"ddag", "‡"}, {"copyright", "©"},
    {"textregistered", "®"}, {"texttrademark", "™"}, {"LaTeX", "LaTeX"}, {"TeX", "TeX"},
    {"alpha", "α"}, {"beta", "β"}, {"gamma", "γ"}, {"delta", "δ"}, {"epsilon", "ε"},
    {"lambda", "λ"}, {"mu", "μ"}, {"pi", "π"}, {"sigma", "σ"}, {"tau", "τ"}, {"theta", "θ"},
    {"times", "×"}, {"textasciitilde", "~"}, {"textbackslash", "\\"}, {"textunderscore", "_"},
    {"quad", " "}, {"ast", "*"}, {"star", "⋆"}, {"nobreakspace", " "}, {"relax", ""},
    {"protect", ""}, {"/", ""},
};

/* Markdown around the argument of these. */
static const struct {
	const char *name;
	const char *md;
} wrappers[] = {
    {"emph", "*"}, {"textit", "*"}, {"textsl", "*"}, {"it", "*"}, {"em", "*"}, {"textbf", "**"},
    {"bf", "**"}, {"textsc", ""}, {"textrm", ""}, {"textsf", ""}, {"texttt", "`"}, {"mbox", ""},
    {"text", ""}, {"mathrm", ""}, {"mathit", ""}, {"mathbf", ""}, {"url", ""}, {"href", ""},
    {"textnormal", ""}, {"NoCaseChange", ""}, {"MakeUppercase", ""}, {"uppercase", ""},
};

typedef struct tex_in {
	const char *s;
	size_t i, n;
	vita_buf *out;
	vita_buf *unknown; /* the unknown commands, each once ("\\input, \\write"), for the caller */
	int depth;
} tex_in;

/* Adds \name to the list of unknown commands unless it is there (attack A68: every one is named,
 * not only the first). */
static void note_unknown(tex_in *t, const char *name, size_t nl)
{
	if (!t->unknown)
		return;
	const char *have = buf_str(t->unknown);
	for (const char *p = have; (p = strchr(p, '\\')) != NULL; p++)
		if (strncmp(p + 1, name, nl) == 0 && (p[1 + nl] == ',' || p[1 + nl] == '\0'))
			return;
	buf_printf(t->unknown, "%s\\%.*s", t->unknown->len ? ", " : "", (int)nl, name);
}

static void group(tex_in *t, bool braced);

static void put_md_char(vita_buf *b, char c)
{
	if (strchr("\\*_[]`<>", c))
		buf_putc(b, '\\');
	buf_putc(b, c);
}

/* One argument: a {group} or a single character; written to out. */
static void argument(tex_in *t)
{
	while (t->i < t->n && t->s[t->i] == ' ')
		t->i++;
	if (t->i >= t->n)
		return;
	if (t->s[t->i] == '{') {
		t->i++;
		group(t, true);
	} else if (t->s[t->i] == '\\') {
		group(t, false); /* e.g. \"\i */
	} else {
		size_t l = 1;
		uint32_t cp;
		size_t u = utf8_decode(t->s + t->i, t->n - t->i, &cp);
		if (u > 1)
			l = u;
		for (size_t k = 0; k < l; k++)
			put_md_char(t->out, t->s[t->i + k]);
		t->i += l;
	}
}

static void command(tex_in *t)
{
	t->i++; /* the backslash */
	if (t->i >= t->n)
		return;
	char c = t->s[t->i];
	for (size_t k = 0; k < sizeof accents / sizeof *accents; k++)
		if (accents[k].c == c && (!isalpha((unsigned char)c) || t->i + 1 >= t->n ||
		                          !isalpha((unsigned char)t->s[t->i + 1]) || t->s[t->i + 1] == ' ')) {
			t->i++;
			argument(t);
			buf_put_utf8(t->out, accents[k].mark);
			return;
		}
	if (!isalpha((unsigned char)c)) { /* \& \% \$ \# \_ \{ \} \\ \  */
		t->i++;
		if (c == '\\' || c == ' ')
			buf_putc(t->out, ' ');
		else
			put_md_char(t->out, c);
		return;
	}
	size_t start = t->i;
	while (t->i < t->n && isalpha((unsigned char)t->s[t->i]))
		t->i++;
	const char *name = t->s + start;
	size_t nl = t->i - start;
	while (t->i < t->n && t->s[t->i] == ' ')
		t->i++; /* a control word eats the spaces after it */
	for (size_t k = 0; k < sizeof letters / sizeof *letters; k++)
		if (strlen(letters[k].name) == nl && strncmp(letters[k].name, name, nl) == 0) {
			buf_puts(t->out, letters[k].utf8);
			return;
		}
	for (size_t k = 0; k < sizeof wrappers / sizeof *wrappers; k++)
		if (strlen(wrappers[k].name) == nl && strncmp(wrappers[k].name, name, nl) == 0) {
			buf_puts(t->out, wrappers[k].md);
			if (strcmp(wrappers[k].name, "href") == 0 && t->i < t->n && t->s[t->i] == '{') {
				vita_buf skip = {0}; /* the URL of \href{url}{text}: the text is what shows */
				vita_buf *keep = t->out;
				t->out = &skip;
				argument(t);
				t->out = keep;
				buf_free(&skip);
			}
			if (t->i < t->n && t->s[t->i] == '{')
				argument(t);
			buf_puts(t->out, wrappers[k].md);
			return;
		}
	note_unknown(t, name, nl);
	if (t->i < t->n && t->s[t->i] == '{')
		argument(t);
}

/* Text up to the closing brace (braced) or one command (!braced), or to the end. */
static void group(tex_in *t, bool braced)
{
	if (++t->depth > 64) { /* deeper nesting: the rest as it is */
		t->depth--;
		while (t->i < t->n)
			put_md_char(t->out, t->s[t->i++]);
		return;
	}
	while (t->i < t->n) {
		char c = t->s[t->i];
		if (c == '\\') {
			command(t);
			if (!braced)
				break;
		} else if (c == '{') {
			t->i++;
			group(t, true);
		} else if (c == '}') {
			t->i++;
			if (braced)
				break;
		} else if (c == '-' && t->i + 1 < t->n && t->s[t->i + 1] == '-') {
			bool em = t->i + 2 < t->n && t->s[t->i + 2] == '-';
			buf_puts(t->out, em ? "—" : "–");
			t->i += em ? 3 : 2;
		} else if (c == '`' && t->i + 1 < t->n && t->s[t->i + 1] == '`') {
			buf_puts(t->out, "“");
			t->i += 2;
		} else if (c == '\'' && t->i + 1 < t->n && t->s[t->i + 1] == '\'') {
			buf_puts(t->out, "”");
			t->i += 2;
		} else if (c == '~') {
			buf_putc(t->out, ' ');
			t->i++;
		} else if (c == '$') {
			t->i++; /* math delimiters go; the letters inside stay */
		} else {
			put_md_char(t->out, c);
			t->i++;
		}
	}
	t->depth--;
}

void tex_to_md(const char *s, size_t n, vita_buf *out, vita_buf *unknown)
{
	tex_in t = {.s = s, .n = n, .out = out, .unknown = unknown};
	while (t.i < t.n)
		group(&t, false);
}
