/*
 * Unit tests for dates (src/load/date.c): every accepted form, the invalid ones with their
 * messages, resolution of date / start_date / end_date, reversed ranges, "present" against
 * settings.current_date, and formatting through the locale and design.templates (English, custom
 * locale keys, Chinese from styles/locales/).
 */
#include "load/load_internal.h"
#include "test.h"

static vita_diags *D;

static vita_cv *load(const char *src)
{
	vita_diags_clear(D);
	return vita_cv_load_mem("t.yaml", src, strlen(src), D);
}

/* A CV with one normal entry whose date lines are `dates` (already indented by 8). */
static vita_cv *entry_cv(const char *dates, const char *extra)
{
	char src[2048];
	snprintf(src, sizeof src,
	         "cv:\n  name: A B\n  sections:\n    s:\n      - name: x\n%s%s", dates, extra ? extra : "");
	return load(src);
}

static const vita_entry *first(const vita_cv *cv)
{
	return cv && cv->nsections && cv->sections[0].nentries ? &cv->sections[0].entries[0] : NULL;
}

static void shown(const char *dates, const char *extra, const char *want, int line)
{
	vita_cv *cv = entry_cv(dates, extra);
	const vita_entry *e = first(cv);
	char buf[128] = "";
	if (e)
		vita_format_dates(cv, e, buf, sizeof buf);
	if (!e || strcmp(buf, want) != 0 || vita_diags_count(D, VITA_ERROR)) {
		test_failures_++;
		printf("  line %d: got \"%s\" (%zu errors), want \"%s\"\n", line, buf,
		       vita_diags_count(D, VITA_ERROR), want);
		vita_diags_print(D, stdout, false);
	}
	vita_cv_free(cv);
}
#define SHOWN(dates, want) shown(dates, NULL, want, __LINE__)
#define SHOWN_WITH(dates, extra, want) shown(dates, extra, want, __LINE__)

static void exact_forms(void)
{
	vita_date d;
	CHECK(parse_exact_date("2020", &d) == NULL && d.year == 2020 && d.month == 0 && d.day == 0);
	CHECK(parse_exact_date("2020-05", &d) == NULL && d.month == 5 && d.day == 0);
	CHECK(parse_exact_date("2020-05-31", &d) == NULL && d.day == 31);
	CHECK(parse_exact_date("2024-02-29", &d) == NULL);
	CHECK(parse_exact_date("2000-02-29", &d) == NULL);
	CHECK_STR(parse_exact_date("1900-02-29", &d), "the day is out of range for the month");
	CHECK_STR(parse_exact_date("2021-02-29", &d), "the day is out of range for the month");
	CHECK_STR(parse_exact_date("2020-04-31", &d), "the day is out of range for the month");
	CHECK_STR(parse_exact_date("2020-13", &d), "the month must be between 1 and 12");
	CHECK_STR(parse_exact_date("2020-00", &d), "the month must be between 1 and 12");
	CHECK_STR(parse_exact_date("May 2020", &d), "");
	CHECK_STR(parse_exact_date("2020/05", &d), "");
	CHECK_STR(parse_exact_date("20-05", &d), "");
	CHECK_STR(parse_exact_date("2020-5", &d), "");
	CHECK_STR(parse_exact_date("", &d), "");
}

static void formatting_english(void)
{
	SHOWN("        start_date: 2018-09\n        end_date: 2023-05\n", "Sept 2018 – May 2023");
	SHOWN("        start_date: 2018\n        end_date: 2023\n", "2018 – 2023");
	/* a quoted year is a date string to RenderCV: January of that year (issue 13) */
	SHOWN("        start_date: '2018'\n        end_date: 2019-06-30\n", "Jan 2018 – June 2019");
	SHOWN("        date: '2021'\n", "Jan 2021");
	SHOWN("        date: \"2021\"\n", "Jan 2021");
	SHOWN("        start_date: 2021-07\n", "July 2021 – present");
	SHOWN("        start_date: 2021-07\n        end_date: present\n", "July 2021 – present");
	SHOWN("        end_date: 2021-03\n", "Mar 2021");
	SHOWN("        date: 2021-03-14\n", "Mar 2021");
	SHOWN("        date: 2019\n", "2019");
	SHOWN("        date: Fall 2023\n", "Fall 2023");
	SHOWN("        date: present\n", "present");
	SHOWN("        date:\n        start_date: 2018-01\n        end_date: 2018-02\n", "Jan 2018 – Feb 2018");
	SHOWN("        summary: none\n", "");
	/* one dash rule: a free-text range of years is spaced like every range (typography review) */
	SHOWN("        date: 2017–2019\n", "2017 – 2019");
	SHOWN("        date: 2017-2019\n", "2017 – 2019");
	SHOWN("        date: 2017 — 2019\n", "2017 – 2019");
	SHOWN("        date: 2020 - present\n", "2020 – present");
	SHOWN("        date: 2019–2017\n", "2019–2017");   /* backwards: the text as written */
	SHOWN("        date: Fall 2017–2019\n", "Fall 2017–2019");
	SHOWN("        date: 2017–2019 (leave)\n", "2017–2019 (leave)");
}

static void templates_and_locale(void)
{
	const char *range = "        start_date: 2018-09-05\n        end_date: 2023-05\n";
	SHOWN_WITH(range,
	           "design:\n  templates:\n    single_date: MONTH_NAME YEAR\n    date_range: START_DATE to END_DATE\n",
	           "September 2018 to May 2023");
	SHOWN_WITH(range, "design:\n  templates:\n    single_date: MONTH_IN_TWO_DIGITS/YEAR_IN_TWO_DIGITS\n",
	           "09/18 – 05/23");
	SHOWN_WITH(range, "design:\n  templates:\n    single_date: DAY_IN_TWO_DIGITS.MONTH.YEAR (DAY)\n",
	           "05.9.2018 (5) – 01.5.2023 (1)");
	SHOWN_WITH("        start_date: 2020-01\n",
	           "locale:\n  present: now\n  month_abbreviations: [j1, j2, j3, j4, j5, j6, j7, j8, j9, j10, j11, j12]\n",
	           "j1 2020 – now");
	/* RenderCV's CJK locales keep the theme's single_date (MONTH_ABBREVIATION YEAR) */
	SHOWN_WITH(range, "locale:\n  language: mandarin_chinese\n", "9月 2018 – 5月 2023");
	SHOWN_WITH("        start_date: 2020-01\n", "locale:\n  language: mandarin_chinese\n", "1月 2020 – 至今");
	SHOWN_WITH(range, "locale:\n  language: korean\n", "9월 2018 – 5월 2023");
	SHOWN_WITH(range, "locale:\n  language: mandarin_chinese\ndesign:\n  templates:\n    single_date: YEAR年MONTH月\n",
	           "2018年9月 – 2023年5月");
	SHOWN_WITH(range,
	           "locale:\n  language: mandarin_chinese\ndesign:\n  templates:\n    single_date: YEAR.MONTH_IN_TWO_DIGITS\n",
	           "2018.09 – 2023.05");
	SHOWN_WITH(range, "locale:\n  language: german\n", "Sep 2018 – Mai 2023");
}

static void resolution(void)
{
	vita_cv *cv = entry_cv("        start_date: 2018-09\n", NULL);
	const vita_entry *e = first(cv);
	CHECK(e && e->start_date.kind == VITA_DATE_EXACT && e->end_date.kind == VITA_DATE_PRESENT &&
	      e->date.kind == VITA_DATE_NONE);
	vita_cv_free(cv);
	cv = entry_cv("        end_date: 2018-09\n", NULL);
	e = first(cv);
	CHECK(e && e->date.kind == VITA_DATE_EXACT && e->date.month == 9 &&
	      e->start_date.kind == VITA_DATE_NONE && e->end_date.kind == VITA_DATE_NONE);
	CHECK_INT(e ? e->date.pos.line : 0, 6);
	vita_cv_free(cv);
	/* date wins over start/end, with a warning naming them. */
	cv = entry_cv("        date: 2019\n        start_date: 2018-09\n        end_date: 2020\n", NULL);
	e = first(cv);
	CHECK(e && e->date.kind == VITA_DATE_EXACT && e->start_date.kind == VITA_DATE_NONE &&
	      e->end_date.kind == VITA_DATE_NONE);
	CHECK_INT(vita_diags_count(D, VITA_WARNING), 1);
	CHECK_INT(vita_diags_count(D, VITA_ERROR), 0);
	vita_cv_free(cv);
	/* Text dates keep their text, normalized. */
	cv = entry_cv("        date: \"Summer 2020\"\n", NULL);
	e = first(cv);
	CHECK(e && e->date.kind == VITA_DATE_TEXT);
	CHECK_STR(e ? e->date.text : NULL, "Summer 2020");
	vita_cv_free(cv);
}

static void errors(void)
{
	struct {
		const char *dates;
		const char *msg; /* a piece of the expected message */
		int line, col;
	} cases[] = {
	    {"        start_date: 2020-13\n", "the month must be between 1 and 12", 6, 21},
	    {"        start_date: 2021-02-29\n", "the day is out of range for the month", 6, 21},
	    {"        start_date: May 2020\n", "not a valid start date; use YYYY-MM-DD, YYYY-MM or YYYY", 6, 21},
	    {"        end_date: sometime\n", "not a valid end date; use YYYY-MM-DD, YYYY-MM, YYYY or `present`", 6, 19},
	    {"        start_date: present\n", "not a valid start date", 6, 21},
	    {"        date: 2020-02-30\n", "the day is out of range", 6, 15},
	    {"        start_date: 2020-05\n        end_date: 2019\n", "is after `end_date` (2019)", 7, 19},
	    {"        start_date: [2020]\n", "expected a date, got a list", 6, 21},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		vita_cv *cv = entry_cv(cases[i].dates, NULL);
		CHECK(cv != NULL);
		CHECK_INT(vita_diags_count(D, VITA_ERROR), 1);
		char *out = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&out, &len);
		vita_diags_print(D, f, false);
		fclose(f);
		char where[64];
		snprintf(where, sizeof where, "t.yaml:%d:%d: error: ", cases[i].line, cases[i].col);
		if (!strstr(out, cases[i].msg) || !strstr(out, where) || !strstr(out, "cv.sections.s[0].")) {
			test_failures_++;
			printf("  case %zu: want %s…%s, got:\n%s", i, where, cases[i].msg, out);
		}
		free(out);
		vita_cv_free(cv);
	}
}

static void present_and_current_date(void)
{
	/* A start in the future of settings.current_date is after "present": a warning (an accepted
	 * offer), not an error. */
	vita_cv *cv = entry_cv("        start_date: 2030-01\n", "settings:\n  current_date: 2025-06-01\n");
	CHECK_INT(vita_diags_count(D, VITA_ERROR), 0);
	CHECK_INT(vita_diags_count(D, VITA_WARNING), 1);
	CHECK(cv && cv->settings.current_date.year == 2025 && cv->settings.current_date.month == 6);
	vita_cv_free(cv);
	cv = entry_cv("        start_date: 2024-01\n", "settings:\n  current_date: 2025-06-01\n");
	CHECK_INT(vita_diags_count(D, VITA_ERROR) + vita_diags_count(D, VITA_WARNING), 0);
	vita_cv_free(cv);
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	test_env_reload(); /* 2023-11-14 22:13:20 UTC */
	vita_date t = today_date();
	CHECK(t.year == 2023 && t.month == 11 && t.day == 14);
	cv = entry_cv("        start_date: 2020\n", "settings:\n  current_date: today\n");
	CHECK(cv && cv->settings.current_date.year == 2023 && cv->settings.current_date.day == 14);
	vita_cv_free(cv);
	unsetenv("SOURCE_DATE_EPOCH");
	test_env_reload();
}

static void truncation(void)
{
	vita_cv *cv = entry_cv("        start_date: 2018-09\n        end_date: 2023-05\n", NULL);
	const vita_entry *e = first(cv);
	char buf[12];
	/* "Sept 2018 – May 2023": the en dash is 3 bytes and must not be cut in half. */
	size_t n = e ? vita_format_dates(cv, e, buf, sizeof buf) : 0;
	CHECK_STR(buf, "Sept 2018 ");
	CHECK_INT(n, 10);
	n = e ? vita_format_dates(cv, e, buf, 0) : 1;
	CHECK_INT(n, 22);
	vita_cv_free(cv);
}

int main(void)
{
	D = vita_diags_new();
	RUN(exact_forms);
	RUN(formatting_english);
	RUN(templates_and_locale);
	RUN(resolution);
	RUN(errors);
	RUN(present_and_current_date);
	RUN(truncation);
	vita_diags_free(D);
	return TEST_EXIT();
}
