/*
 * The text engine's internals, shared by font.c (faces and fallback), shape.c (characters, fallback
 * and kerning), breaks.c (break opportunities, hyphenation, line breaking) and para.c (paragraphs
 * and the items they become).  Nothing outside src/layout/{font,shape,breaks,para}.c includes this;
 * the rest of vita uses text.h.
 *
 * A paragraph is set in four steps: its runs become a flat array of tchar (one per drawn code point,
 * with the face that draws it, its width as libharu will draw it, and the kerning after it); break
 * opportunities are marked on that array; a line breaker chooses breaks; para.c cuts each line into
 * pieces and positions them.
 */
#ifndef VITA_LAYOUT_TEXTINT_H
#define VITA_LAYOUT_TEXTINT_H

#include <hb.h>

#include "layout/text.h"
#include "style/fonts.h"

/* Code points below this have their widths cached in an array per face (Latin, Greek, Cyrillic,
 * punctuation, symbols); CJK goes to HarfBuzz each time, which is a cmap binary search. */
#define FACE_WCACHE 0x3000

/* The feature sets vita shapes with (face_shape): kerning only (shape.c), the font's defaults and
 * small caps (complex.c). */
enum { PLAN_KERN, PLAN_DEFAULT, PLAN_SMCP, FACE_PLANS };

/* One face of a font file. */
typedef struct face {
	char *path;
	int index;          /* in a collection */
	char *family;
	bool bold, italic;
	bool loaded, failed;
	bool borrowed;      /* the loaded state below is the thread's face store's (facestore.c) */
	bool optional;      /* of the default chain (fallback.c): a missing file is not worth a warning */
	hb_blob_t *blob;
	hb_face_t *hbface;
	hb_font_t *font;    /* scaled to units_per_em: advances come in font units */
	int upem;
	int8_t kerns;       /* has GPOS or kern: worth shaping (-1: not looked at yet; a CJK font's GPOS
	                     * costs millions of instructions to read, and ideographs are not kerned) */
	double ascent, descent;        /* em, positive (hhea) */
	double cap;                    /* em: cap height (OS/2 sCapHeight, else HarfBuzz's estimate) */
	double sup_size, sup_rise;     /* em (OS/2 superscript size and offset) */
	double ul_pos, ul_thick;       /* em, position positive below the baseline */
	int8_t smcp;       /* has the `smcp` feature: 0 not looked at yet, 1 yes, 2 no (complex.c) */
	int16_t **wcache;  /* per code point, FACE_WCACHE / 256 blocks of 256 made as used (a CV touches
	                    * two or three, and a page not touched costs no fault): 0 unknown, -1 not in
	                    * the font, else width + 1 */
	struct face_glyph **gcache; /* face_glyph's, FACE_WCACHE / 256 blocks of 256 code points (all
	                             * allocated on first use: a render's faces array has room for the
	                             * whole fallback chain, and calloc clears it all) */
	int export_index;  /* index in the document's font list, -1 until used */
	/* A stand-in for a family vita cannot ship (style/fonts.h, vita_font_metrics): its glyphs are
	 * drawn `adjust` times the run's size, its word space and cap height are the original's. */
	const vita_font_metrics *metrics;
	double adjust;     /* 0: none */
	struct face_plans *plans; /* face_shape's (shape.c), allocated on first use */
	const struct vita_kern_table *ktab; /* the font's compiled kerning (kerntab.h), or NULL */
} face;

/* The nominal glyph of cp (false when the face has none) and its advance in font units, as
 * hb_font_get_nominal_glyph and hb_font_get_glyph_h_advance give them, cached below FACE_WCACHE:
 * the kerning of every word is checked against them (shape.c), 300 instructions a character. */
bool face_glyph(face *fc, uint32_t cp, uint32_t *glyph, int32_t *advance);

/* hb_shape(fc->font, b, feats, n) with the plan of feature set `set` kept in fc: the same glyphs
 * and positions, as b is cleared before each word (shape.c). */
void face_shape(face *fc, hb_buffer_t *b, int set, const hb_feature_t *feats, unsigned n);
void face_plans_free(face *fc);

/* ---- facestore.c: the faces this thread loaded, kept for its next documents ---- */
/* Copies the loaded state of the face fc names (file, index, stand-in metrics) if this thread has
 * loaded it before; false when not. */
bool face_store_borrow(face *fc);
/* Keeps a face just loaded; fc then borrows it. */
void face_store_keep(face *fc);
/* At a document's end: what fc computed lazily goes to the store (fc frees nothing loaded). */
void face_store_return(face *fc);
/* This thread's kerning cache of words (shape.c), kept across documents. */
struct kern_cache *face_store_kerns(void);
/* How many faces this thread keeps (for tests). */
size_t face_store_faces(void);
/* At a document's end: empties the kerning cache when it outgrew its bound. */
void face_store_document_done(void);
/* Destroys a face's loaded state (HarfBuzz objects, caches, plans) (font.c). */
void face_release(face *fc);

/* How much larger than its run's size the face draws: a stand-in's scale, else 1. */
static inline double face_scale(const face *fc)
{
	return fc && fc->adjust > 0 ? fc->adjust : 1;
}

/* A family: up to four faces (regular, bold, italic, bold italic), indices into fonts->faces. */
typedef struct family {
	char *name;
	int faces[4];
	bool cjk;          /* the style's CJK family: last in the fallback chain */
	int chain;         /* > 0: entry chain - 1 of the default chain (fallback.c), tried after it */
	bool warned_italic;
	bool icons;        /* Font Awesome (fonts/icons/): draws the header's icons, never a fallback */
} family;

typedef struct warned {
	uint32_t cp;
	const char *file;
	int line, col;
} warned;

struct vita_fonts {
	char *dir;          /* <data>/fonts */
	const vita_style *st;
	vita_diags *d;
	bool scanned;
	face *faces;
	size_t nfaces;
	family *fams;
	size_t nfams;
	int body_fam, cjk_fam, mono_fam; /* -1 when absent */
	/* unknown family names already warned about, and what they resolved to */
	char **unknown;
	int *unknown_to;
	size_t nunknown;
	face **used;        /* in export order */
	size_t nused, capused;
	warned *warned;     /* characters already reported (so a paragraph set twice warns once) */
	size_t nwarned, capwarned;
	hb_buffer_t *buf;
	bool warned_hyphen;
	bool warned_palette;  /* more colours or fonts than vita_item can index: said once (font.c) */
	struct shape_cache *sc; /* complex-script words already shaped (complex.c) */
	bool chain_added;   /* the default chain's families are in fams (fallback.c) */
	int emoji_fam;      /* the colour emoji family (emoji.c): -2 not looked for, -1 none */
	size_t ninstalled;  /* installed fonts added for a character (fallback.c) */
	bool said_emoji_drop; /* typography.emoji: drop has been reported */
	bool warned_thai;   /* libthai or ICU is missing: said once (complex.c) */
	/* fonts_cover's last answers, direct-mapped by character and style (font.c); emptied when a
	 * family is added, since the search order then changes */
	struct cover_slot {
		uint32_t key; /* cp << 8 | (fam + 1) << 2 | bold << 1 | italic; 0 = empty */
		bool fake_bold;
		face *fc;
	} cover[1024];      /* a CV asks a few hundred characters and styles: few collide */
	size_t cover_nfams;
	/* the document's colours, which vita_item.color indexes (fonts_color): kept beside its fonts
	 * since both are tables the items index and fonts_export hands over to the document */
	vita_rgb *colors;
	size_t ncolors, capcolors;
};

/* ---- shape.c ---- */
/* At most this many code points of kerned words are kept (4 bytes each, twice, and a table slot
 * per word: about 3 MB): past it the cache starts over, in the middle of a long CV, whose words
 * are mostly new (numbers, names, DOIs: 4 MB at 10,000 publications, issue 17), as between the
 * CVs of a batch in many languages, which would otherwise grow it without end. */
#define KERN_CACHE_MAX (1u << 17)
struct kern_cache *kern_cache_new(void);
void kern_cache_free(struct kern_cache *kc);
size_t kern_cache_size(const struct kern_cache *kc); /* code points held */

/* ---- font.c ---- */
/* The family index for a name (unknown names warn once and resolve to the body family). */
int fonts_family(vita_fonts *f, const char *name, vita_pos pos, vita_diags *d);
/* The face of a family closest to bold/italic, loaded; sets *fake_bold when bold is synthesized.
 * NULL only when the family has no loadable face at all. */
face *fonts_face(vita_fonts *f, int fam, bool bold, bool italic, bool *fake_bold, vita_diags *d);
/* The first face in the fallback chain from fam that has cp; NULL when none has it.  The answers
 * kept in f->cover are read inline (every drawn character asks); fonts_cover_miss searches and
 * keeps the answer. */
face *fonts_cover_miss(vita_fonts *f, int fam, bool bold, bool italic, uint32_t cp, bool *fake_bold,
                       vita_diags *d);
/* The slot of f->cover for a character and style, and its key (0: not kept, for families or
 * characters beyond the key's bits). */
static inline struct cover_slot *fonts_cover_slot(vita_fonts *f, int fam, bool bold, bool italic, uint32_t cp,
                                                  uint32_t *key)
{
	bool cacheable = fam >= -1 && fam < 62 && cp < (1u << 24);
	*key = cacheable ? cp << 8 | (uint32_t)(fam + 1) << 2 | (uint32_t)bold << 1 | (uint32_t)italic : 0;
	return &f->cover[(*key * 0x9E3779B1u) >> 22]; /* Fibonacci hashing: the top 10 bits (a key
	                                               * that is not kept, 0, reads slot 0 and misses) */
}
static inline face *fonts_cover(vita_fonts *f, int fam, bool bold, bool italic, uint32_t cp, bool *fake_bold,
                                vita_diags *d)
{
	uint32_t key;
	const struct cover_slot *sl = fonts_cover_slot(f, fam, bold, italic, cp, &key);
	if (key && sl->key == key && f->cover_nfams == f->nfams) {
		*fake_bold = sl->fake_bold;
		return sl->fc;
	}
	return fonts_cover_miss(f, fam, bold, italic, cp, fake_bold, d);
}
int face_width_miss(face *fc, uint32_t cp); /* font.c: the look-up and the keeping */
void face_wcache_free(int16_t **wcache);
/* Width of cp in 1/1000 em, truncated as libharu writes it into /W; -1 when the face lacks cp.
 * The kept widths are read inline: every character laid out asks (some 3 600 a CV). */
static inline int face_width(face *fc, uint32_t cp)
{
	const int16_t *b = cp < FACE_WCACHE && fc->wcache ? fc->wcache[cp >> 8] : NULL;
	if (b) {
		int v = b[cp & 255];
		if (v)
			return v < 0 ? -1 : v - 1;
	}
	return face_width_miss(fc, cp);
}
/* The horizontal ink extent of cp (em, from the pen) when its ink reaches `depth` em below the
 * baseline (an underline there skips it); false when it does not. */
bool face_ink_below(face *fc, uint32_t cp, double depth, double *left, double *right);
/* The face's index in the exported font list (assigned on first use). */
int face_export(vita_fonts *f, face *fc);
/* Records that (cp, pos) was reported; false when it already was. */
bool fonts_warn_once(vita_fonts *f, uint32_t cp, vita_pos pos);

/* ---- fallback.c ---- */
/* How many faces fallback_add may append (the faces array is allocated once: faces are pointed to). */
size_t fallback_max_faces(void);
/* Appends the default chain's families (not loaded) to the scanned ones, once. */
void fallback_add(vita_fonts *f);
/* The first face of the default chain that has cp (its script's fonts, then the symbol fonts). */
face *fallback_cover(vita_fonts *f, uint32_t cp, bool bold, bool *fake_bold);
/* The Debian package whose font would draw cp when that font is not installed (NULL when it is, or
 * when the chain has none for cp's script), and the font's family. */
const char *fallback_hint(vita_fonts *f, uint32_t cp, const char **font);

/* ---- emoji.c ---- */
/* The length in bytes of the emoji sequence that starts s (len bytes): a character in emoji
 * presentation or made one (FE0F, a skin-tone modifier, tags), with the parts ZWJ joins to it, a
 * keycap, or a flag; 0 when none starts there. */
size_t emoji_sequence(const char *s, size_t len);
/* The colour emoji face (Noto Color Emoji, when installed), loaded; NULL when there is none. */
face *emoji_face(vita_fonts *f);

/* ---- missing.c ---- */
typedef struct missing_char {
	uint32_t cp;
	vita_pos pos;
	hb_script_t script;
} missing_char;

typedef struct missing_list {
	missing_char *v;
	size_t n, cap;
} missing_list;

/* A character left out, to be reported with the others of its field and script. */
void missing_add(missing_list *m, uint32_t cp, vita_pos pos);
/* One warning per field and script, naming the characters and the package that has them; empties m. */
void missing_flush(vita_fonts *f, missing_list *m, vita_diags *d);

/* ---- the flat character array ---- */
/* The narrowest word space drawn, as a fraction of the font size: poppler's raw mode (pdftotext
 * -raw, which ATS parsers use) runs two words together when the gap between them is narrower, and
 * a font with a narrow space (Source Sans 3's is 0.2 em, which Typst shrinks by up to a third, to
 * 0.133 em) would reach it: RenderCV's own PDFs have such lines.  vita breaks a paragraph with its
 * spaces kept this wide; only when that costs the paragraph a line that Typst's glue saves
 * (RenderCV's classic example: "Thesis: ... Deployment" on one line) does it take Typst's breaks,
 * and then sets the spaces of a line tighter than this at this width and takes the difference
 * from between its letters (0.02 pt a letter on that line), so that the line keeps its measure. */
#define SPACE_MIN_EM 0.16
/* How far Typst lets a word space shrink (a third of it); para.c breaks with it where the floor binds. */
#define SPACE_SHRINK_TYPST (1.0 / 3.0)
/* The most a letter gives up so (pt per em of its size); beyond it the line keeps Typst's spaces. */
#define TRACK_MAX_EM 0.01
enum { CH_TEXT, CH_SPACE, CH_GAP, CH_BREAK };     /* drawn; stretchable space; fixed space; forced break */
enum { BRK_NONE, BRK_ALLOW, BRK_HYPHEN, BRK_EMERG, BRK_MUST }; /* opportunity before a char */

typedef struct tchar {
	uint32_t cp;       /* as drawn */
	uint32_t run;      /* index of the run it came from */
	face *fc;          /* NULL for CH_BREAK and for gaps no face has */
	double size;       /* effective size, pt (small caps and superscript differ from the run) */
	double rise;       /* baseline shift upwards, pt */
	double adv;        /* advance, pt: truncated 1/1000 em × size */
	double kern;       /* added after this char when the next char is on the same line, pt */
	double stretch, shrink; /* of the gap after this char (spaces; between ideographs) */
	uint8_t kind;      /* CH_* */
	uint8_t brk;       /* BRK_*: break opportunity before this char */
	bool fake_bold;
	bool cjk;          /* an ideograph or kana/hangul (spacing for justification) */
	bool cont;         /* inside a shaped word, after its first character: no width, no break */
	bool tied;         /* inside a personal name (para_opts.ties): not hyphenated, not broken */
	uint8_t level;     /* bidi embedding level (0 in a paragraph with no right-to-left text) */
	uint32_t shaped;   /* on the first character of a shaped word: its record (complex.c) + 1 */
	uint8_t emoji;     /* of an emoji sequence drawn in colour (emoji.c): 1 its first character, 2 the rest */
	uint8_t smallcap;  /* 1: a lower-case letter in small caps, drawn with the font's smcp glyph (and
	                    * kept lower case for extraction) */
} tchar;

/* A paragraph's runs (para.c owns the struct; shape.c reads it). */
typedef struct prun {
	size_t off, len;   /* bytes in para.text */
	text_attr a;       /* family and link point into para.strs (resolved at set time) */
	size_t family_off, link_off; /* SIZE_MAX: none */
	vita_pos pos;
	bool brk;          /* a forced break (len == 0) */
} prun;

struct para {
	vita_buf text;
	vita_buf strs;
	prun *runs;
	size_t nruns, cap;
};

/* Resolved attributes of a run while setting. */
typedef struct rattr {
	const text_attr *a;
	const char *family, *link;
	int fam;
	face *primary;     /* the run's own face */
	bool primary_fake_bold;
	double size;       /* size of normal letters (superscript applied) */
	double rise;
	unsigned color;    /* a->color in the document's palette (fonts_color) */
} rattr;

/* ---- shape.c ---- */
/* Turns the runs into characters: fallback per code point, replacements, warnings, widths,
 * kerning.  warn = false measures silently (text_width).  Returns the count; *out is malloc'd. */
size_t shape_para(vita_fonts *f, const para *p, rattr *ra, tchar **out, bool warn, vita_diags *d);

/* ---- complex.c ---- */
/* Shapes the words of complex scripts (Arabic, Hebrew, Indic, Thai, …) in c[0, n) as wholes with
 * HarfBuzz (GSUB and GPOS, the script's direction): the first character of each such word gets
 * the word's advance and its record (tchar.shaped), the others none (tchar.cont). */
void shape_complex(vita_fonts *f, tchar *c, size_t n);
/* Shapes each emoji sequence (tchar.emoji) as one word of the colour font. */
void shape_emoji(vita_fonts *f, tchar *c, size_t n);

/* ---- dictbreak.c ---- */
enum { DICT_NONE, DICT_THAI, DICT_ICU };
/* Whether cp's script needs a dictionary to find its words: Thai (libthai), Lao, Khmer and
 * Myanmar (ICU); DICT_NONE for the others. */
int dict_script(uint32_t cp);
/* Where the run c[0, n), of the script of its first character, breaks into words: up to cap
 * offsets in (0, n), ascending; 0 when it is one word.  *missing: the library is not installed. */
size_t dict_words(const tchar *c, size_t n, size_t *cuts, size_t cap, bool *missing);

/* Shapes the runs of small-caps letters (tchar.smallcap) in c[0, n) as words of their own: with the
 * font's `smcp` feature, or as capitals at the size emit gave them; the piece's text stays as
 * written ("Welcome"), and the PDF's /ActualText and ToUnicode give it back. */
void shape_smallcaps(vita_fonts *f, tchar *c, size_t n);
/* Latin words that form a standard ligature in their font become glyph pieces (typography.ligatures). */
void shape_ligatures(vita_fonts *f, tchar *c, size_t n);
/* Whether the face has the `smcp` feature (real small caps). */
bool face_has_smcp(face *fc);
/* The glyphs of a record (clusters are character indices in the word, from 0). */
const vita_glyph *shaped_glyphs(const vita_fonts *f, uint32_t shaped, size_t *n);
void shape_cache_free(struct shape_cache *sc);
/* Turns shaped words wider than width back into characters (drawn one by one, breakable). */
void unshape_wider(tchar *c, size_t n, double width);

/* ---- bidi.c ---- */
/* Sets c[i].level (UAX #9, FriBidi) and mirrors brackets on right-to-left levels; false (levels
 * left 0) when the paragraph has no right-to-left character and rtl (the base direction right to
 * left) is false. */
bool bidi_levels(tchar *c, size_t n, bool rtl);
/* Moves the line [s, e)'s characters (x[], laid out left to right in logical order, the line
 * ending at end_x) into visual order. */
void bidi_reorder_line(const tchar *c, size_t s, size_t e, double *x, double end_x);

/* ---- breaks.c ---- */
/* Ties the names of t where they occur whole in c[0, n) and are no wider than width (ties.c). */
void ties_apply(const vita_ties *t, double width, tchar *c, size_t n);

/* Marks break opportunities (libunibreak) in c[i].brk. */
void breaks_mark(tchar *c, size_t n);
/* libunibreak's breaks (LINEBREAK_*) of cp[0, n) as breaks_mark asks for them (tests). */
void breaks_unibreak(const uint32_t *cp, size_t n, char *brk);
/* Adds hyphenation points to words of letters, from h (the CV's language, hyphlang.c) or, when h
 * is NULL, vita's English table; false when there is no dictionary. */
bool breaks_hyphenate(tchar *c, size_t n, struct hyph_dict *h);

/* Hyphenation points of a lower-case ASCII word: points[i] when a hyphen may follow word[i] (at
 * least 2 letters before, 3 after).  False when there is no dictionary.  For tests. */
bool breaks_hyphen_points(const char *word, bool *points);
/* Frees this thread's cache of words' hyphenation points (vita_layout_thread_done). */
void breaks_thread_done(void);
/* Width of '-' after char i (pt, in i's face and size). */
double breaks_hyphen_width(const tchar *c);

typedef struct lbreak {
	size_t start, end;  /* chars [start, end) are the line's content (no trailing spaces) */
	bool hyphen;        /* a hyphen is added at the end */
	bool last;          /* the last line or one ending at a forced break: set without stretching */
} lbreak;

/* Chooses line breaks (hyphenating justified text when o->hyphenate and it helps; *no_dict is set
 * when it would have but there is no dictionary); no space shrinks below min_space em.  Returns the number of lines; *out is malloc'd. */
size_t breaks_lines(tchar *c, size_t n, const para_opts *o, bool ragged, double min_space, lbreak **out,
                    bool *no_dict);

#endif
