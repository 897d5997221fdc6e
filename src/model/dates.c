/*
 * The one date formatter every backend uses (vita_format_dates and friends, include/vita/cv.h), so
 * the PDF, the LaTeX, the HTML and the Markdown show the same text: the templates single_date
 * ("MONTH_ABBREVIATION YEAR") and date_range ("START_DATE – END_DATE") filled with the locale's
 * month names; a year alone prints as the year.  Parsing is the loader's (src/load/date.c).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/base.h"
#include "vita/cv.h"

typedef struct out {
	char *buf;
	size_t size, len; /* len counts what would have been written */
} out;

static void put(out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++, o->len++)
		if (o->size && o->len < o->size - 1)
			o->buf[o->len] = s[i];
}

static void puts_(out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void finish(out *o)
{
	if (!o->size)
		return;
	if (o->len < o->size) {
		o->buf[o->len] = 0;
		return;
	}
	/* Truncated: never cut a UTF-8 sequence in half. */
	size_t end = o->size - 1;
	if (end > 0) {
		size_t j = end - 1;
		while (j > 0 && ((unsigned char)o->buf[j] & 0xC0) == 0x80)
			j--;
		unsigned char c = (unsigned char)o->buf[j];
		size_t need = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		if (j + need > end)
			end = j;
	}
	o->buf[end] = 0;
	o->len = end;
}

typedef struct placeholder {
	const char *name;
	const char *value;
} placeholder;

/* Replaces placeholders in tmpl; at each position the longest matching name wins, so MONTH does
 * not eat the start of MONTH_NAME. */
static void substitute(out *o, const char *tmpl, const placeholder *ph, size_t nph)
{
	const char *p = tmpl;
	while (*p) {
		size_t best = 0;
		const char *val = NULL;
		for (size_t i = 0; i < nph; i++) {
			size_t l = strlen(ph[i].name);
			if (l > best && strncmp(p, ph[i].name, l) == 0) {
				best = l;
				val = ph[i].value;
			}
		}
		if (best) {
			puts_(o, val);
			p += best;
		} else
			put(o, p++, 1);
	}
}

static const char *tmpl_or(const char *t, const char *def)
{
	return t ? t : def;
}

/* Skips ASCII spaces and one dash (-, en dash, em dash) between them; NULL when there is no dash. */
static const char *skip_dash(const char *p)
{
	while (*p == ' ')
		p++;
	if (*p == '-')
		p++;
	else if (strncmp(p, "–", 3) == 0 || strncmp(p, "—", 3) == 0)
		p += 3;
	else
		return NULL;
	while (*p == ' ')
		p++;
	return p;
}

/* One dash rule (typography review O11): a free-text date that is a range of years — "2017–2019",
 * "2017 - 2019", "2020–present" — is shown with the locale's date_range like any range, so the
 * CV's ranges are spaced alike, instead of closed in one entry and spaced in the next.  False
 * (nothing written) for any other text. */
static bool year_range_text(const vita_cv *cv, const char *t, out *o)
{
	const char *p = t;
	if (!t || strlen(t) > 40)
		return false;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)p[i]))
			return false;
	const char *q = skip_dash(p + 4);
	if (!q)
		return false;
	const char *present = cv->locale.present ? cv->locale.present : "present";
	char start[8], end[64];
	snprintf(start, sizeof start, "%.4s", p);
	size_t rest = strlen(q);
	if (rest == 4 && isdigit((unsigned char)q[0]) && isdigit((unsigned char)q[1]) && isdigit((unsigned char)q[2]) &&
	    isdigit((unsigned char)q[3]) && strcmp(q, start) > 0)
		snprintf(end, sizeof end, "%s", q);
	else if (strcasecmp(q, "present") == 0 || strcmp(q, present) == 0)
		snprintf(end, sizeof end, "%s", present);
	else
		return false;
	placeholder ph[] = {{"START_DATE", start}, {"END_DATE", end}};
	substitute(o, tmpl_or(cv->locale.date_range, "START_DATE – END_DATE"), ph, 2);
	return true;
}

static void format_one(const vita_cv *cv, const vita_date *d, out *o)
{
	switch (d->kind) {
	case VITA_DATE_NONE:
		return;
	case VITA_DATE_TEXT:
		if (!year_range_text(cv, d->text, o))
			puts_(o, d->text ? d->text : "");
		return;
	case VITA_DATE_PRESENT:
		puts_(o, cv->locale.present ? cv->locale.present : "present");
		return;
	case VITA_DATE_EXACT:
		break;
	}
	char year[16], yy[8], month[8], mm[8], day[8], dd[8];
	snprintf(year, sizeof year, "%d", d->year);
	if (!d->month) {
		puts_(o, year);
		return;
	}
	int dayv = d->day ? d->day : 1;
	snprintf(yy, sizeof yy, "%02d", d->year % 100);
	snprintf(month, sizeof month, "%d", d->month);
	snprintf(mm, sizeof mm, "%02d", d->month);
	snprintf(day, sizeof day, "%d", dayv);
	snprintf(dd, sizeof dd, "%02d", dayv);
	const char *mname = cv->locale.month_names[d->month - 1];
	const char *mabbr = cv->locale.month_abbreviations[d->month - 1];
	placeholder ph[] = {
	    {"MONTH_NAME", mname ? mname : ""},
	    {"MONTH_ABBREVIATION", mabbr ? mabbr : ""},
	    {"MONTH_IN_TWO_DIGITS", mm},
	    {"MONTH", month},
	    {"DAY_IN_TWO_DIGITS", dd},
	    {"DAY", day},
	    {"YEAR_IN_TWO_DIGITS", yy},
	    {"YEAR", year},
	};
	substitute(o, tmpl_or(cv->locale.single_date, "MONTH_ABBREVIATION YEAR"), ph,
	           sizeof ph / sizeof *ph);
}

size_t vita_format_date(const vita_cv *cv, const vita_date *d, char *buf, size_t size)
{
	out o = {buf, size, 0};
	format_one(cv, d, &o);
	finish(&o);
	return o.len;
}

size_t vita_format_dates(const vita_cv *cv, const vita_entry *e, char *buf, size_t size)
{
	out o = {buf, size, 0};
	if (e->date.kind != VITA_DATE_NONE)
		format_one(cv, &e->date, &o);
	else if (e->start_date.kind != VITA_DATE_NONE) {
		char *s = vita_date_text(cv, &e->start_date);
		vita_date end = e->end_date;
		if (end.kind == VITA_DATE_NONE)
			end.kind = VITA_DATE_PRESENT;
		char *t = vita_date_text(cv, &end);
		placeholder ph[] = {{"START_DATE", s ? s : ""}, {"END_DATE", t ? t : ""}};
		substitute(&o, tmpl_or(cv->locale.date_range, "START_DATE – END_DATE"), ph, 2);
		free(s);
		free(t);
	}
	finish(&o);
	return o.len;
}

/* Measured first (a zero-size out counts without writing), so no date is ever cut (D5). */
char *vita_date_text(const vita_cv *cv, const vita_date *d)
{
	size_t n = vita_format_date(cv, d, NULL, 0);
	if (!n)
		return NULL;
	char *buf = xmalloc(n + 1);
	vita_format_date(cv, d, buf, n + 1);
	return buf;
}

char *vita_dates_text(const vita_cv *cv, const vita_entry *e)
{
	size_t n = vita_format_dates(cv, e, NULL, 0);
	if (!n)
		return NULL;
	char *buf = xmalloc(n + 1);
	vita_format_dates(cv, e, buf, n + 1);
	return buf;
}

/* ---- time spans ---- */

/* Days since 1970-01-01 of a civil date (the usual era arithmetic, valid for any year). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* A date as a day: `present` is the CV's current date; a missing month or day is the first. */
static const vita_date *resolved(const vita_cv *cv, const vita_date *d, vita_date *today)
{
	if (d->kind != VITA_DATE_PRESENT)
		return d;
	*today = cv->settings.current_date.kind == VITA_DATE_EXACT ? cv->settings.current_date
	                                                           : vita_env_today(vita_env_get());
	return today;
}

/* RenderCV's count: whole years of 365 days, then months of 30 days rounded up, 12 months a year;
 * between two years alone (no month written) only the years, at least one. */
static void span_counts(const vita_date *a, const vita_date *b, bool years_only, long *years, long *months)
{
	if (years_only) {
		long n = (long)b->year - a->year;
		*years = n < 2 ? 1 : n;
		*months = 0;
		return;
	}
	long days = days_from_civil(b->year, b->month ? b->month : 1, b->day ? b->day : 1) -
	            days_from_civil(a->year, a->month ? a->month : 1, a->day ? a->day : 1);
	if (days < 0)
		days = 0;
	*years = days / 365;
	*months = (days % 365) / 30 + 1;
	*years += *months / 12;
	*months %= 12;
}

char *vita_time_span_text(const vita_cv *cv, const vita_entry *e)
{
	if (e->start_date.kind != VITA_DATE_EXACT || !e->end_date.kind || e->end_date.kind == VITA_DATE_TEXT)
		return NULL;
	vita_date today;
	const vita_date *a = &e->start_date, *b = resolved(cv, &e->end_date, &today);
	bool years_only = !a->month || (e->end_date.kind == VITA_DATE_EXACT && !e->end_date.month);
	long years, months;
	span_counts(a, b, years_only, &years, &months);
	const vita_locale *loc = &cv->locale;
	char ny[24] = "", nm[24] = "";
	if (years)
		snprintf(ny, sizeof ny, "%ld", years);
	if (months)
		snprintf(nm, sizeof nm, "%ld", months);
	placeholder ph[] = {
	    {"HOW_MANY_YEARS", ny},
	    {"YEARS", !years ? "" : years == 1 ? loc->year : loc->years},
	    {"HOW_MANY_MONTHS", nm},
	    {"MONTHS", !months ? "" : months == 1 ? loc->month : loc->months},
	};
	const char *tmpl = loc->time_span ? loc->time_span : "HOW_MANY_YEARS YEARS HOW_MANY_MONTHS MONTHS";
	size_t size = strlen(tmpl) * 4 + 256;
	char *buf = xmalloc(size);
	out o = {buf, size, 0};
	substitute(&o, tmpl, ph, sizeof ph / sizeof ph[0]);
	finish(&o);
	/* RenderCV strips the result; the empty parts leave runs of spaces inside, kept as one */
	char *w = buf;
	for (const char *r = buf; *r; r++)
		if (*r != ' ' || (w > buf && w[-1] != ' '))
			*w++ = *r;
	while (w > buf && w[-1] == ' ')
		w--;
	*w = '\0';
	if (!*buf) {
		free(buf);
		return NULL;
	}
	return buf;
}
