#include "import/import.h"
bool imp_read_homepage(imp *m, const char *path, const char *data, size_t len) { (void)m; (void)path; (void)data; (void)len; return false; }
bool imp_read_cvtext(imp *m, const char *path, const char *data, size_t len) { (void)m; (void)path; (void)data; (void)len; return false; }
void imp_html_to_md(const char *html, size_t len, vita_buf *out) { (void)html; (void)len; (void)out; }
