/*
 * Dates: parsing an entry's `date`, `start_date` and `end_date` as RenderCV defines them (the one
 * formatter every backend uses is src/model/dates.c).
 *
 * `date` is YYYY-MM-DD, YYYY-MM, YYYY, `present` or free text ("Fall 2023"); start_date and end_date
 * only the three exact forms (end_date also `present`).  A value that has an exact form but is not
 * a real day (2020-13, 2021-02-29) is an error in every field.  Formatting goes through the
 * templates single_date ("MONTH_ABBREVIATION YEAR") and date_range ("START_DATE – END_DATE") with
 * the locale's month names; a year alone prints as the year (RenderCV does so for `2020` written
 * as a number, and vita does the same for "2020" written as a string).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "load/load_internal.h"
#include "normalize/normalize.h"

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

const char *parse_exact_date(const char *s, vita_date *out)
{
	size_t n = strlen(s);
	memset(out, 0, sizeof *out);
	if (!(n == 4 || n == 7 || n == 10) || !digits(s, 4))
		return "";
	if (n >= 7 && (s[4] != '-' || !digits(s + 5, 2)))
		return "";
	if (n == 10 && (s[7] != '-' || !digits(s + 8, 2)))
		return "";
	out->kind = VITA_DATE_EXACT;
	out->year = num(s, 4);
	if (n >= 7) {
		out->month = num(s + 5, 2);
		if (out->month < 1 || out->month > 12)
			return "the month must be between 1 and 12";
	}
	if (n == 10) {
		out->day = num(s + 8, 2);
		if (out->day < 1 || out->day > days_in_month(out->year, out->month))
			return "the day is out of range for the month";
	}
	if (out->year < 1)
		return "the year must be after 0000";
	return NULL;
}

static bool is_present(const char *s)
{
	return strcasecmp(s, "present") == 0;
}

static bool two_digits(const char *s, int max)
{
	return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && (s[0] - '0') * 10 + (s[1] - '0') <= max;
}

/* The time part of an ISO 8601 date-time after its 'T': HH:MM[:SS[.fff]] then Z, ±HH:MM or nothing. */
static bool iso_time(const char *s)
{
	if (!two_digits(s, 23) || s[2] != ':' || !two_digits(s + 3, 59))
		return false;
	s += 5;
	if (*s == ':') {
		if (!two_digits(s + 1, 60))
			return false;
		s += 3;
		if (*s == '.' || *s == ',') {
			s++;
			if (!(*s >= '0' && *s <= '9'))
				return false;
			while (*s >= '0' && *s <= '9')
				s++;
		}
	}
	if (*s == 'Z')
		return s[1] == '\0';
	if (*s == '+' || *s == '-')
		return two_digits(s + 1, 23) && s[3] == ':' && two_digits(s + 4, 59) && s[6] == '\0';
	return *s == '\0';
}

bool load_date(loader *L, const vita_node *n, date_rule rule, vita_date *out)
{
	memset(out, 0, sizeof *out);
	if (!n || vita_node_is_null(n))
		return true;
	const char *s = scalar_str(L, n, "a date");
	if (!s)
		return false;
	out->pos = n->pos;
	/* Surrounding spaces are a slip, not a different date. */
	while (*s == ' ')
		s++;
	size_t len = strlen(s);
	while (len && s[len - 1] == ' ')
		len--;
	char *t = arena_strndup(L->a, s, len);
	bool json_resume = L->end_key && strcmp(L->end_key, "endDate") == 0;
	if (json_resume && !*t && rule != DATE_ARBITRARY) {
		/* `"endDate": ""` is how JSON Resume exports say "current job" (M5). */
		lerr(L, VITA_NOTE, n->pos, "an empty date is taken as absent%s",
		     rule == DATE_END ? " (an ongoing position)" : "");
		return true;
	}
	if (json_resume && len > 10 && t[10] == 'T' && iso_time(t + 11))
		t[10] = '\0'; /* an ISO 8601 date-time: its date (JSON Resume's schema allows both) */
	vita_date d;
	const char *why = parse_exact_date(t, &d);
	if (!why) {
		d.pos = n->pos;
		if (!json_resume && !n->plain && d.kind == VITA_DATE_EXACT && !d.month) {
			/* RenderCV reads a quoted year as a date string, January of that year ("Jan 2021");
			 * only the number 2021 is the year alone.  Shown as RenderCV shows it, with a note. */
			d.month = 1;
			lerr(L, VITA_NOTE, n->pos,
			     "the quoted year '%s' is January %s, as in RenderCV (\"%s %s\"); write %s without "
			     "quotes for the year alone",
			     t, t, L->cv->locale.month_abbreviations[0], t, t);
		}
		*out = d;
		return true;
	}
	if (*why) {
		lerr(L, VITA_ERROR, n->pos, "\"%s\" is not a valid date: %s", t, why);
		return false;
	}
	if (rule != DATE_START && is_present(t)) {
		out->kind = VITA_DATE_PRESENT;
		return true;
	}
	if (rule == DATE_ARBITRARY) {
		if (!*t) {
			memset(out, 0, sizeof *out);
			return true;
		}
		out->kind = VITA_DATE_TEXT;
		out->text = vita_normalize(L->a, t, len, n->pos, L->d);
		return true;
	}
	if (rule == DATE_END)
		lerr(L, VITA_ERROR, n->pos,
		     "\"%s\" is not a valid end date; use YYYY-MM-DD, YYYY-MM, YYYY or `present` "
		     "(free text such as \"Fall 2023\" goes in `date`)",
		     t);
	else
		lerr(L, VITA_ERROR, n->pos,
		     "\"%s\" is not a valid start date; use YYYY-MM-DD, YYYY-MM or YYYY "
		     "(free text such as \"Fall 2023\" goes in `date`)",
		     t);
	return false;
}

vita_date today_date(void)
{
	return vita_env_today(vita_env_get());
}

static long date_key(const vita_cv *cv, const vita_date *d)
{
	const vita_date *x = d;
	vita_date today;
	if (d->kind == VITA_DATE_PRESENT) {
		if (cv && cv->settings.current_date.kind == VITA_DATE_EXACT)
			x = &cv->settings.current_date;
		else {
			today = today_date();
			x = &today;
		}
	}
	return (long)x->year * 10000 + (x->month ? x->month : 1) * 100 + (x->day ? x->day : 1);
}

int date_cmp(const vita_cv *cv, const vita_date *a, const vita_date *b)
{
	long ka = date_key(cv, a), kb = date_key(cv, b);
	return ka < kb ? -1 : ka > kb;
}

static void fmt_exact_iso(const vita_date *d, char *buf, size_t size)
{
	if (d->day)
		snprintf(buf, size, "%04d-%02d-%02d", d->year, d->month, d->day);
	else if (d->month)
		snprintf(buf, size, "%04d-%02d", d->year, d->month);
	else
		snprintf(buf, size, "%04d", d->year);
}

void resolve_dates(loader *L, vita_entry *e)
{
	const char *sk = L->start_key ? L->start_key : "start_date";
	const char *ek = L->end_key ? L->end_key : "end_date";
	bool has_date = e->date.kind != VITA_DATE_NONE;
	bool has_start = e->start_date.kind != VITA_DATE_NONE;
	bool has_end = e->end_date.kind != VITA_DATE_NONE;
	if (has_date) {
		/* RenderCV drops start/end silently when `date` is given; vita says so. */
		if (has_start || has_end) {
			const vita_date *x = has_start ? &e->start_date : &e->end_date;
			if (has_start && has_end)
				lerr(L, VITA_WARNING, x->pos,
				     "`%s` and `%s` are ignored because the entry also has `date` (line %d), which "
				     "takes precedence; remove one or the other",
				     sk, ek, e->date.pos.line);
			else
				lerr(L, VITA_WARNING, x->pos,
				     "`%s` is ignored because the entry also has `date` (line %d), which takes "
				     "precedence; remove one or the other",
				     has_start ? sk : ek, e->date.pos.line);
		}
		memset(&e->start_date, 0, sizeof e->start_date);
		memset(&e->end_date, 0, sizeof e->end_date);
		return;
	}
	if (has_end && !has_start) {
		e->date = e->end_date;
		memset(&e->end_date, 0, sizeof e->end_date);
		return;
	}
	bool implied_end = false;
	if (has_start && !has_end) {
		e->end_date.kind = VITA_DATE_PRESENT;
		e->end_date.pos = e->start_date.pos;
		has_end = implied_end = true;
	}
	if (has_start && has_end && date_cmp(L->cv, &e->start_date, &e->end_date) > 0) {
		char s[16], t[16];
		fmt_exact_iso(&e->start_date, s, sizeof s);
		if (e->end_date.kind == VITA_DATE_PRESENT) {
			/* RenderCV rejects this; but an accepted offer starts in the future, and a fixed
			 * SOURCE_DATE_EPOCH or settings.current_date may lie in the past: a warning. */
			size_t w = where_push_key(L, implied_end ? sk : ek);
			fmt_exact_iso(&L->cv->settings.current_date, t, sizeof t);
			lerr(L, VITA_WARNING, e->end_date.pos,
			     "`%s` (%s) is after today (%s, from settings.current_date or SOURCE_DATE_EPOCH), "
			     "but the entry %s `present`",
			     sk, s, t, implied_end ? "has no end date, so it ends" : "ends");
			where_pop(L, w);
		} else {
			size_t w = where_push_key(L, ek);
			fmt_exact_iso(&e->end_date, t, sizeof t);
			lerr(L, VITA_ERROR, e->end_date.pos, "`%s` (%s) is after `%s` (%s): the dates are reversed",
			     sk, s, ek, t);
			where_pop(L, w);
		}
	}
}
