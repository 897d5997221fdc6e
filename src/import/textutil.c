/*
 * Text helpers the import readers share: dates as people write them on homepages and CVs
 * ("2022.09 - Now", "Aug. 2021 - July 2025", "2017-2019"), Markdown escaping of plain text, word
 * counts for the "not imported" share.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "import/import.h"

const char *imp_trim(const char *s, size_t *len)
{
	size_t n = strlen(s);
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	*len = n;
	return s;
}

int imp_month(const char *s, size_t len)
{
	static const char *const names[] = {"january", "february", "march",     "april",
	                                    "may",     "june",     "july",      "august",
	                                    "september", "october", "november", "december"};
	while (len && (s[len - 1] == '.' || s[len - 1] == ','))
		len--;
	if (len < 3)
		return 0;
	for (int i = 0; i < 12; i++) {
		size_t nl = strlen(names[i]);
		if (len <= nl && strncasecmp(s, names[i], len) == 0)
			return i + 1;
		if (len == 4 && strncasecmp(s, "sept", 4) == 0)
			return 9;
	}
	return 0;
}

static bool all_digits(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool imp_parse_date(const char *s, size_t len, vita_date *out)
{
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && (isspace((unsigned char)s[len - 1]) || s[len - 1] == ',' || s[len - 1] == ')'))
		len--;
	if (len && *s == '(')
		s++, len--;
	memset(out, 0, sizeof *out);
	if ((len == 3 && strncasecmp(s, "now", 3) == 0) || (len == 7 && strncasecmp(s, "present", 7) == 0)) {
		out->kind = VITA_DATE_PRESENT;
		return true;
	}
	/* YYYY, YYYY.MM, YYYY-MM, YYYY/MM */
	if (len >= 4 && all_digits(s, 4) && (s[0] == '1' || s[0] == '2')) {
		out->year = num(s, 4);
		if (len == 4) {
			out->kind = VITA_DATE_EXACT;
			return true;
		}
		if ((s[4] == '.' || s[4] == '-' || s[4] == '/') && (len == 6 || len == 7) &&
		    all_digits(s + 5, len - 5)) {
			int mo = num(s + 5, len - 5);
			if (mo >= 1 && mo <= 12) {
				out->month = mo;
				out->kind = VITA_DATE_EXACT;
				return true;
			}
		}
		return false;
	}
	/* Month YYYY ("Aug. 2021", "July 2025", "Sept 2018") */
	const char *sp = memchr(s, ' ', len);
	if (sp) {
		size_t ml = (size_t)(sp - s);
		const char *y = sp;
		while (y < s + len && *y == ' ')
			y++;
		size_t yl = (size_t)(s + len - y);
		int mo = imp_month(s, ml);
		if (mo && yl == 4 && all_digits(y, 4)) {
			out->kind = VITA_DATE_EXACT;
			out->year = num(y, 4);
			out->month = mo;
			return true;
		}
	}
	return false;
}

/* Where a range separator is in s: " - ", "-", " – ", "–", " to "; sets *seplen. */
static const char *range_sep(const char *s, size_t len, size_t *seplen)
{
	for (size_t i = 1; i + 1 < len; i++) {
		if (s[i] == '-' && (s[i - 1] == ' ' || isdigit((unsigned char)s[i - 1]) || s[i - 1] == '.')) {
			/* not the '-' inside YYYY-MM: then a digit pair follows and nothing more */
			if (i >= 4 && all_digits(s + i - 4, 4) && i + 3 == len && all_digits(s + i + 1, 2))
				continue;
			*seplen = 1;
			return s + i;
		}
		if ((unsigned char)s[i] == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94)) {
			*seplen = 3;
			return s + i;
		}
		if (i + 4 < len && strncmp(s + i, " to ", 4) == 0) {
			*seplen = 4;
			return s + i;
		}
	}
	return NULL;
}

bool imp_parse_range(const char *s, size_t len, vita_entry *e, vita_pos pos)
{
	size_t seplen = 0;
	const char *sep = range_sep(s, len, &seplen);
	vita_date a, b;
	if (!sep) {
		if (!imp_parse_date(s, len, &a) || a.kind == VITA_DATE_PRESENT)
			return false;
		e->date = a;
		e->date.pos = pos;
		return true;
	}
	if (!imp_parse_date(s, (size_t)(sep - s), &a) || a.kind != VITA_DATE_EXACT ||
	    !imp_parse_date(sep + seplen, (size_t)(s + len - sep - seplen), &b))
		return false;
	/* Not backwards, compared as the loader compares them (a missing month counts as January):
	 * "2023.06 - 2023" is not a range it accepts. */
	if (b.kind == VITA_DATE_EXACT &&
	    (b.year < a.year || (b.year == a.year && (b.month ? b.month : 1) < (a.month ? a.month : 1))))
		return false;
	e->start_date = a;
	e->end_date = b;
	e->start_date.pos = e->end_date.pos = pos;
	return true;
}

void imp_md_escape(vita_buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (strchr("\\*_[]`<>", s[i]) && s[i])
			buf_putc(b, '\\');
		buf_putc(b, s[i]);
	}
}

size_t imp_count_words(const char *s)
{
	size_t n = 0;
	bool in = false;
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		bool w = isalnum(*p) || *p >= 0x80;
		if (w && !in)
			n++;
		in = w;
	}
	return n;
}
