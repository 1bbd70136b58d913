// libcurl, loaded into the process only when an image is downloaded (CurlLoader.c): every other
// command starts without mapping libcurl and the ~30 libraries it depends on (GnuTLS, nettle,
// libssh2, ...). The declarations are libcurl's own header (Debian libcurl4-gnutls-dev); Swift
// calls only the bluevirt_curl_* functions below, which forward to the loaded library.
#ifndef BLUEVIRT_CCURL_H
#define BLUEVIRT_CCURL_H

#include <curl/curl.h>

/// Loads libcurl and runs curl_global_init once per process (later calls return at once).
/// Returns NULL when libcurl is ready, else the reason, e.g. "libcurl.so.4: cannot open ...".
const char *bluevirt_curl_load(void);

// Call only after bluevirt_curl_load() returned NULL.
CURL *bluevirt_curl_easy_init(void);
CURLcode bluevirt_curl_easy_perform(CURL *handle);
void bluevirt_curl_easy_cleanup(CURL *handle);
const char *bluevirt_curl_easy_strerror(CURLcode code);

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
// function per kind of argument.
CURLcode bluevirt_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode bluevirt_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode bluevirt_curl_setopt_write_function(CURL *handle, curl_write_callback callback);
CURLcode bluevirt_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode bluevirt_curl_getinfo_offset(CURL *handle, CURLINFO info, curl_off_t *value);

#endif
