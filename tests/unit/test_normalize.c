/*
 * Unit tests for src/load/normalize.c: the encoding check (exact line:column of each error), NFC,
 * ligature unfolding, mojibake repair on the real cases from the source profiles, and a long list of
 * correct text that must come out untouched and without a warning.
 */
#include "base/base.h"
#include "load/charref.h"
#include "normalize/normalize.h"
#include "test.h"

/* The `path:line:col: severity: message` lines of everything reported, without the excerpts. */
static char *headlines(vita_diags *d)
{
	char *out = NULL;
	size_t len = 0;
	/* (diag.c's vita_diags_print passes NULL to memcpy when empty, which UBSan reports.) */
	if (vita_diags_count(d, VITA_NOTE) + vita_diags_count(d, VITA_WARNING) + vita_diags_count(d, VITA_ERROR) == 0)
		return xstrdup("");
	FILE *f = open_memstream(&out, &len);
	vita_diags_print(d, f, false);
	fclose(f);
	vita_buf b = {0};
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
		if (line[0] != ' ') {
			buf_puts(&b, line);
			buf_putc(&b, '\n');
		}
	free(out);
	char *r = buf_take(&b);
	return r ? r : xstrdup("");
}

/* Runs the check on n bytes and returns the reported lines; *count gets the return value. */
static char *check(const char *data, size_t n, size_t *count)
{
	vita_diags *d = vita_diags_new();
	*count = vita_check_encoding("t.yaml", data, n, d);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), *count);
	char *r = headlines(d);
	vita_diags_free(d);
	return r;
}

#define CHECK_ENC(data, want_count, want)                                                           \
	do {                                                                                            \
		size_t n_;                                                                                  \
		char *got_ = check(data, sizeof(data) - 1, &n_);                                           \
		CHECK_INT(n_, want_count);                                                                  \
		CHECK_STR(got_, want);                                                                      \
		free(got_);                                                                                 \
	} while (0)

static void encoding_clean(void)
{
	CHECK_ENC("name: Zoë\n\tkey: 江宸宇 📄\r\nlast line without newline", 0, "");
	CHECK_ENC("\xEF\xBB\xBFname: x\n", 0, "");                    /* a leading BOM is fine */
	CHECK_ENC("", 0, "");
	CHECK_ENC("\xC2\xA0nbsp and \xE2\x80\x8B zero-width space\n", 0, "");
}

static void encoding_errors(void)
{
	CHECK_ENC("ab\xC3(\n", 1, "t.yaml:1:3: error: invalid UTF-8 byte 0xC3 (in Windows-1252 this byte is "
	                          "\"Ã\": is the file saved as UTF-8?)\n");
	CHECK_ENC("a\nb: caf\xE9\n", 1,
	          "t.yaml:2:7: error: invalid UTF-8 byte 0xE9 (in Windows-1252 this byte is \"é\": is the file "
	          "saved as UTF-8?)\n");
	CHECK_ENC("x: \xE6\xB1", 1, "t.yaml:1:4: error: incomplete UTF-8 sequence 0xE6 0xB1 at the end of the file\n");
	CHECK_ENC("x: \xE6\xB1z", 1, "t.yaml:1:4: error: incomplete UTF-8 sequence 0xE6 0xB1\n");
	CHECK_ENC("\xC0\xAF", 1, "t.yaml:1:1: error: overlong UTF-8 encoding 0xC0 0xAF of U+002F\n");
	CHECK_ENC("a\xE0\x80\xAFz\x01", 2,
	          "t.yaml:1:2: error: overlong UTF-8 encoding 0xE0 0x80 0xAF of U+002F\n"
	          "t.yaml:1:6: error: control character U+0001 is not allowed\n");
	CHECK_ENC("\xED\xA0\x80", 1,
	          "t.yaml:1:1: error: UTF-8-encoded surrogate U+D800 (0xED 0xA0 0x80) is not a character\n");
	CHECK_ENC("\xF4\x90\x80\x80.", 1, "t.yaml:1:1: error: UTF-8 sequence 0xF4 0x90 0x80 0x80 is beyond U+10FFFF\n");
	CHECK_ENC("\x80\xFF", 2,
	          "t.yaml:1:1: error: invalid UTF-8 byte 0x80 (in Windows-1252 this byte is \"€\": is the file saved as "
	          "UTF-8?)\n"
	          "t.yaml:1:2: error: invalid UTF-8 byte 0xFF (in Windows-1252 this byte is \"ÿ\": is the file "
	          "saved as UTF-8?)\n");
	/* Controls: NUL, BEL, lone CR, DEL, escape; tab, LF and CR LF are fine. */
	CHECK_ENC("a\0b\n\tc\ad\re\r\nf\x7F\x1B", 5,
	          "t.yaml:1:2: error: control character U+0000 (NUL) is not allowed\n"
	          "t.yaml:2:3: error: control character U+0007 (bell) is not allowed\n"
	          "t.yaml:2:5: error: control character U+000D (a carriage return not followed by a line feed) is "
	          "not allowed\n"
	          "t.yaml:3:2: error: control character U+007F (delete) is not allowed\n"
	          "t.yaml:3:3: error: control character U+001B (escape) is not allowed\n");
	/* Columns count characters: 江 (3 bytes), 📄 (4 bytes), é (2 bytes) are one column each. */
	CHECK_ENC("k: 江📄é\x07", 1, "t.yaml:1:7: error: control character U+0007 (bell) is not allowed\n");
	/* An invalid byte counts as one column; the BOM counts as none. */
	CHECK_ENC("\xEF\xBB\xBF\x81\xF8\x07", 3,
	          "t.yaml:1:1: error: invalid UTF-8 byte 0x81\n"
	          "t.yaml:1:2: error: invalid UTF-8 byte 0xF8 (in Windows-1252 this byte is \"ø\": is the file "
	          "saved as UTF-8?)\n"
	          "t.yaml:1:3: error: control character U+0007 (bell) is not allowed\n");
	/* A BOM that is not at the start is an ordinary (allowed) character. */
	CHECK_ENC("a\xEF\xBB\xBF\x07", 1, "t.yaml:1:3: error: control character U+0007 (bell) is not allowed\n");
	/* A truncated sequence followed by a valid character: only the truncated bytes are reported. */
	CHECK_ENC("\xE6\xB1\xE6\xB1\x9F\x07", 2,
	          "t.yaml:1:1: error: incomplete UTF-8 sequence 0xE6 0xB1\n"
	          "t.yaml:1:4: error: control character U+0007 (bell) is not allowed\n");
}

static void encoding_c1(void)
{
	/* A C1 control is an error; inside mojibake the message says what was meant. */
	CHECK_ENC("a \xC2\x85 b", 1, "t.yaml:1:3: error: control character U+0085 is not allowed\n");
	CHECK_ENC("q: \xC3\xA2\xE2\x82\xAC\xC2\x9D.", 1,
	          "t.yaml:1:6: error: control character U+009D is not allowed (the text around it looks like "
	          "UTF-8 read as Windows-1252 or Latin-1; it should probably be \"”\")\n");
}

/* Every error of a big file is reported (counted even beyond the 200 that diag keeps). */
static void encoding_many(void)
{
	vita_buf b = {0};
	for (int i = 0; i < 1000; i++)
		buf_puts(&b, "line \x01 and \xFF\n");
	vita_diags *d = vita_diags_new();
	CHECK_INT(vita_check_encoding("big", b.data, b.len, d), 2000);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 2000);
	vita_diags_free(d);
	buf_free(&b);
}

/* Normalizes s and returns the result; *warnings gets the warning count, msg (if not NULL) the text. */
static const char *norm(vita_arena *a, const char *s, size_t *warnings, char **msg)
{
	vita_diags *d = vita_diags_new();
	vita_pos pos = {"t.yaml", 3, 9};
	const char *r = vita_normalize(a, s, strlen(s), pos, d);
	*warnings = vita_diags_count(d, VITA_WARNING);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 0);
	if (msg)
		*msg = headlines(d);
	vita_diags_free(d);
	return r;
}

static void nfc_and_ligatures(void)
{
	vita_arena *a = arena_new();
	size_t w;
	CHECK_STR(norm(a, "Caf" "e\xCC\x81", &w, NULL), "Caf\xC3\xA9"); /* e + U+0301 -> é */
	CHECK_INT(w, 0);
	CHECK_STR(norm(a, "A\xCC\x8Angstro\xCC\x88m", &w, NULL), "Ångström");
	CHECK_STR(norm(a, "\xEF\xAC\x80 \xEF\xAC\x81 \xEF\xAC\x82 \xEF\xAC\x83 \xEF\xAC\x84 \xEF\xAC\x85 \xEF\xAC\x86", &w,
	               NULL),
	          "ff fi fl ffi ffl st st");
	CHECK_INT(w, 0);
	CHECK_STR(norm(a, "e\xEF\xAC\x83" "cient", &w, NULL), "efficient");
	/* Not a full NFKC: superscripts, full-width forms, NBSP, ℃, ½ stay. */
	CHECK_STR(norm(a, "x² ＡＢＣ a\xC2\xA0" "b ½ ℃ ™ ﬗ", &w, NULL), "x² ＡＢＣ a\xC2\xA0" "b ½ ℃ ™ ﬗ");
	CHECK_INT(w, 0);
	/* Hangul jamo compose; an already-NFC string is unchanged. */
	CHECK_STR(norm(a, "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", &w, NULL), "한");
	CHECK_STR(norm(a, "plain ascii", &w, NULL), "plain ascii");
	CHECK_STR(norm(a, "", &w, NULL), "");
	/* Embedded NUL (the caller gave a length) is kept, not a crash. */
	vita_diags *d = vita_diags_new();
	vita_pos pos = {"t", 1, 1};
	const char *r = vita_normalize(a, "a\0é", 4, pos, d);
	CHECK(r[0] == 'a' && r[1] == '\0' && strcmp(r + 2, "é") == 0);
	vita_diags_free(d);
	arena_free(a);
}

typedef struct repair_case {
	const char *in, *out, *msg;
} repair_case;

static void mojibake_profiles(void)
{
	/* The damaged text exactly as in /work/shared/profiles (U+F8FF is Mac Roman's 0xF0). */
	static const repair_case cases[] = {
	    {"I am Chenyu Jiang (Ê±üÂÆ∏ÂÆá), a final-year Ph.D.", "I am Chenyu Jiang (江宸宇), a final-year Ph.D.",
	     "repaired mojibake (UTF-8 read as Mac Roman): \"Ê±üÂÆ∏ÂÆá\" → \"江宸宇\""},
	    {"\xEF\xA3\xBFüìÑ Recent Publications", "📄 Recent Publications",
	     "repaired mojibake (UTF-8 read as Mac Roman): \"<U+F8FF>üìÑ\" → \"📄\""},
	    {"\xEF\xA3\xBFüéì Education", "🎓 Education", NULL},
	    {"\xEF\xA3\xBFüíº Experience", "💼 Experience", NULL},
	    {"\xEF\xA3\xBFüèÜ Selected Awards", "🏆 Selected Awards", NULL},
	    {"\xEF\xA3\xBFüè´ Education", "🏫 Education", NULL},
	    {"\xEF\xA3\xBFüíª Research Interest", "💻 Research Interest", NULL},
	    {"\xEF\xA3\xBFüî• News", "🔥 News", NULL},
	    /* The same without the Apple logo, as the text shows when U+F8FF was dropped. */
	    {"üìÑ Recent Publications", "📄 Recent Publications",
	     "repaired mojibake (UTF-8 read as Mac Roman): \"üìÑ\" → \"📄\""},
	    {"üéì, üíº and üèÜ", "🎓, 💼 and 🏆",
	     "repaired mojibake (UTF-8 read as Mac Roman): \"üéì\" → \"🎓\", \"üíº\" → \"💼\", \"üèÜ\" → \"🏆\""},
	    {"*2024.12 - Now*, Eï¬€icient and Elastic Training", "*2024.12 - Now*, Efficient and Elastic Training",
	     "repaired mojibake (UTF-8 read as Windows-1252): \"Eï¬€icient\" → \"Efficient\""},
	};
	vita_arena *a = arena_new();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t w;
		char *msg;
		CHECK_STR(norm(a, cases[i].in, &w, &msg), cases[i].out);
		CHECK_INT(w, 1);
		if (cases[i].msg) {
			char want[512];
			snprintf(want, sizeof want, "t.yaml:3:9: warning: %s\n", cases[i].msg);
			CHECK_STR(msg, want);
		}
		free(msg);
	}
	/* vita_mojibake_repair alone keeps the ligature (unfolding is vita_normalize's job). */
	char *r = vita_mojibake_repair("Eï¬€icient", strlen("Eï¬€icient"));
	CHECK_STR(r, "E\xEF\xAC\x80icient");
	free(r);
	arena_free(a);
}

static void mojibake_common(void)
{
	static const repair_case cases[] = {
	    {"cafÃ©", "café", "Windows-1252): \"cafÃ©\" → \"café\""},
	    {"MÃ¼ller and GÃ¶del", "Müller and Gödel", NULL},
	    {"donâ€™t â€œquoteâ€\xC2\x9D", "don’t “quote\xE2\x80\x9D", NULL}, /* 0x9D is undefined in Windows-1252 */
	    {"1990â€“2000 â€” end", "1990–2000 — end", NULL},
	    {"DuÅ¡an ÄŒapek", "Dušan Čapek", NULL},
	    {"Ã\xC2\xA0 la carte", "à la carte", NULL}, /* NBSP kept from byte 0xA0 */
	    {"Â©2024", "©2024", NULL},
	    {"10 Î¼m", "10 μm", NULL},
	    {"Ð¡ÐµÑ€Ð³ÐµÐ¹", "Сергей", NULL},
	    {"æ±Ÿå®¸å®‡", "江宸宇", "Windows-1252): \"æ±Ÿå®¸å®‡\" → \"江宸宇\""},
	    {"ðŸ“„ Paper", "📄 Paper", NULL},
	    {"Ã\xC2\x83Â©", "é", NULL},                   /* twice damaged */
	    {"Ã£o", "ão", NULL},
	    {"Zoë and cafÃ©", "Zoë and café", NULL},       /* correct text beside damaged text */
	    {"Ãœber Ã„rger", "Über Ärger", NULL},
	    {"e\xCC\x81 is fine, but eÌ\xC2\x81 is not", "é is fine, but é is not", NULL}, /* decomposed */
	    {"Mac: caf√©", "Mac: café", "Mac Roman): \"caf√©\" → \"café\""},
	    {"Ēriks: Ä’riks", "Ēriks: Ēriks", NULL}, /* Latvian capital at the start of a word */
	    {"RomÃ¢nia, BucureÈ™ti", "România, București", NULL},
	    {"Ã¼ber Ã©Ã©", "über éé", NULL},
	    {"smart: â€œxâ€\xC2\x9D", "smart: “x”", "\"â€œxâ€<U+009D>\" → \"“x”\""},
	};
	vita_arena *a = arena_new();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t w;
		char *msg;
		const char *got = norm(a, cases[i].in, &w, &msg);
		CHECK_STR(got, cases[i].out);
		CHECK_INT(w, 1);
		if (cases[i].msg && !strstr(msg, cases[i].msg)) {
			printf("  message for %s: %s", cases[i].in, msg);
			CHECK(!"message");
		}
		free(msg);
	}
	/* A long run is shortened in the message. */
	vita_buf b = {0};
	for (int i = 0; i < 30; i++)
		buf_puts(&b, "æ±Ÿ");
	size_t w;
	char *msg;
	norm(a, b.data, &w, &msg);
	CHECK(strstr(msg, "…\" → \"江江") != NULL);
	CHECK(strlen(msg) < 300);
	free(msg);
	buf_free(&b);
	arena_free(a);
}

/* Correct text must come out byte for byte, with no warning. */
static void mojibake_leaves_correct_text(void)
{
	static const char *const keep[] = {
	    "Zoë Ångström, Ærøskøbing, Ĳsselmeer, naïve café, Ünal, Øresund, São Tomé", "Dušan", "Ελληνικά",
	    "Русский", "江宸宇", "€100", "©2024 Café Müller", "Ñandú", "ÀÉÎÕÜ", "façade", "œuvre", "Þórr",
	    "smörgåsbord", "ẞ", "São Paulo", "Ãgua", "NÃO", "AÇÃO", "IRMÃ", "Ã", "Â", "ÂGE", "Êtes-vous",
	    "Straße", "Ærø", "Čapek", "Łódź", "Przemysław", "İstanbul", "Ğ", "Þingvellir", "Ísland",
	    "Ørsted", "Æsir", "François", "Göteborg", "Åsa", "Ōsaka", "Nguyễn", "Trần", "Hà Nội",
	    "mañana", "¿Qué?", "¡Olé!", "«citation»", "„Zitat“", "‚so‘", "“quote”", "‘single’", "1–2",
	    "a—b", "…", "•", "·", "±5 %", "≤ 3", "≥ 4", "≠", "√2", "∞", "µm", "Ω", "°C", "²", "½", "™",
	    "®", "§ 3", "¶", "†", "‡", "‰", "¢", "£", "¥", "¬", "ª", "º", "×", "÷", "←→", "🎓 PhD",
	    "日本語", "한국어", "עברית", "العربية", "हिन्दी", "ไทย", "Ǆ", "ǅ",
	    /* Pairs that would decode as UTF-8 if read as mojibake: capitals before punctuation. */
	    "JOSÉ’S", "CAFÉ”", "CAFÉ…", "Straße—ja", "«ÉTÉ»", "“Élan”", "—école", "SEPPÄ…", "IRMÃ»",
	    "ÅÄÖ”", "«À»", "PERCHÈ…", "COSÌ…", "COSÌ’", "GUÐ’S", "ÜBER’S", "Ö—", "SEPPÄ’s", "ß”",
	    "CAFÉ\xC2\xA0!", "É\xC2\xA0»", "« Élan »", "«\xC2\xA0Élan\xC2\xA0»", "\xC2\xA0à bientôt",
	    /* Lower case accented letters before two punctuation marks (a 3-byte lead in Windows-1252). */
	    "“the café’”", "café…”", "créé\xC2\xA0»", "à\xC2\xA0—", "déjà\xC2\xA0»", "Grüß…",
	    /* Mac Roman risk: symbols before accented letters. */
	    "«Élan»", "–à", "—é", "…à", "“Über”", "‘à’", "„Übung“", "Œuvre", "ƒ(x)",
	    "Ãé", "Õé", "ü°", "Füße", "Grüße", "«école»", "«être»", "»öffentlich«", "»ôter«", "Ç’a été",
	    "CAFÉ™", "ÉCOLE™", "Ç’", "«ǎ»",
	};
	vita_arena *a = arena_new();
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
		size_t w;
		char *msg;
		const char *got = norm(a, keep[i], &w, &msg);
		CHECK_STR(got, keep[i]);
		if (w) {
			printf("  unexpected warning for \"%s\": %s", keep[i], msg);
			CHECK_INT(w, 0);
		}
		free(msg);
		char *r = vita_mojibake_repair(keep[i], strlen(keep[i]));
		if (r) {
			printf("  repaired \"%s\" to \"%s\"\n", keep[i], r);
			CHECK(r == NULL);
		}
		free(r);
	}
	arena_free(a);
}

static bool valid_utf8(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = utf8_decode(s + i, n - i, &cp);
		if (!l)
			return false;
		i += l;
	}
	return true;
}

/* Random mixes of mojibake pieces and correct text: the result is valid UTF-8, and normalizing it
 * again changes nothing (a repair never produces new mojibake). */
static void random_mixes(void)
{
	static const char *const pieces[] = {"Ã", "©", "Â", "â€", "™", "œ", "Ê±ü", "ÂÆ∏", "ü", "ìÑ", "\xEF\xA3\xBF",
	                                     "ï¬€", "Å¡", "Ð", "¸", "Î¼", "é", "e\xCC\x81", "江", " ", "a", "’", "”",
	                                     "«", "»", "\xC2\xA0", "\xC2\x81", "\xC2\x9D", "ß", "É", "Ç", "ﬁ", "…"};
	vita_arena *a = arena_new();
	unsigned seed = 777;
	int bad = 0;
	for (int iter = 0; iter < 3000 && bad < 5; iter++) {
		vita_buf b = {0};
		int n = 1 + (int)(seed % 10);
		for (int k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			buf_puts(&b, pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])]);
		}
		size_t w;
		const char *once = norm(a, b.data, &w, NULL);
		const char *twice = norm(a, once, &w, NULL);
		if (!valid_utf8(once) || strcmp(once, twice) != 0) {
			printf("  \"%s\" -> \"%s\" -> \"%s\"\n", b.data, once, twice);
			bad++;
		}
		buf_free(&b);
	}
	CHECK_INT(bad, 0);
	/* Invalid input (outside the contract) does not crash and keeps its bytes. */
	vita_diags *d = vita_diags_new();
	vita_pos pos = {"t", 1, 1};
	CHECK_STR(vita_normalize(a, "caf\xE9 \xFF", 6, pos, d), "caf\xE9 \xFF");
	vita_diags_free(d);
	arena_free(a);
}

/* charref.h: what a decoded character reference becomes.  C1 codes read as Windows-1252 (HTML's
 * rule), the five it leaves undefined and every other control dropped and named once. */
static void charrefs(void)
{
	CHECK_INT(vita_charref_char(0x96), 0x2013);
	CHECK_INT(vita_charref_char(0x80), 0x20AC);
	CHECK_INT(vita_charref_char(0x81), 0);
	CHECK_INT(vita_charref_char(0x9D), 0);
	CHECK_INT(vita_charref_char(0x7F), 0);
	CHECK_INT(vita_charref_char(0x00), 0);
	CHECK_INT(vita_charref_char('\t'), '\t');
	CHECK_INT(vita_charref_char(0xFFFE), 0);
	CHECK_INT(vita_charref_char(0xE9), 0xE9);
	CHECK(!vita_charref_needed("caf\xC3\xA9 \xE2\x80\x94 tab\there", 16));
	CHECK(vita_charref_needed("a\x7F", 2));
	CHECK(vita_charref_needed("a\xC2\x85", 3));
	CHECK(vita_charref_needed("\xEF\xBF\xBF", 3));
	CHECK(!vita_charref_needed("\xEF\xBF\xBD", 3)); /* U+FFFD is text */
	vita_buf out = {0}, dropped = {0};
	const char in[] = "1\xC2\x96" "9 \x01x\x7Fy\x01 \xC2\x81z";
	CHECK_INT((long)vita_charref_filter(&out, in, sizeof in - 1, &dropped), 4);
	CHECK_STR(buf_str(&out), "1\xE2\x80\x93" "9 xy z");
	CHECK_STR(buf_str(&dropped), "U+0001, U+007F (delete), U+0081");
	buf_free(&out);
	buf_free(&dropped);
}

int main(void)
{
	RUN(charrefs);
	RUN(encoding_clean);
	RUN(encoding_errors);
	RUN(encoding_c1);
	RUN(encoding_many);
	RUN(nfc_and_ligatures);
	RUN(mojibake_profiles);
	RUN(mojibake_common);
	RUN(mojibake_leaves_correct_text);
	RUN(random_mixes);
	return TEST_EXIT();
}
