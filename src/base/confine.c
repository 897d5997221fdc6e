/*
 * The confinement of `vita build` and `--untrusted` (include/vita.h, vita_confine_refusal).
 *
 * A CV from someone else must not make vita read the server's files: a photo `../../etc/…` would be
 * embedded in the PDF for its author to download.  Under confinement a file a CV names is read only
 * when its real path (symbolic links resolved, so a link cannot lead out) lies inside the CV's own
 * folder or a folder the operator allowed.  The caller warns at the key's line and column and goes
 * on without the file.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

/* True when real path p is dir or inside it (both resolved). */
static bool inside(const char *p, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return true;
	return strncmp(p, dir, n) == 0 && (p[n] == '/' || p[n] == 0);
}

static bool inside_root(const char *real, const char *root)
{
	char *r = realpath(root, NULL);
	bool ok = r && inside(real, r);
	free(r);
	return ok;
}

const char *vita_confine_refusal(const char *cv_path, const char *path)
{
	const vita_env *env = vita_env_get();
	if (!env->confined)
		return NULL;
	char *real = realpath(path, NULL);
	if (!real)
		return NULL; /* not there: the reader says it is missing, and reads nothing */
	char *dir = xstrdup(cv_path ? cv_path : ".");
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = 0;
	else
		strcpy(dir, ".");
	bool ok = inside_root(real, dir);
	for (size_t i = 0; !ok && i < env->nallow; i++)
		ok = inside_root(real, env->allow[i]);
	free(dir);
	free(real);
	return ok ? NULL
	          : "is outside the folders this render may read (the CV's own folder and those given with "
	            "--allow-path)";
}
