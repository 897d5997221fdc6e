/*
 * The .bib text around btparse: what vita does to a file before btparse reads it, so that
 * btparse never sees what would make it exit or mislead it (front matter, a stray '@' between
 * entries or inside a value), and what it does after, turning btparse's messages on stderr into
 * diagnostics at the file's line and column.  The reader itself is bibtex.c.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "import/bibtext.h"
#include "import/import.h"

/* A copy of the file with a leading front-matter block replaced by blank lines. */
char *bib_blank_front_matter(const char *data, size_t len)
{
	char *s = xmalloc(len + 1);
	memcpy(s, data, len);
	s[len] = 0;
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
		i++;
	if (len - i < 3 || memcmp(s + i, "---", 3) != 0)
		return s;
	char *close = strstr(s + i + 3, "\n---");
	if (!close)
		return s;
	char *end = strchr(close + 1, '\n');
	end = end ? end : s + len;
	for (char *p = s + i; p < end; p++)
		if (*p != '\n')
			*p = ' ';
	return s;
}

/* Where "@type{" or "@type(" starts at s (an entry), the offset of its opening delimiter; 0 if
 * the '@' at s starts no entry. */
static size_t entry_open(const char *s)
{
	size_t i = 1;
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
		i++;
	size_t t = i;
	while (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '-')
		i++;
	if (i == t)
		return 0;
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
		i++;
	return s[i] == '{' || s[i] == '(' ? i : 0;
}

/* An '@' inside a value is handed to btparse as this byte (which a checked file cannot contain)
 * and turned back after: after a syntax error btparse skips to the next '@' wherever it is, and
 * one that starts no entry (an e-mail address in a note) makes it exit(). */
#define AT_MASK '\x02'

void bib_unmask(char *s)
{
	for (; s && *s; s++)
		if (*s == AT_MASK)
			*s = '@';
}

/* Between entries BibTeX text is a comment, but btparse reads any '@' there as the start of an
 * entry, and an e-mail address in such a comment ("% ask me@example.org") makes it exit() with
 * "invalid AST node" — taking vita (and a whole `vita build`) with it.  So, before btparse sees
 * the text, everything between entries is blanked: kept verbatim for the "not imported" comments
 * (record) and an '@' in it that starts no entry named in a warning.  Only the nesting of braces
 * (and of the parentheses of "@type(…)" entries) is followed; the parse itself is btparse's. */
static void flush_between(imp *m, const char *path, char *from, char *to, int line, bool record)
{
	const char *t = from; /* the line where the text starts, after blank lines */
	for (; t < to && (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r'); t++)
		line += *t == '\n';
	for (char *q = from; q < to; q++) /* an @comment's masked '@' is recorded as written */
		if (*q == AT_MASK)
			*q = '@';
	if (record && t < to)
		imp_unmapped_add(m, (vita_pos){path, line, 1}, t, (size_t)(to - t));
	for (char *q = from; q < to; q++)
		if (*q != '\n')
			*q = ' ';
}

static void warn_stray_at(imp *m, const char *path, const char *bol, const char *p, int line)
{
	int col = 1;
	for (const char *q = bol; q < p; q++)
		col += ((unsigned char)*q & 0xC0) != 0x80;
	vita_diag(m->L.d, VITA_WARNING, (vita_pos){path, line, col},
	          "BibTeX: an '@' that starts no entry, outside the values (an e-mail address in a "
	          "comment?), is taken as text");
}

void bib_blank_between_entries(imp *m, const char *path, char *s, bool record)
{
	int line = 1, depth = 0, braces = 0, run_line = 1;
	char open = 0, *run = s;
	const char *bol = s;
	bool comment = false; /* @comment and @preamble are kept with the text around them */
	bool quoted = false;  /* inside a "…" value at the entry's own level */
	for (char *p = s; *p; p++) {
		if (*p == '\n')
			line++, bol = p + 1;
		if (depth == 0) {
			size_t o = *p == '@' ? entry_open(p) : 0;
			if (*p == '@' && !o)
				warn_stray_at(m, path, bol, p, line);
			if (!o)
				continue;
			const char *t = p + 1;
			while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
				t++;
			comment = strncasecmp(t, "comment", 7) == 0 || strncasecmp(t, "preamble", 8) == 0;
			if (!comment)
				flush_between(m, path, run, p, run_line, record);
			open = p[o], depth = 1, braces = 0;
			for (const char *q = p; q < p + o; q++)
				if (*q == '\n')
					line++, bol = q + 1;
			p += o;
		} else {
			/* Inside an entry but outside its values, an '@' makes btparse exit() too
			 * ("invalid AST node"): blanked, with the same warning. */
			int level = open == '{' ? depth : braces;
			if (*p == '"' && level == (open == '{' ? 1 : 0))
				quoted = !quoted;
			if (*p == '@' && !quoted && level == (open == '{' ? 1 : 0) && !comment &&
			    !entry_open(p)) { /* "@misc{" here is btparse's plain syntax error */
				warn_stray_at(m, path, bol, p, line);
				*p = ' ';
			} else if (*p == '@' && !entry_open(p))
				*p = AT_MASK; /* in a value, or in an @comment or @preamble (an unclosed one
				               * is resynced from): btparse's resync after an error would stop here */
			if (open == '{')
				depth += (*p == '{') - (*p == '}');
			else {
				braces += (*p == '{') - (*p == '}');
				if (braces == 0)
					depth += (*p == '(') - (*p == ')');
			}
			if (depth == 0)
				quoted = false;
			if (depth == 0 && !comment)
				run = p + 1, run_line = line;
		}
	}
	if (depth == 0)
		flush_between(m, path, run, run + strlen(run), run_line, record);
}

/* The column (1-based, in characters) of needle in the given line of data, else 1. */
int bib_col_of(const char *data, int line, const char *needle)
{
	const char *p = data;
	for (int l = 1; l < line && p; l++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!p)
		return 1;
	const char *e = strchr(p, '\n');
	size_t n = e ? (size_t)(e - p) : strlen(p);
	size_t nl = needle ? strlen(needle) : 0;
	for (size_t i = 0; nl && i + nl <= n; i++)
		if (strncasecmp(p + i, needle, nl) == 0) {
			int col = 1;
			for (size_t k = 0; k < i; k++)
				col += ((unsigned char)p[k] & 0xC0) != 0x80;
			return col;
		}
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t')
			return (int)i + 1;
	return 1;
}

/* btparse's messages ("FILE, line N, warning: …") as vita diagnostics. */
void bib_report_messages(imp *m, const char *path, const char *data, FILE *msgs)
{
	char line[1024];
	size_t plen = strlen(path);
	rewind(msgs);
	while (fgets(line, sizeof line, msgs)) {
		if (strncmp(line, "warning: bt_parse_entry: second attempt", 39) == 0)
			continue; /* parse_all's resetting call */
		if (strncmp(line, path, plen) != 0 || strncmp(line + plen, ", line ", 7) != 0) {
			fputs(line, stderr); /* not btparse's: another thread's output, passed on */
			continue;
		}
		line[strcspn(line, "\n")] = 0;
		char *at = strstr(line, ", line ");
		int lno = at ? atoi(at + 7) : 0;
		char *msg = at ? strchr(at + 7, ',') : NULL;
		msg = msg ? msg + 2 : line;
		vita_severity sev = VITA_ERROR;
		if (strncmp(msg, "warning: ", 9) == 0) {
			msg += 9;
			if (!strstr(msg, "undefined macro") && !strstr(msg, "runaway"))
				sev = VITA_WARNING;
		}
		const char *needle = NULL;
		char name[128] = "";
		char *q = strchr(msg, '"');
		if (q && strstr(msg, "undefined macro")) {
			size_t k = strcspn(q + 1, "\"");
			snprintf(name, sizeof name, "%.*s", (int)(k < 127 ? k : 127), q + 1);
			needle = name;
		}
		char *run = strstr(msg, "runaway string started at line ");
		if (run) { /* point at where the value starts, and say what is likely wrong */
			int start = atoi(run + 31);
			vita_diag(m->L.d, sev, (vita_pos){path, start, bib_col_of(data, start, "{")},
			          "BibTeX: this value does not end (an unclosed { or \"?); the parser ran on to "
			          "line %d",
			          lno);
			continue;
		}
		vita_pos pos = {path, lno, lno ? bib_col_of(data, lno, needle) : 0};
		if (needle)
			vita_diag(m->L.d, sev, pos,
			          "BibTeX: undefined macro \"%s\" (define it with @string{%s = \"…\"}, or write the "
			          "value in braces)",
			          name, name);
		else
			vita_diag(m->L.d, sev, pos, "BibTeX: %s", msg);
	}
}
