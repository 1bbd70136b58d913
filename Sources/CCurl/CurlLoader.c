// Opens libcurl with dlopen on the first download instead of linking it (see CCurl.h). Debian
// ships it as libcurl.so.4 (OpenSSL, package libcurl4) and libcurl-gnutls.so.4 (package
// libcurl3-gnutls); either will do, both have the same API.
#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static const char *const candidates[] = {"libcurl.so.4", "libcurl-gnutls.so.4"};

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char load_error[512];

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    CURLcode (*easy_perform)(CURL *);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
} curl;

static void *open_library(void) {
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        // RTLD_LOCAL: libcurl's symbols stay out of the global scope.
        void *library = dlopen(candidates[i], RTLD_NOW | RTLD_LOCAL);
        if (library != NULL) return library;
        const char *reason = dlerror();
        if (i == 0) snprintf(load_error, sizeof load_error, "%s", reason ? reason : "libcurl.so.4: cannot be loaded");
    }
    return NULL;
}

static void load_library(void) {
    void *library = open_library();
    if (library == NULL) return;
    *(void **)&curl.global_init = dlsym(library, "curl_global_init");
    *(void **)&curl.easy_init = dlsym(library, "curl_easy_init");
    *(void **)&curl.easy_perform = dlsym(library, "curl_easy_perform");
    *(void **)&curl.easy_cleanup = dlsym(library, "curl_easy_cleanup");
    *(void **)&curl.easy_strerror = dlsym(library, "curl_easy_strerror");
    *(void **)&curl.easy_setopt = dlsym(library, "curl_easy_setopt");
    *(void **)&curl.easy_getinfo = dlsym(library, "curl_easy_getinfo");
    if (!curl.global_init || !curl.easy_init || !curl.easy_perform || !curl.easy_cleanup
        || !curl.easy_strerror || !curl.easy_setopt || !curl.easy_getinfo) {
        snprintf(load_error, sizeof load_error, "the loaded libcurl lacks curl_easy functions");
        curl.easy_init = NULL;
        return;
    }
    if (curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(load_error, sizeof load_error, "curl_global_init failed");
        curl.easy_init = NULL;
    }
}

const char *bluevirt_curl_load(void) {
    pthread_once(&load_once, load_library);
    return curl.easy_init ? NULL : load_error;
}

CURL *bluevirt_curl_easy_init(void) { return curl.easy_init(); }
CURLcode bluevirt_curl_easy_perform(CURL *handle) { return curl.easy_perform(handle); }
void bluevirt_curl_easy_cleanup(CURL *handle) { curl.easy_cleanup(handle); }
const char *bluevirt_curl_easy_strerror(CURLcode code) { return curl.easy_strerror(code); }

CURLcode bluevirt_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode bluevirt_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode bluevirt_curl_setopt_write_function(CURL *handle, curl_write_callback callback) {
    return curl.easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}
CURLcode bluevirt_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl.easy_getinfo(handle, info, value);
}
CURLcode bluevirt_curl_getinfo_offset(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl.easy_getinfo(handle, info, value);
}
