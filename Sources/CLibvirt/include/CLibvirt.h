// libvirt's C API, loaded into the process only when first used (LibvirtLoader.c): commands that
// never talk to libvirt (--version, --help, validate, dry-run) do not map libvirt and the ~55
// libraries it depends on. The declarations are libvirt's own headers (Debian libvirt-dev); the
// functions bluevirt calls are defined in LibvirtFunctions.c and forward to libvirt.so.0.
#ifndef BLUEVIRT_CLIBVIRT_H
#define BLUEVIRT_CLIBVIRT_H

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/// Loads libvirt once per process (later calls return at once). Returns NULL when libvirt is
/// loaded, else the loader's message, e.g. "libvirt.so.0: cannot open shared object file".
const char *bluevirt_libvirt_load(void);

/// A symbol of loaded libvirt or of a library it depends on (libxml2, ...), or NULL when it has
/// none of that name or libvirt could not be loaded.
void *bluevirt_libvirt_symbol(const char *name);

#endif
