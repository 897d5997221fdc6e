/*
 * `vita new "Full Name" [--theme T] [--locale L]`: a starter CV, as `rendercv new` makes one.
 *
 * Writes Full_Name_CV.yaml in the current folder: one entry of each common kind with short
 * instructions in its text (vita's own words), the theme and the language asked for, valid as it
 * stands (tests/sh/workflow.sh renders it with no message).  It never replaces a file: the name is
 * created exclusively (O_EXCL), so a second run, or a file made meanwhile, is an error.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "render/cli.h"

static const char *new_help =
    "Usage: vita new \"Full Name\" [--theme THEME] [--locale LANGUAGE]\n"
    "Write a starter CV, Full_Name_CV.yaml, in the current folder (never over an existing file).\n"
    "\n"
    "      --theme THEME     the design theme (default classic); vita's themes are the files\n"
    "                        in its styles/ folder\n"
    "      --locale LANGUAGE the language of dates and words (default english)\n"
    "  -h, --help            show this help\n";

/* The starter's text: NAME is the name as a YAML double-quoted string, BOLD the same with **. */
static const char *const starter =
    "# A starter CV written by `vita new`.  Change what is here and delete what you do not need;\n"
    "# render it with `vita render FILE` (or `vita render FILE --watch` while you edit).\n"
    "# The format is RenderCV's YAML: a `cv` with your details and sections, then the `design`.\n"
    "cv:\n"
    "  name: NAME\n"
    "  headline: What you do, in a few words\n"
    "  location: Your City, Country\n"
    "  email: you@example.org\n"
    "  website: https://example.org/\n"
    "  social_networks:\n"
    "    - network: GitHub\n"
    "      username: your-username\n"
    "  sections:\n"
    "    # A section is a name and a list of entries of one kind; vita tells the kind from the keys.\n"
    "    summary:\n"
    "      - A paragraph or two about your work. Text can be **bold**, *italic* or a\n"
    "        [link](https://example.org).\n"
    "    experience:\n"
    "      - company: The Company\n"
    "        position: Your Position\n"
    "        location: City\n"
    "        start_date: 2022-03\n"
    "        end_date: present\n"
    "        highlights:\n"
    "          - One thing you achieved there, with a number if you have one.\n"
    "          - Another one.\n"
    "    education:\n"
    "      - institution: The University\n"
    "        area: Your Subject\n"
    "        degree: BSc\n"
    "        location: City\n"
    "        start_date: 2018-09\n"
    "        end_date: 2021-06\n"
    "        highlights:\n"
    "          - 'Thesis: its title'\n"
    "    publications:\n"
    "      - title: The Title of a Paper\n"
    "        authors:\n"
    "          - BOLD\n"
    "          - A. Coauthor\n"
    "        journal: Where It Appeared\n"
    "        date: 2023-05\n"
    "    projects:\n"
    "      - name: A Project\n"
    "        start_date: 2020-01\n"
    "        end_date: 2021-12\n"
    "        summary: What it is, in one line.\n"
    "        highlights:\n"
    "          - What you did in it.\n"
    "    skills:\n"
    "      - label: Languages\n"
    "        details: The ones you work in\n"
    "      - label: Tools\n"
    "        details: The ones you know well\n"
    "design:\n"
    "  theme: THEME\n"
    "locale:\n"
    "  language: LOCALE\n";

static void yaml_quoted(vita_buf *b, const char *pre, const char *s, const char *post)
{
	buf_putc(b, '"');
	buf_puts(b, pre);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_puts(b, post);
	buf_putc(b, '"');
}

static char *starter_text(const char *name, const char *theme, const char *locale)
{
	vita_buf b = {0};
	for (const char *s = starter; *s;) {
		if (strncmp(s, "NAME", 4) == 0) {
			yaml_quoted(&b, "", name, "");
			s += 4;
		} else if (strncmp(s, "BOLD", 4) == 0) {
			yaml_quoted(&b, "**", name, "**");
			s += 4;
		} else if (strncmp(s, "THEME", 5) == 0) {
			buf_puts(&b, theme);
			s += 5;
		} else if (strncmp(s, "LOCALE", 6) == 0) {
			buf_puts(&b, locale);
			s += 6;
		} else
			buf_putc(&b, *s++);
	}
	char *r = xstrdup(buf_str(&b));
	buf_free(&b);
	return r;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of DIR's *.yaml files, ", "-separated, for the message that lists the choices. */
static void list_yaml(vita_buf *b, const char *dir, const char *first)
{
	buf_puts(b, first ? first : "");
	DIR *d = opendir(dir);
	struct dirent *e;
	char *names[64];
	size_t n = 0;
	while (d && (e = readdir(d)) != NULL && n < 64) {
		size_t l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".yaml") == 0 && e->d_name[0] != '.')
			names[n++] = xstrdup(e->d_name);
	}
	if (d)
		closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s%.*s", b->len ? ", " : "", (int)(strlen(names[i]) - 5), names[i]);
		free(names[i]);
	}
}

/* A theme or locale name vita has: a plain name with a file in the data folder. */
static bool have(const char *sub, const char *name)
{
	if (!*name || strchr(name, '/') || name[0] == '.')
		return false;
	vita_buf b = {0};
	buf_printf(&b, "%s/%s/%s.yaml", vita_data_dir(), sub, name);
	bool ok = access(buf_str(&b), R_OK) == 0;
	buf_free(&b);
	return ok;
}

static int refuse(const char *what, const char *name, const char *sub, const char *first)
{
	vita_buf b = {0}, dir = {0};
	buf_printf(&dir, "%s/%s", vita_data_dir(), sub);
	list_yaml(&b, buf_str(&dir), first);
	fprintf(stderr, "vita new: unknown %s `%s` (vita has: %s)\n", what, name, buf_str(&b));
	buf_free(&b);
	buf_free(&dir);
	return 2;
}

/* "Jane Q. Doe" → "Jane_Q._Doe_CV.yaml", as RenderCV names it; no '/' or control character. */
static char *file_name(const char *name)
{
	vita_buf b = {0};
	for (const char *s = name; *s; s++)
		buf_putc(&b, *s == ' ' || *s == '/' || (unsigned char)*s < 0x20 || *s == 0x7F ? '_' : *s);
	buf_puts(&b, "_CV.yaml");
	char *r = xstrdup(buf_str(&b));
	buf_free(&b);
	return r;
}

static int write_new(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		if (errno == EEXIST)
			fprintf(stderr, "vita new: error: %s exists already; vita new never replaces a file (remove it, "
			                "or choose another name)\n", path);
		else
			fprintf(stderr, "vita new: error: cannot create %s: %s\n", path, strerror(errno));
		return 1;
	}
	size_t len = strlen(text);
	ssize_t w = write(fd, text, len);
	if (close(fd) != 0 || w != (ssize_t)len) {
		fprintf(stderr, "vita new: error: cannot write %s: %s\n", path, strerror(errno));
		unlink(path); /* no half-written starter */
		return 1;
	}
	return 0;
}

int vita_new_main(int argc, char **argv)
{
	static const struct option opts[] = {{"theme", required_argument, 0, 't'},
	                                     {"locale", required_argument, 0, 'l'},
	                                     {"help", no_argument, 0, 'h'},
	                                     {0, 0, 0, 0}};
	const char *theme = "classic", *locale = "english";
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 't': theme = optarg; break;
		case 'l': locale = optarg; break;
		case 'h': fputs(new_help, stdout); return 0;
		default: fputs("Try 'vita new --help' for more information.\n", stderr); return 2;
		}
	}
	if (optind != argc - 1 || !*argv[optind]) {
		fputs("vita new: expects one name: vita new \"Full Name\"\nTry 'vita new --help' for more "
		      "information.\n",
		      stderr);
		return 2;
	}
	if (!have("styles", theme))
		return refuse("theme", theme, "styles", NULL);
	if (strcmp(locale, "english") != 0 && !have("styles/locales", locale))
		return refuse("locale", locale, "styles/locales", "english");
	const char *name = argv[optind];
	char *path = file_name(name), *text = starter_text(name, theme, locale);
	int rc = write_new(path, text);
	if (rc == 0)
		printf("vita new: wrote %s; render it with: vita render %s\n", path, path);
	free(path);
	free(text);
	return rc;
}
