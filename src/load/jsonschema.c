/*
 * `vita schema` (include/vita/jsonschema.h): the whole JSON Schema, cv, locale and settings from
 * the loaders' key tables, entries from the entry-kind table, design from the style's key table
 * (src/style/jsonschema.c).  Where vita only warns (an entry's unknown key, which RenderCV's
 * templates may use), the schema allows it; where vita warns of a misspelling (cv, a connection,
 * locale, settings, design), the schema forbids other keys, so an editor underlines the typo.
 */
#include <string.h>

#include "base/base.h"
#include "vita/icons.h"
#include "vita/jsonschema.h"
#include "vita/schema.h"

void vita_json_enum(vita_buf *b, const char *const *list, const char *(*name)(size_t))
{
	buf_puts(b, "{\"enum\": [");
	for (size_t i = 0;; i++) {
		const char *v = list ? list[i] : name(i);
		if (!v)
			break;
		buf_printf(b, "%s\"%s\"", i ? ", " : "", v);
	}
	buf_puts(b, "]}");
}

/* cv's value for key k. */
static void put_cv_value(vita_buf *b, const char *k)
{
	if (strcmp(k, "social_networks") == 0) {
		buf_puts(b, "{\"type\": [\"array\", \"null\"], \"items\": {\"type\": \"object\", \"additionalProperties\": false, "
		            "\"required\": [\"network\", \"username\"], \"properties\": {\"network\": ");
		vita_json_enum(b, NULL, load_network_name);
		buf_puts(b, ", \"username\": {\"type\": \"string\"}}}}");
	} else if (strcmp(k, "custom_connections") == 0) {
		buf_puts(b, "{\"type\": [\"array\", \"null\"], \"items\": {\"type\": \"object\", \"additionalProperties\": false, "
		            "\"required\": [\"placeholder\"], \"properties\": {\"placeholder\": {\"type\": \"string\"}, "
		            "\"url\": {\"type\": [\"string\", \"null\"]}, \"fontawesome_icon\": ");
		vita_json_enum(b, NULL, vita_icon_name);
		buf_puts(b, "}}}");
	} else if (strcmp(k, "sections") == 0) {
		buf_puts(b, "{\"type\": \"object\", \"additionalProperties\": {\"$ref\": \"#/definitions/section\"}}");
	} else if (strcmp(k, "phone") == 0) {
		buf_puts(b, "{\"type\": [\"string\", \"number\", \"null\"]}");
	} else { /* an empty value (`headline:`) is no value, as in RenderCV */
		buf_puts(b, "{\"type\": [\"string\", \"null\"]}");
	}
}

/* An entry: a string (text entry) or a mapping of any kind's keys, plus vita's tags. */
static void put_entry(vita_buf *b)
{
	buf_puts(b, "\"entry\": {\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"object\", \"properties\": {");
	const char *const *all = vita_schema_all_keys();
	for (size_t i = 0; all[i]; i++) {
		const vita_field_def *f = vita_field_by_key(all[i]);
		const char *t = "{}";
		if (f && (f->type == VITA_FIELD_HIGHLIGHTS || f->type == VITA_FIELD_AUTHORS))
			t = "{\"type\": [\"array\", \"null\"]}";
		else if (f && f->type == VITA_FIELD_TEXT)
			t = "{\"type\": [\"string\", \"number\", \"null\"]}";
		buf_printf(b, "\"%s\": %s, ", all[i], t);
	}
	buf_puts(b, "\"tags\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}}}]}");
}

static void put_section(vita_buf *b)
{
	buf_puts(b, "\"section\": {\"anyOf\": [{\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/entry\"}}, "
	            "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {"
	            "\"entries\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/entry\"}}, "
	            "\"sort\": {\"enum\": [\"date-desc\", \"date-asc\", \"none\"]}, "
	            "\"tags\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}, "
	            "\"page_break_before\": {\"type\": \"boolean\"}}}, "
	            "{\"type\": \"object\", \"required\": [\"from\"], \"properties\": {\"from\": {\"type\": \"string\"}}}]}");
}

static void put_locale(vita_buf *b)
{
	buf_puts(b, "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {");
	const char *const *k = load_locale_keys();
	for (size_t i = 0; k[i]; i++) {
		buf_printf(b, "%s\"%s\": ", i ? ", " : "", k[i]);
		if (strcmp(k[i], "language") == 0)
			vita_json_enum(b, load_languages(), NULL);
		else if (strcmp(k[i], "month_names") == 0 || strcmp(k[i], "month_abbreviations") == 0)
			buf_puts(b, "{\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"minItems\": 12, \"maxItems\": 12}");
		else if (strcmp(k[i], "phrases") == 0)
			buf_puts(b, "{\"type\": \"object\", \"properties\": {\"degree_with_area\": {\"type\": \"string\"}}}");
		else
			buf_puts(b, "{\"type\": \"string\"}");
	}
	buf_puts(b, "}}");
}

static void put_settings(vita_buf *b)
{
	buf_puts(b, "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {");
	const char *const *k = load_settings_keys();
	for (size_t i = 0; k[i]; i++) {
		const char *t = "{\"type\": \"object\"}";
		if (strcmp(k[i], "bold_keywords") == 0)
			t = "{\"type\": [\"array\", \"null\"], \"items\": {\"type\": \"string\"}}";
		else if (strcmp(k[i], "current_date") == 0) /* a YAML date, which a YAML reader may type */
			t = "{\"description\": \"the date the CV is dated, YYYY-MM-DD, or today\"}";
		else if (strcmp(k[i], "pdf_title") == 0)
			t = "{\"type\": \"string\"}";
		else if (strcmp(k[i], "bold_owner") == 0)
			t = "{\"type\": [\"boolean\", \"string\"]}";
		buf_printf(b, "%s\"%s\": %s", i ? ", " : "", k[i], t);
	}
	buf_puts(b, "}}");
}

void vita_json_schema(FILE *out)
{
	vita_buf b = {0};
	buf_puts(&b, "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", "
	             "\"$id\": \"https://vita.invalid/schema.json\", \"title\": \"vita CV (RenderCV YAML and vita's keys)\", "
	             "\"type\": \"object\", \"additionalProperties\": false, \"properties\": {\"cv\": "
	             "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {");
	const char *const *k = load_cv_keys();
	for (size_t i = 0; k[i]; i++) {
		buf_printf(&b, "%s\"%s\": ", i ? ", " : "", k[i]);
		put_cv_value(&b, k[i]);
	}
	buf_puts(&b, "}}, \"design\": ");
	vita_json_schema_design(&b);
	buf_puts(&b, ", \"locale\": ");
	put_locale(&b);
	buf_puts(&b, ", \"settings\": ");
	put_settings(&b);
	buf_puts(&b, "}, \"definitions\": {");
	put_entry(&b);
	buf_puts(&b, ", ");
	put_section(&b);
	buf_puts(&b, "}}\n");
	fwrite(b.data, 1, b.len, out);
	buf_free(&b);
}
