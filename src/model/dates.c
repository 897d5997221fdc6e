/*
 * The one date formatter every backend uses (vita_format_dates and friends, include/vita/cv.h), so
 * the PDF, the LaTeX, the HTML and the Markdown show the same text: the templates single_date
 * ("MONTH_ABBREVIATION YEAR") and date_range ("START_DATE – END_DATE") filled with the locale's
 * month names; a year alone prints as the year.  Parsing is the loader's (src/load/date.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void format_one(const vita_cv *cv, const vita_date *d, out *o)
{
	switch (d->kind) {
	case VITA_DATE_NONE:
		return;
	case VITA_DATE_TEXT:
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
