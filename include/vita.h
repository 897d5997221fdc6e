/*
 * vita — the public API of the CV renderer.
 *
 * A CV goes through four stages, each a plain data structure that can be printed and tested alone:
 *   vita_cv_load()      file (RenderCV YAML / JSON Resume) -> struct vita_cv   (include/vita/cv.h)
 *   vita_style_load()   styles/NAME.yaml + the CV's design: -> struct vita_style (include/vita/style.h)
 *   vita_layout()       cv + style + fonts -> struct vita_doc, pages of positioned items (vita/frame.h)
 *   vita_pdf_write()    doc -> PDF (libharu);  vita_latex_write()  cv + style -> .tex
 * Diagnostics from every stage go to one collector (vita_diags) and print as `path:line:col: error: …`.
 *
 * Ownership: every _load and _new function has a matching *_free; a loaded CV owns all its strings in one arena.
 */
#ifndef VITA_H
#define VITA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define VITA_VERSION "0.1.0"

/* A position in a source file; line and col are 1-based, 0 means unknown. */
typedef struct vita_pos {
	const char *file;
	int line;
	int col;
} vita_pos;

/* ---- diagnostics ------------------------------------------------------------------------------ */

typedef enum vita_severity { VITA_NOTE, VITA_WARNING, VITA_ERROR } vita_severity;

typedef struct vita_diags vita_diags;

vita_diags *vita_diags_new(void);
void vita_diags_free(vita_diags *d);
/* Registers a file's bytes so that messages can quote the offending line (the bytes are copied). */
void vita_diags_add_source(vita_diags *d, const char *path, const char *data, size_t len);
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void vita_diag(vita_diags *d, vita_severity sev, vita_pos pos, const char *fmt, ...);
size_t vita_diags_count(const vita_diags *d, vita_severity sev);
/* Prints all messages sorted by file, line, column (emission order among equals). color: ANSI on. */
void vita_diags_print(const vita_diags *d, FILE *out, bool color);
/* Whether messages to standard error are coloured: a terminal, and NO_COLOR unset. */
bool vita_diags_color(void);
/* A command's end: prints d to standard error (coloured as above), frees it, and returns the exit
 * status its errors give (1 with any error, else 0). */
int vita_diags_finish(vita_diags *d);
void vita_diags_clear(vita_diags *d);

/* ---- stages ----------------------------------------------------------------------------------- */

typedef struct vita_cv vita_cv;
typedef struct vita_style vita_style;
typedef struct vita_doc vita_doc;

/* ---- the environment, read once (src/base/env.c) ----------------------------------------------- */

/* Everything vita takes from the process environment.  No stage calls getenv: main() builds this
 * with vita_env_from_process() and refuses bad values; stages read it with vita_env_get(). */
typedef struct vita_env {
	const char *data_dir; /* styles/ and fonts/: $VITA_DATA_DIR, else the source tree vita was built in */
	bool own_data;        /* data_dir is the folder vita was built for, whose styles/ are compiled in
	                       * (load/builtin.h); another folder's style files are read from disk */
	long long now;        /* seconds since 1970: $SOURCE_DATE_EPOCH, else the clock when first read */
	bool fixed_time;      /* now came from SOURCE_DATE_EPOCH (reproducible output) */
	bool no_color;        /* $NO_COLOR is set */
	bool dumb_terminal;   /* $TERM is "dumb": no progress bar */
	const char *fallback_fonts; /* $VITA_FALLBACK_FONTS: where the fallback chain's fonts are
	                             * ("" for none), NULL for the system's font folder */
	bool dump_measure;          /* $VITA_DUMP_MEASURE: --dump-layout shows each piece's measure */
	/* Confinement (`vita build`, `--untrusted`): a file a CV names (photo, `from:` .bib) is read
	 * only when it resolves, after symbolic links, inside the CV's own folder or one of `allow`
	 * (`--allow-path DIR`). */
	bool confined;
	const char *const *allow;
	size_t nallow;
} vita_env;

/* NULL when the CV at cv_path may read path (always, when the environment is not confined), else
 * why not, as a phrase for a warning: "is outside the folders this render may read (…)". */
const char *vita_confine_refusal(const char *cv_path, const char *path);

/* Reads the environment. -1 (with a sentence in err) when SOURCE_DATE_EPOCH is set but is not an
 * integer from 0 to 253402300799 (9999-12-31). */
int vita_env_from_process(vita_env *env, char *err, size_t errlen);
/* The process's environment (read on first use when main did not set it). */
const vita_env *vita_env_get(void);
void vita_env_set(const vita_env *env);
/* Confines every later render (before any starts): allow (kept, not copied) widens the roots. */
void vita_env_confine(const char *const *allow, size_t nallow);
/* Parses a SOURCE_DATE_EPOCH value; 0 on success. */
int vita_parse_epoch(const char *s, long long *out);
/* Where styles/ and fonts/ live: vita_env_get()->data_dir. */
const char *vita_data_dir(void);

/* Loads a CV. Returns NULL when the file cannot be understood (errors are in d); a CV is returned
 * even with errors when enough was understood to dump it, so check vita_diags_count(d, VITA_ERROR). */
vita_cv *vita_cv_load(const char *path, vita_diags *d);
/* Loads from memory; path is used for messages only. */
vita_cv *vita_cv_load_mem(const char *path, const char *data, size_t len, vita_diags *d);
void vita_cv_free(vita_cv *cv);
/* What the command line changes in a CV before it is validated (src/load/overlay.c): RenderCV's
 * split files and dotted-path overrides (`--cv.phone VALUE`: path "cv.phone"). */
typedef struct vita_override {
	const char *path, *value;
} vita_override;
typedef struct vita_load_opts {
	const vita_override *overrides;
	size_t noverrides;
	const char *design_file, *locale_file, *settings_file; /* --design, --locale-catalog, --settings */
} vita_load_opts;
/* vita_cv_load / vita_cv_load_mem with options (NULL: none). */
vita_cv *vita_cv_load_opts(const char *path, const vita_load_opts *o, vita_diags *d);
vita_cv *vita_cv_load_mem_opts(const char *path, const char *data, size_t len, const vita_load_opts *o,
                               vita_diags *d);
/* Prints the normalized model as stable, diffable text. */
void vita_cv_dump(const vita_cv *cv, FILE *out);
/* `vita dump --rendercv`: the YAML file at path as RenderCV reads it, vita's own keys left out or
 * flattened with a note each (src/render/dump_rendercv.c); the exit status. */
int vita_dump_rendercv(const char *path, FILE *out);

/* The theme named by the CV's design.theme (default "classic") from <data>/styles/, overridden by
 * the CV's design: block. NULL on error. */
vita_style *vita_style_load(const vita_cv *cv, vita_diags *d);
void vita_style_free(vita_style *s);

typedef struct vita_comp vita_comp;

/* Composes the CV with its style: the one interpretation every backend reads (vita/compose.h). */
vita_comp *vita_compose(const vita_cv *cv, const vita_style *style, vita_diags *d);
void vita_comp_free(vita_comp *c);
void vita_comp_dump(const vita_comp *c, FILE *out);

/* design.page.fit (src/render/fit.c): st itself when the CV asks no fit or already fits, else copy
 * filled with st's values scaled to fit the pages asked (a note, or a warning when even the
 * minima do not fit, says what changed).  copy shares st's strings: st must outlive it. */
const vita_style *vita_fit_style(const vita_cv *cv, const vita_style *st, vita_style *copy, vita_diags *d);

/* Frees the fonts this thread loaded and kept for its next layouts (the faces, shape plans and
 * kerning are reused until then).  A thread that ends frees them itself; the main thread, which
 * leaves through exit(), or a thread that wants the memory back early, calls it. */
void vita_layout_thread_done(void);
/* Frees the source faces this thread's PDF writer subset and kept for its next documents
 * (pdf/subset.c); freed at the thread's end like vita_layout_thread_done's. */
void vita_pdf_thread_done(void);

/* Lays a composition out into pages. NULL on error. */
vita_doc *vita_layout_comp(const vita_comp *comp, vita_diags *d);
/* The same from a CV and style (composes, lays out, frees the composition). */
vita_doc *vita_layout(const vita_cv *cv, const vita_style *style, vita_diags *d);
void vita_doc_free(vita_doc *doc);
/* Prints the pages' items as text for golden tests. */
void vita_doc_dump(const vita_doc *doc, FILE *out);

/* Writes the PDF atomically (temporary file in the target folder, then rename). 0 on success. */
int vita_pdf_write(const vita_doc *doc, const char *path, vita_diags *d);
/* Writes the PDF into memory (caller frees *out with free()). 0 on success. */
int vita_pdf_write_mem(const vita_doc *doc, unsigned char **out, size_t *len, vita_diags *d);

typedef struct vita_latex_opts {
	bool system_fonts; /* name installed system fonts instead of fontspec Path= into fonts/ */
} vita_latex_opts;
/* Writes the LaTeX source of a composition atomically (or into memory: *data is malloc'd). */
int vita_latex_write_comp(const vita_comp *comp, const vita_latex_opts *opts, const char *path, vita_diags *d);
int vita_latex_write_mem(const vita_comp *comp, const vita_latex_opts *opts, char **data, size_t *len,
                         vita_diags *d);
struct vita_output;
/* Every file of the LaTeX output: [0] the .tex (name NULL), then vita.cls, fonts/… and the photo,
 * named relative to the .tex's folder (*files and each data and name are malloc'd). */
int vita_latex_write_files(const vita_comp *comp, const vita_latex_opts *opts, struct vita_output **files,
                           size_t *n, vita_diags *d);
/* Whether a shared file (vita_output.shared) is to be written at path: 1 when nothing is there, 0
 * when the file there has the same bytes, -1 (an error naming it) when it has others. */
int vita_output_shared(const char *path, const struct vita_output *f, vita_diags *d);
/* The same from a CV and style (composes first). 0 on success. */
int vita_latex_write(const vita_cv *cv, const vita_style *style, const vita_latex_opts *opts,
                     const char *path, vita_diags *d);

/* Writes the composition as CommonMark Markdown into memory (*data is malloc'd). 0 on success. */
int vita_markdown_write_mem(const vita_comp *comp, char **data, size_t *len, vita_diags *d);

/* Writes the composition as one self-contained HTML page into memory (*data is malloc'd). */
int vita_html_write_mem(const vita_comp *comp, char **data, size_t *len, vita_diags *d);

/* ---- the render driver (src/render/) ------------------------------------------------------------ */

typedef struct vita_render_opts {
	bool system_fonts; /* LaTeX: installed fonts by family instead of vita's fonts/ */
	double dpi;        /* PNG: pixels per inch (0: 150) */
} vita_render_opts;

/* One file's bytes (malloc'd). */
typedef struct vita_output {
	char *data;
	size_t len;
	char *name; /* NULL: the output's own path (or its page's); else a path relative to its folder */
	bool shared; /* shared by the outputs of a folder (the .tex's fonts/): not written again when the
	              * file there has the same bytes, an error when it has others (vita_output_shared) */
} vita_output;

/* An output format: its name, file extension, whether it needs the laid-out pages, and the writer
 * that renders a composition (and its pages) into memory. */
typedef struct vita_backend {
	const char *name, *ext, *what;
	bool needs_layout;
	int (*write)(const vita_comp *c, const vita_doc *doc, const vita_render_opts *o, char **data, size_t *len,
	             vita_diags *d);
	/* A backend that writes a file per page (PNG, SVG) has this instead of write: page 1 goes to
	 * the path asked for, page N to NAME-N.EXT beside it. */
	int (*write_pages)(const vita_comp *c, const vita_doc *doc, const vita_render_opts *o, vita_output **pages,
	                   size_t *npages, vita_diags *d);
	bool archive; /* write_pages's files go into one .zip at the path asked for (src/render/zip.c) */
} vita_backend;

/* The pages of doc as PNG (at dpi) or SVG, through the raster backend loaded on demand. */
int vita_raster_pages(const vita_doc *doc, const char *format, double dpi, vita_output **pages, size_t *npages,
                      vita_diags *d);

/* The backend named "pdf", "tex", "markdown", or with that extension ("md"); NULL if none. */
const vita_backend *vita_backend_find(const char *name_or_ext);
/* The i-th backend, NULL past the last (for listing them). */
const vita_backend *vita_backend_at(size_t i);
/* The extensions vita writes, for messages: ".pdf, .tex, .md". */
const char *vita_backend_exts(void);
/* Renders a composition to n outputs; all are written, or none (see src/render/render.c). */
int vita_render_comp(const vita_comp *c, size_t n, const vita_backend *const *b, const char *const *paths,
                     const vita_render_opts *o, vita_diags *d);
/* Loads, composes and renders a CV file to n outputs. 0 on success. */
int vita_render_file(const char *in, size_t n, const vita_backend *const *b, const char *const *paths,
                     const vita_render_opts *o, vita_diags *d);
/* The same, then (names not NULL) every variant of the CV's settings.variants to the same paths
 * with "--NAME" before the extension (vita_variant_path); *names gets the names of the variants
 * rendered (malloc'd, as each name).  0 when every render succeeded (src/render/variants.c). */
int vita_render_file_variants(const char *in, size_t n, const vita_backend *const *b, const char *const *paths,
                              const vita_render_opts *o, char ***names, size_t *nnames, vita_diags *d);
/* "out/cv.pdf" with variant "industry": "out/cv--industry.pdf" (malloc'd). */
char *vita_variant_path(const char *path, const char *name);

/* ---- import (src/import/): profiles as people keep them → the CV model → vita YAML ---- */

typedef struct vita_imported vita_imported;
typedef struct vita_import_opts {
	const char *from;  /* "bibtex", "homepage", "cvtext", "alfolio-cv", "jsonresume", "collection",
	                    * "hugo-author", "site"; NULL = detect by content */
	const char *owner; /* the owner's name when the source does not give it; NULL = none */
	const char *overlay; /* hand corrections applied after the import (src/import/corrections.c);
	                      * it may name the sources (then paths may be empty) and the owner */
} vita_import_opts;
/* The formats vita import reads, for messages: "bibtex, homepage, cvtext". */
extern const char vita_import_formats[];
/* Reads the files (merged into one CV, in order).  NULL on error (messages in d). */
vita_imported *vita_import(const char *const *paths, size_t npaths, const vita_import_opts *opts,
                           vita_diags *d);
const vita_cv *vita_imported_cv(const vita_imported *im);
/* Where the YAML will be written (before vita_imported_yaml): a photo is named relative to it. */
void vita_imported_set_output(vita_imported *im, const char *path);
/* The CV as vita/RenderCV YAML with comments (where each part came from, and every piece of the
 * source that was not imported, verbatim with its line).  malloc'd, NUL-terminated. */
char *vita_imported_yaml(const vita_imported *im, size_t *len);
/* Visible words of the sources, and how many of them went into "not imported" comments. */
void vita_imported_words(const vita_imported *im, size_t *unmapped, size_t *total);
void vita_imported_free(vita_imported *im);
/* True when vita render and vita build read path through the importers (by its extension: .md,
 * .markdown, .bib, .txt, or a site folder), not as a YAML or JSON CV. */
bool vita_profile_is_imported(const char *path);
/* True for a site folder (one holding _config.yml or config/_default/): one person's profile. */
bool vita_profile_is_site(const char *path);
/* A profile of any format vita reads: YAML/JSON loaded, the others imported in memory, with a
 * warning when part of the source's text could not be mapped (`vita import` lists it). */
vita_cv *vita_profile_load(const char *path, vita_diags *d);
/* The same with vita_cv_load_opts's options for a YAML/JSON CV (an imported file takes none: a
 * warning says so when some are given). */
vita_cv *vita_profile_load_opts(const char *path, const vita_load_opts *o, vita_diags *d);
/* The `vita import` command (argv[0] is "import"); returns the exit status. */
int vita_import_main(int argc, char **argv);

#endif
