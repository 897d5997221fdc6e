/*
 * The parsers of a design value: lengths with their units and colours in the forms RenderCV
 * accepts.  Pure functions of a string, so the style walk (style.c) reports where a value is
 * wrong and these only say whether it is right.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "style/style_internal.h"

/* "0.7in", "-0.1cm", "10pt", "1.2em"; the number and unit with nothing between them, as in
 * RenderCV.  A bare 0 is accepted (it needs no unit). */
bool style_parse_length(const char *s, length *out)
{
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1])))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p))
			p++;
	}
	char *end;
	double v = strtod(s, &end);
	if (end != p || !isfinite(v))
		return false;
	static const char *units[] = {"pt", "in", "cm", "mm", "em"};
	if (*p == '\0') {
		if (v != 0)
			return false;
		out->value = 0;
		strcpy(out->unit, "pt");
		return true;
	}
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(p, units[i]) == 0) {
			out->value = v;
			strcpy(out->unit, units[i]);
			return true;
		}
	return false;
}

double style_length_pt(const length *l, double body)
{
	if (strcmp(l->unit, "in") == 0)
		return l->value * 72.0;
	if (strcmp(l->unit, "cm") == 0)
		return l->value * 72.0 / 2.54;
	if (strcmp(l->unit, "mm") == 0)
		return l->value * 72.0 / 25.4;
	if (strcmp(l->unit, "em") == 0)
		return l->value * body;
	return l->value;
}

typedef struct named_color {
	const char *name;
	unsigned char r, g, b;
} named_color;

/* A few of the SVG/CSS colour keywords (RenderCV accepts all of them). */
static const named_color color_names[] = {
    {"black", 0, 0, 0},         {"white", 255, 255, 255},   {"gray", 128, 128, 128},
    {"grey", 128, 128, 128},    {"darkgray", 169, 169, 169},{"darkgrey", 169, 169, 169},
    {"lightgray", 211, 211, 211},{"lightgrey", 211, 211, 211},{"dimgray", 105, 105, 105},
    {"silver", 192, 192, 192},  {"red", 255, 0, 0},         {"darkred", 139, 0, 0},
    {"maroon", 128, 0, 0},      {"green", 0, 128, 0},       {"darkgreen", 0, 100, 0},
    {"blue", 0, 0, 255},        {"darkblue", 0, 0, 139},    {"navy", 0, 0, 128},
    {"mediumblue", 0, 0, 205},  {"royalblue", 65, 105, 225},{"steelblue", 70, 130, 180},
    {"teal", 0, 128, 128},      {"purple", 128, 0, 128},    {"orange", 255, 165, 0},
    {"brown", 165, 42, 42},     {"crimson", 220, 20, 60},   {"indigo", 75, 0, 130},
    {"olive", 128, 128, 0},     {"darkslategray", 47, 79, 79},{"darkslategrey", 47, 79, 79},
    {"midnightblue", 25, 25, 112},{"aquamarine", 127, 255, 212},
};

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool parse_hex(const char *h, vita_rgb *out)
{
	size_t n = strlen(h);
	if (n != 3 && n != 6)
		return false;
	int v[6];
	for (size_t i = 0; i < n; i++)
		if ((v[i] = hexval((unsigned char)h[i])) < 0)
			return false;
	if (n == 3) {
		out->r = (v[0] * 17) / 255.0;
		out->g = (v[1] * 17) / 255.0;
		out->b = (v[2] * 17) / 255.0;
	} else {
		out->r = (v[0] * 16 + v[1]) / 255.0;
		out->g = (v[2] * 16 + v[3]) / 255.0;
		out->b = (v[4] * 16 + v[5]) / 255.0;
	}
	return true;
}

/* Reads "(a, b, c)" after a function name: three numbers, each optionally followed by '%'. */
static bool parse_triple(const char *p, double v[3], bool pct[3])
{
	while (*p == ' ')
		p++;
	if (*p++ != '(')
		return false;
	for (int i = 0; i < 3; i++) {
		while (*p == ' ')
			p++;
		char *end;
		v[i] = strtod(p, &end);
		if (end == p || !isfinite(v[i]))
			return false;
		p = end;
		pct[i] = *p == '%';
		if (pct[i])
			p++;
		while (*p == ' ')
			p++;
		if (*p++ != (i < 2 ? ',' : ')'))
			return false;
	}
	while (*p == ' ')
		p++;
	return *p == '\0';
}

static double hue(double p, double q, double t)
{
	if (t < 0)
		t += 1;
	if (t > 1)
		t -= 1;
	if (t < 1.0 / 6)
		return p + (q - p) * 6 * t;
	if (t < 0.5)
		return q;
	if (t < 2.0 / 3)
		return p + (q - p) * (2.0 / 3 - t) * 6;
	return p;
}

bool style_parse_color(const char *s, vita_rgb *out)
{
	while (*s == ' ')
		s++;
	for (size_t i = 0; i < sizeof color_names / sizeof color_names[0]; i++)
		if (strcasecmp(s, color_names[i].name) == 0) {
			out->r = color_names[i].r / 255.0;
			out->g = color_names[i].g / 255.0;
			out->b = color_names[i].b / 255.0;
			return true;
		}
	double v[3];
	bool pct[3];
	if (strncasecmp(s, "rgb", 3) == 0 && parse_triple(s + 3, v, pct)) {
		double c[3];
		for (int i = 0; i < 3; i++) {
			c[i] = pct[i] ? v[i] / 100.0 : v[i] / 255.0;
			if (c[i] < 0 || c[i] > 1)
				return false;
		}
		out->r = c[0], out->g = c[1], out->b = c[2];
		return true;
	}
	if (strncasecmp(s, "hsl", 3) == 0 && parse_triple(s + 3, v, pct)) {
		if (pct[0] || !pct[1] || !pct[2] || v[1] < 0 || v[1] > 100 || v[2] < 0 || v[2] > 100)
			return false;
		double h = fmod(fmod(v[0], 360) + 360, 360) / 360, sat = v[1] / 100, l = v[2] / 100;
		if (sat == 0) {
			out->r = out->g = out->b = l;
			return true;
		}
		double q = l < 0.5 ? l * (1 + sat) : l + sat - l * sat, p = 2 * l - q;
		out->r = hue(p, q, h + 1.0 / 3);
		out->g = hue(p, q, h);
		out->b = hue(p, q, h - 1.0 / 3);
		return true;
	}
	return parse_hex(*s == '#' ? s + 1 : s, out);
}

bool style_parse_number(const char *s, double lo, double hi, bool whole, double *out)
{
	char *end;
	double x = *s ? strtod(s, &end) : 0;
	if (!*s || *end || !(x >= lo && x <= hi) || (whole && x != (double)(long)x))
		return false;
	*out = x;
	return true;
}
