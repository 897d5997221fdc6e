/*
 * How a link is shown where the text is the link itself (a website connection, a DOI's URL in the
 * .tex): without its scheme and trailing slashes, as RenderCV shows it.  The loader decides which
 * links are allowed at all (src/load/inline.c).
 */
#include <string.h>

#include "vita/cv.h"

const char *vita_url_shown(const char *url, size_t *len)
{
	static const char *const schemes[] = {"https://", "http://", "mailto:"};
	const char *s = url;
	for (size_t k = 0; k < sizeof schemes / sizeof *schemes; k++) {
		size_t n = strlen(schemes[k]);
		if (strncmp(s, schemes[k], n) == 0) {
			s += n;
			break;
		}
	}
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		n--;
	*len = n;
	return s;
}
