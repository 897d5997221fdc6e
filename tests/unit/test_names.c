/*
 * Unit tests for authors (src/load/names.c): owner emphasis and note markers split off an author
 * string, and matching an author against cv.name (case, accents, initials, "Family, Given",
 * parenthesized alternative names, hyphenated given names) — positives and negatives.
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

int main(void)
{
	RUN(markers);
	RUN(owner_matching);
	return TEST_EXIT();
}
