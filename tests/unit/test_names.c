/*
 * Unit tests for authors (src/load/names.c): owner emphasis and note markers split off an author
 * string, and matching an author against cv.name (case, accents, initials, "Family, Given",
 * parenthesized alternative names, hyphenated given names) — positives and negatives; the ASCII
 * fold agrees with utf8proc's.
 */
#include "load/load_internal.h"
#include "test.h"

static void check_author(const char *in, const char *name, bool marked, const char *notes, int line)
{
	char *n, *t;
	bool m;
	parse_author(in, &n, &m, &t);
	if (strcmp(n, name) != 0 || m != marked || strcmp(t, notes) != 0) {
		test_failures_++;
		printf("  line %d: parse_author(\"%s\") = (\"%s\", %d, \"%s\"), want (\"%s\", %d, \"%s\")\n",
		       line, in, n, m, t, name, marked, notes);
	}
	free(n);
	free(t);
}
#define AUTHOR(in, name, marked, notes) check_author(in, name, marked, notes, __LINE__)

static void markers(void)
{
	AUTHOR("John Doe", "John Doe", false, "");
	AUTHOR("*John Doe*", "John Doe", true, "");
	AUTHOR("**John Doe**", "John Doe", true, "");
	AUTHOR("***H. Tom***", "H. Tom", true, "");
	AUTHOR("  **Jane Roe**  ", "Jane Roe", true, "");
	AUTHOR("#Chunyu Xue", "Chunyu Xue", false, "#");
	AUTHOR("Jiangfei Duan*", "Jiangfei Duan", false, "*");
	AUTHOR("Rui Tian#", "Rui Tian", false, "#");
	AUTHOR("**#Chunyu Xue**", "Chunyu Xue", true, "#");
	AUTHOR("#**Chunyu Xue**", "Chunyu Xue", true, "#");
	AUTHOR("Ilse Vermeulen†", "Ilse Vermeulen", false, "†");
	AUTHOR("*Zoë Ångström-Dušan*†", "Zoë Ångström-Dušan", true, "†");
	AUTHOR("Ann Li^{*}", "Ann Li", false, "*");
	AUTHOR("Ann Li^†", "Ann Li", false, "†");
	AUTHOR("Ann Li^*", "Ann Li", false, "*");
	AUTHOR("Bo Wu*†", "Bo Wu", false, "*†");
	AUTHOR("Bo Wu‡§", "Bo Wu", false, "‡§");
	AUTHOR("Kim Park✉", "Kim Park", false, "✉");
	AUTHOR("Kim Park¹", "Kim Park", false, "¹");
	AUTHOR("*Jiangfei Duan**", "Jiangfei Duan", true, "*");
	AUTHOR("_Jane Roe_", "Jane Roe", true, "");
	AUTHOR("*", "*", false, "");
	AUTHOR("", "", false, "");
}

static void check_match(const char *author, const char *owner, bool want, int line)
{
	if (author_matches_owner(author, owner) != want) {
		test_failures_++;
		printf("  line %d: \"%s\" vs owner \"%s\": got %s\n", line, author, owner,
		       want ? "no match" : "a match");
	}
}
#define MATCH(a, o) check_match(a, o, true, __LINE__)
#define NOMATCH(a, o) check_match(a, o, false, __LINE__)

static void owner_matching(void)
{
	MATCH("John Doe", "John Doe");
	MATCH("john doe", "John Doe");
	MATCH("JOHN DOE", "John Doe");
	MATCH("J. Doe", "John Doe");
	MATCH("J Doe", "John Doe");
	MATCH("Doe, John", "John Doe");
	MATCH("Doe, J.", "John Doe");
	MATCH("Doe J", "John Doe");
	MATCH("John Doe*", "John Doe");
	MATCH("#John Doe", "John Doe");
	MATCH("J. Doe†", "John Doe");
	MATCH("Zoe Angstrom", "Zoë Ångström");
	MATCH("Zoë Ångström", "Zoe Angstrom");
	MATCH("ZOË ÅNGSTRÖM", "Zoë Ångström");
	MATCH("Chenyu Jiang", "Chenyu Jiang (江宸宇)");
	MATCH("江宸宇", "Chenyu Jiang (江宸宇)");
	MATCH("Jiangfei Duan", "Jiang-Fei Duan");
	MATCH("Jiang-Fei Duan", "Jiangfei Duan");
	MATCH("J.-F. Duan", "Jiang-Fei Duan");
	MATCH("John Doe", "John Quincy Doe");
	MATCH("J. Q. Doe", "John Quincy Doe");
	MATCH("Jiang Chenyu", "Chenyu Jiang");
	MATCH("Patrick O'Brien", "Patrick OBrien");
	MATCH("Zoë Ångström-Dušan", "Zoë Ångström-Dušan");
	NOMATCH("Jane Doe", "John Doe");
	NOMATCH("John Smith", "John Doe");
	NOMATCH("Doe", "John Doe");
	NOMATCH("John", "John Doe");
	NOMATCH("John Q. Doe", "John Doe");
	NOMATCH("K. Doe", "John Doe");
	NOMATCH("Jo Hndoe", "John Doe");
	NOMATCH("Chenyu Zhang", "Chenyu Jiang (江宸宇)");
	NOMATCH("江宇", "Chenyu Jiang (江宸宇)");
	NOMATCH("John Doe", "");
	NOMATCH("et al.", "John Doe");
}

/* An all-ASCII name is folded without utf8proc (src/model/names.c fold_ascii): for every ASCII
 * character, in both cases, an ASCII author against an owner that takes utf8proc's path ("Doë")
 * matches exactly when the two go through utf8proc ("Doé" against "Doë"). */
static void fold_ascii_same(void)
{
	for (int c = 1; c < 128; c++) {
		for (int upper = 0; upper < 2; upper++) {
			char ch = (char)(upper && c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
			char ascii[32], slow[32], owner[32];
			snprintf(ascii, sizeof ascii, "Ma%cx Doe", ch);
			snprintf(slow, sizeof slow, "Ma%cx Do\xC3\xA9", ch);   /* Doé */
			snprintf(owner, sizeof owner, "Ma%cx Do\xC3\xAB", c); /* Doë */
			bool want = author_matches_owner(slow, owner);
			if (author_matches_owner(ascii, owner) != want) {
				test_failures_++;
				printf("  character %d%s: \"%s\" vs \"%s\" differs from \"%s\"\n", c,
				       upper ? " (upper)" : "", ascii, owner, slow);
			}
		}
	}
	MATCH("MAXIMILIAN DOE", "Maximilian Do\xC3\xAB");
}

int main(void)
{
	RUN(markers);
	RUN(owner_matching);
	RUN(fold_ascii_same);
	return TEST_EXIT();
}
