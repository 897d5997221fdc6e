/*
 * The shipped fonts' catalogue generated at build time (style/fontcat.h): which folder a catalogue
 * is for, and the records of a file whose size and modification time have not changed since.
 */
#include <string.h>
#include <strings.h>

#include "base/base.h"
#include "style/fontcat.h"
#include "vita.h"

const char *fontcat_folder(const char *dir)
{
	if (!vita_env_get()->own_data)
		return NULL;
	const char *data = vita_data_dir();
	size_t nd = strlen(data);
	if (strncmp(dir, data, nd) != 0 || strncmp(dir + nd, "/fonts", 6) != 0)
		return NULL;
	const char *rest = dir + nd + 6;
	return !*rest ? "" : strcmp(rest, "/themes") == 0 ? "themes" : strcmp(rest, "/icons") == 0 ? "icons" : NULL;
}

const vita_known_face *fontcat_lookup(const char *folder, const char *name, const struct stat *st, size_t *n)
{
	size_t i = 0;
	while (i < vita_known_nfaces && (strcmp(vita_known_faces[i].folder, folder) != 0 ||
	                                 strcmp(vita_known_faces[i].file, name) != 0))
		i++;
	if (i == vita_known_nfaces)
		return NULL;
	const vita_known_face *k = &vita_known_faces[i];
	if (k->size != (long long)st->st_size || k->mtime_sec != (long long)st->st_mtim.tv_sec ||
	    k->mtime_nsec != (long)st->st_mtim.tv_nsec)
		return NULL;
	size_t j = i;
	while (j < vita_known_nfaces && strcmp(vita_known_faces[j].folder, folder) == 0 &&
	       strcmp(vita_known_faces[j].file, name) == 0)
		j++;
	*n = j - i;
	return k;
}

bool fontcat_is_font_file(const char *name)
{
	size_t len = strlen(name);
	if (len < 5 || name[0] == '.')
		return false;
	const char *ext = name + len - 4;
	/* TrueType or CFF outlines, which vita's PDF writer embeds */
	return !strcasecmp(ext, ".ttf") || !strcasecmp(ext, ".ttc") || !strcasecmp(ext, ".otf");
}
