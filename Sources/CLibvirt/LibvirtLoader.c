// Opens libvirt.so.0 with dlopen on the first libvirt call instead of linking it: bluevirt then
// starts without mapping and relocating libvirt's libraries (GLib, GnuTLS, libxml2, ...), which
// is most of the work of the dynamic loader for a command that never needs libvirt.
#include "CLibvirt.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __APPLE__
#define LIBVIRT_LIBRARY "libvirt.0.dylib"
#else
#define LIBVIRT_LIBRARY "libvirt.so.0"
#endif

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static void *library;
static char load_error[512];

static void load_library(void) {
    // RTLD_LOCAL: libvirt's symbols stay out of the global scope, so they can never be mistaken
    // for the forwarding functions of LibvirtFunctions.c or the other way round.
    library = dlopen(LIBVIRT_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(load_error, sizeof load_error, "%s", reason ? reason : LIBVIRT_LIBRARY ": cannot be loaded");
    }
}

const char *bluevirt_libvirt_load(void) {
    pthread_once(&load_once, load_library);
    return library ? NULL : load_error;
}

void *bluevirt_libvirt_symbol(const char *name) {
    if (bluevirt_libvirt_load() != NULL) return NULL;
    return dlsym(library, name);
}

// Used by LibvirtFunctions.c. Swift code loads libvirt through LibvirtRuntime before its first
// call and reports a failure as an error, so this exit is reached only if that was skipped or
// the installed libvirt is older than the one bluevirt was built against.
void *bluevirt_libvirt_require(const char *name) {
    const char *failure = bluevirt_libvirt_load();
    if (failure != NULL) {
        fprintf(stderr, "bluevirt: cannot load libvirt: %s (install libvirt0)\n", failure);
        exit(70);
    }
    void *symbol = dlsym(library, name);
    if (symbol == NULL) {
        fprintf(stderr, "bluevirt: the installed libvirt has no function %s; a newer libvirt0 is needed\n", name);
        exit(70);
    }
    return symbol;
}
