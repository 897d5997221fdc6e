/*
 * vita_doc_dump: the laid-out document as stable, diffable text for golden tests.
 *
 * One line per item with coordinates rounded to 1/100 pt; font files by base name and the photo by
 * base name, so the dump does not depend on where the source tree lives; the creation time only
 * when SOURCE_DATE_EPOCH fixes it.  With VITA_DUMP_MEASURE=1 each text piece also gets edge=X, the
 * right edge of the measure it was set to, and a list of where each block of the body started (page,
 * section, title or entry), the record of the keep rules.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "vita/frame.h"

static double z(double v)
{
	return v > -0.005 && v < 0.005 ? 0.0 : v; /* no "-0.00" */
}

static void quoted(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20 || *p == 0x7F)
			fprintf(out, "\\x%02X", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

static const char *base_name(const char *p)
{
	const char *s = p ? strrchr(p, '/') : NULL;
	return s ? s + 1 : p ? p : "";
}

static unsigned hex(double c)
{
	if (c < 0)
		c = 0;
	if (c > 1)
		c = 1;
	return (unsigned)(c * 255 + 0.5);
}

static void color(FILE *out, vita_rgb c)
{
	fprintf(out, "#%02X%02X%02X", hex(c.r), hex(c.g), hex(c.b));
}

/* One item (a piece of one, for text with cuts) on a line of its own. */
static void dump_item(FILE *out, const vita_doc *doc, const vita_item *it, bool measure)
{
	switch (it->kind) {
	case VITA_ITEM_TEXT:
		fprintf(out, "  text %.2f %.2f w=%.2f font=%d size=%.2f ", z(it->x), z(it->y), z(it->w),
		        it->font, z(it->size));
		color(out, vita_item_rgb(doc, it));
		fprintf(out, "%s ", it->fake_bold ? " fake-bold" : "");
		for (size_t g = 0; g < it->nglyphs; g++) /* shaped: the original font's glyph ids */
			fprintf(out, "%s%u%s", g ? "," : "glyphs=", (unsigned)it->glyphs[g].id,
			        g + 1 == it->nglyphs ? " " : "");
		quoted(out, it->text);
		if (measure && it->edge > 0)
			fprintf(out, " edge=%.2f", z(it->edge));
		break;
	case VITA_ITEM_RULE:
		fprintf(out, "  rule %.2f %.2f w=%.2f h=%.2f thickness=%.2f ", z(it->x), z(it->y), z(it->w),
		        z(it->h), z(it->thickness));
		color(out, vita_item_rgb(doc, it));
		break;
	case VITA_ITEM_LINK:
		fprintf(out, "  link %.2f %.2f w=%.2f h=%.2f ", z(it->x), z(it->y), z(it->w), z(it->h));
		quoted(out, it->text);
		break;
	case VITA_ITEM_IMAGE:
		fprintf(out, "  image %.2f %.2f w=%.2f h=%.2f ", z(it->x), z(it->y), z(it->w), z(it->h));
		quoted(out, base_name(it->text));
		break;
	}
	fputc('\n', out);
}

void vita_doc_dump(const vita_doc *doc, FILE *out)
{
	if (!doc)
		return;
	/* the measure each text piece was set to: what the typography test checks overshoot against */
	bool measure = vita_env_get()->dump_measure;
	fprintf(out, "page %.2f x %.2f, %zu page(s)\n", z(doc->page_width), z(doc->page_height), doc->npages);
	fputs("info title=", out);
	quoted(out, doc->title);
	fputs(" author=", out);
	quoted(out, doc->author);
	fputs(" subject=", out);
	quoted(out, doc->subject);
	fputs(" keywords=", out);
	quoted(out, doc->keywords);
	fputs(" creator=", out);
	quoted(out, doc->creator);
	if (vita_env_get()->fixed_time)
		fprintf(out, " created=%lld\n", doc->creation_time);
	else
		fputs(" created=now\n", out);
	fprintf(out, "fonts %zu\n", doc->nfonts);
	for (size_t i = 0; i < doc->nfonts; i++) {
		const vita_font_ref *f = &doc->fonts[i];
		fprintf(out, "  font %zu ", i);
		quoted(out, f->family);
		fprintf(out, " bold=%d italic=%d face=%d upem=%d file=", f->bold, f->italic, f->face_index,
		        f->units_per_em);
		quoted(out, base_name(f->path));
		if (f->word_space > 0)
			fprintf(out, " space=%.3f", f->word_space);
		fputc('\n', out);
	}
	for (size_t p = 0; p < doc->npages; p++) {
		const vita_page *pg = &doc->pages[p];
		size_t pieces = 0; /* what the backends draw: the pieces of items with cuts one by one */
		for (size_t i = 0; i < pg->nitems; i++)
			pieces += vita_item_npieces(&pg->items[i]);
		fprintf(out, "page %zu: %zu item(s)\n", p + 1, pieces);
		for (size_t i = 0; i < pg->nitems; i++)
			for (size_t k = 0; k < vita_item_npieces(&pg->items[i]); k++) {
				vita_item it = vita_item_piece(&pg->items[i], k);
				dump_item(out, doc, &it, measure);
			}
	}
	if (measure) { /* the keep rules' record: one line per block start */
		fprintf(out, "placed %zu\n", doc->nplaced);
		for (size_t i = 0; i < doc->nplaced; i++)
			fprintf(out, "  page %d section %d %s\n", doc->placed[i].page + 1, doc->placed[i].section,
			        doc->placed[i].title ? "title" : "entry");
	}
	fprintf(out, "bookmarks %zu\n", doc->nbookmarks);
	for (size_t i = 0; i < doc->nbookmarks; i++) {
		fprintf(out, "  page %d y=%.2f ", doc->bookmarks[i].page + 1, z(doc->bookmarks[i].y));
		quoted(out, doc->bookmarks[i].title);
		fputc('\n', out);
	}
}
