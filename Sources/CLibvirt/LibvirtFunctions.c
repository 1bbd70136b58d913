// The libvirt functions bluevirt calls, each defined here with libvirt's own signature (the
// compiler checks it against libvirt's header) and forwarding to the function of that name in
// libvirt.so.0, resolved on its first call. A new libvirt call in LibvirtBackend needs its line
// here: the link fails with an undefined reference until it has one.
#include <stddef.h>
#include <sys/types.h>

// Hidden: these definitions belong to bluevirt's binary alone and are never exported to (or
// confused with) the libraries libvirt loads.
#pragma GCC visibility push(hidden)
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#pragma GCC visibility pop

#include "CLibvirt.h"

void *bluevirt_libvirt_require(const char *name);

// The address of the real function, looked up once; concurrent first calls store the same value.
#define RESOLVED(name) \
    static void *resolved; \
    void *function = __atomic_load_n(&resolved, __ATOMIC_ACQUIRE); \
    if (function == NULL) { \
        function = bluevirt_libvirt_require(#name); \
        __atomic_store_n(&resolved, function, __ATOMIC_RELEASE); \
    }

#define FORWARD(type, name, parameters, arguments) \
    type name parameters { \
        RESOLVED(name) \
        return ((__typeof__(&name))function) arguments; \
    }

#define FORWARD_VOID(name, parameters, arguments) \
    void name parameters { \
        RESOLVED(name) \
        ((__typeof__(&name))function) arguments; \
    }

FORWARD(int, virConnectClose, (virConnectPtr conn), (conn))
FORWARD(char *, virConnectGetCapabilities, (virConnectPtr conn), (conn))
FORWARD(char *, virConnectGetHostname, (virConnectPtr conn), (conn))
FORWARD(const char *, virConnectGetType, (virConnectPtr conn), (conn))
FORWARD(char *, virConnectGetURI, (virConnectPtr conn), (conn))
FORWARD(int, virConnectIsAlive, (virConnectPtr conn), (conn))
FORWARD(int, virConnectListAllDomains, (virConnectPtr conn, virDomainPtr **domains, unsigned int flags), (conn, domains, flags))
FORWARD(int, virConnectListAllNetworks, (virConnectPtr conn, virNetworkPtr **nets, unsigned int flags), (conn, nets, flags))
FORWARD(int, virConnectListAllStoragePools, (virConnectPtr conn, virStoragePoolPtr **pools, unsigned int flags), (conn, pools, flags))
FORWARD(virConnectPtr, virConnectOpen, (const char *name), (name))
FORWARD(virConnectPtr, virConnectOpenAuth, (const char *name, virConnectAuthPtr auth, unsigned int flags), (name, auth, flags))
FORWARD(int, virConnectRef, (virConnectPtr conn), (conn))
FORWARD(int, virConnectSetKeepAlive, (virConnectPtr conn, int interval, unsigned int count), (conn, interval, count))
FORWARD(int, virCopyLastError, (virErrorPtr to), (to))
FORWARD(int, virDomainCreate, (virDomainPtr domain), (domain))
FORWARD(virDomainPtr, virDomainDefineXMLFlags, (virConnectPtr conn, const char *xml, unsigned int flags), (conn, xml, flags))
FORWARD(int, virDomainDestroy, (virDomainPtr domain), (domain))
FORWARD(int, virDomainFree, (virDomainPtr domain), (domain))
FORWARD(int, virDomainGetInfo, (virDomainPtr domain, virDomainInfoPtr info), (domain, info))
FORWARD(char *, virDomainGetMetadata, (virDomainPtr domain, int type, const char *uri, unsigned int flags), (domain, type, uri, flags))
FORWARD(const char *, virDomainGetName, (virDomainPtr domain), (domain))
FORWARD(int, virDomainGetState, (virDomainPtr domain, int *state, int *reason, unsigned int flags), (domain, state, reason, flags))
FORWARD(int, virDomainGetUUIDString, (virDomainPtr domain, char *buf), (domain, buf))
FORWARD(char *, virDomainGetXMLDesc, (virDomainPtr domain, unsigned int flags), (domain, flags))
FORWARD(int, virDomainInterfaceAddresses, (virDomainPtr dom, virDomainInterfacePtr **ifaces, unsigned int source, unsigned int flags), (dom, ifaces, source, flags))
FORWARD_VOID(virDomainInterfaceFree, (virDomainInterfacePtr iface), (iface))
FORWARD(int, virDomainIsActive, (virDomainPtr dom), (dom))
FORWARD(int, virDomainIsPersistent, (virDomainPtr dom), (dom))
FORWARD(int, virDomainListAllSnapshots, (virDomainPtr domain, virDomainSnapshotPtr **snaps, unsigned int flags), (domain, snaps, flags))
FORWARD(virDomainPtr, virDomainLookupByName, (virConnectPtr conn, const char *name), (conn, name))
FORWARD(int, virDomainMemoryStats, (virDomainPtr dom, virDomainMemoryStatPtr stats, unsigned int nr_stats, unsigned int flags), (dom, stats, nr_stats, flags))
FORWARD(int, virDomainReboot, (virDomainPtr domain, unsigned int flags), (domain, flags))
FORWARD(int, virDomainRestore, (virConnectPtr conn, const char *from), (conn, from))
FORWARD(int, virDomainResume, (virDomainPtr domain), (domain))
FORWARD(int, virDomainRevertToSnapshot, (virDomainSnapshotPtr snapshot, unsigned int flags), (snapshot, flags))
FORWARD(int, virDomainSave, (virDomainPtr domain, const char *to), (domain, to))
FORWARD(int, virDomainSetMaxMemory, (virDomainPtr domain, unsigned long memory), (domain, memory))
FORWARD(int, virDomainSetMemory, (virDomainPtr domain, unsigned long memory), (domain, memory))
FORWARD(int, virDomainSetVcpus, (virDomainPtr domain, unsigned int nvcpus), (domain, nvcpus))
FORWARD(int, virDomainShutdown, (virDomainPtr domain), (domain))
FORWARD(virDomainSnapshotPtr, virDomainSnapshotCreateXML, (virDomainPtr domain, const char *xmlDesc, unsigned int flags), (domain, xmlDesc, flags))
FORWARD(int, virDomainSnapshotDelete, (virDomainSnapshotPtr snapshot, unsigned int flags), (snapshot, flags))
FORWARD(int, virDomainSnapshotFree, (virDomainSnapshotPtr snapshot), (snapshot))
FORWARD(const char *, virDomainSnapshotGetName, (virDomainSnapshotPtr snapshot), (snapshot))
FORWARD(char *, virDomainSnapshotGetXMLDesc, (virDomainSnapshotPtr snapshot, unsigned int flags), (snapshot, flags))
FORWARD(int, virDomainSnapshotIsCurrent, (virDomainSnapshotPtr snapshot, unsigned int flags), (snapshot, flags))
FORWARD(int, virDomainSnapshotListAllChildren, (virDomainSnapshotPtr snapshot, virDomainSnapshotPtr **snaps, unsigned int flags), (snapshot, snaps, flags))
FORWARD(virDomainSnapshotPtr, virDomainSnapshotLookupByName, (virDomainPtr domain, const char *name, unsigned int flags), (domain, name, flags))
FORWARD(int, virDomainSuspend, (virDomainPtr domain), (domain))
FORWARD(int, virDomainUndefine, (virDomainPtr domain), (domain))
FORWARD(int, virDomainUndefineFlags, (virDomainPtr domain, unsigned int flags), (domain, flags))
FORWARD(int, virEventRegisterDefaultImpl, (void), ())
FORWARD(int, virEventRunDefaultImpl, (void), ())
FORWARD(int, virInitialize, (void), ())
FORWARD(int, virNetworkCreate, (virNetworkPtr network), (network))
FORWARD_VOID(virNetworkDHCPLeaseFree, (virNetworkDHCPLeasePtr lease), (lease))
FORWARD(virNetworkPtr, virNetworkDefineXMLFlags, (virConnectPtr conn, const char *xmlDesc, unsigned int flags), (conn, xmlDesc, flags))
FORWARD(int, virNetworkDestroy, (virNetworkPtr network), (network))
FORWARD(int, virNetworkFree, (virNetworkPtr network), (network))
FORWARD(int, virNetworkGetAutostart, (virNetworkPtr network, int *autostart), (network, autostart))
FORWARD(int, virNetworkGetDHCPLeases, (virNetworkPtr network, const char *mac, virNetworkDHCPLeasePtr **leases, unsigned int flags), (network, mac, leases, flags))
FORWARD(const char *, virNetworkGetName, (virNetworkPtr network), (network))
FORWARD(int, virNetworkGetUUIDString, (virNetworkPtr network, char *buf), (network, buf))
FORWARD(char *, virNetworkGetXMLDesc, (virNetworkPtr network, unsigned int flags), (network, flags))
FORWARD(int, virNetworkIsActive, (virNetworkPtr net), (net))
FORWARD(virNetworkPtr, virNetworkLookupByName, (virConnectPtr conn, const char *name), (conn, name))
FORWARD(int, virNetworkSetAutostart, (virNetworkPtr network, int autostart), (network, autostart))
FORWARD(int, virNetworkUndefine, (virNetworkPtr network), (network))
FORWARD_VOID(virResetError, (virErrorPtr err), (err))
FORWARD_VOID(virResetLastError, (void), ())
FORWARD_VOID(virSetErrorFunc, (void *userData, virErrorFunc handler), (userData, handler))
FORWARD(int, virStoragePoolBuild, (virStoragePoolPtr pool, unsigned int flags), (pool, flags))
FORWARD(int, virStoragePoolCreate, (virStoragePoolPtr pool, unsigned int flags), (pool, flags))
FORWARD(virStoragePoolPtr, virStoragePoolCreateXML, (virConnectPtr conn, const char *xmlDesc, unsigned int flags), (conn, xmlDesc, flags))
FORWARD(virStoragePoolPtr, virStoragePoolDefineXML, (virConnectPtr conn, const char *xmlDesc, unsigned int flags), (conn, xmlDesc, flags))
FORWARD(int, virStoragePoolDelete, (virStoragePoolPtr pool, unsigned int flags), (pool, flags))
FORWARD(int, virStoragePoolDestroy, (virStoragePoolPtr pool), (pool))
FORWARD(int, virStoragePoolFree, (virStoragePoolPtr pool), (pool))
FORWARD(const char *, virStoragePoolGetName, (virStoragePoolPtr pool), (pool))
FORWARD(int, virStoragePoolGetUUIDString, (virStoragePoolPtr pool, char *buf), (pool, buf))
FORWARD(char *, virStoragePoolGetXMLDesc, (virStoragePoolPtr pool, unsigned int flags), (pool, flags))
FORWARD(int, virStoragePoolIsActive, (virStoragePoolPtr pool), (pool))
FORWARD(int, virStoragePoolListAllVolumes, (virStoragePoolPtr pool, virStorageVolPtr **vols, unsigned int flags), (pool, vols, flags))
FORWARD(virStoragePoolPtr, virStoragePoolLookupByName, (virConnectPtr conn, const char *name), (conn, name))
FORWARD(virStoragePoolPtr, virStoragePoolLookupByVolume, (virStorageVolPtr vol), (vol))
FORWARD(int, virStoragePoolRefresh, (virStoragePoolPtr pool, unsigned int flags), (pool, flags))
FORWARD(int, virStoragePoolSetAutostart, (virStoragePoolPtr pool, int autostart), (pool, autostart))
FORWARD(int, virStoragePoolUndefine, (virStoragePoolPtr pool), (pool))
FORWARD(virStorageVolPtr, virStorageVolCreateXML, (virStoragePoolPtr pool, const char *xmldesc, unsigned int flags), (pool, xmldesc, flags))
FORWARD(int, virStorageVolDelete, (virStorageVolPtr vol, unsigned int flags), (vol, flags))
FORWARD(int, virStorageVolFree, (virStorageVolPtr vol), (vol))
FORWARD(int, virStorageVolGetInfo, (virStorageVolPtr vol, virStorageVolInfoPtr info), (vol, info))
FORWARD(const char *, virStorageVolGetName, (virStorageVolPtr vol), (vol))
FORWARD(char *, virStorageVolGetPath, (virStorageVolPtr vol), (vol))
FORWARD(char *, virStorageVolGetXMLDesc, (virStorageVolPtr pool, unsigned int flags), (pool, flags))
FORWARD(virStorageVolPtr, virStorageVolLookupByName, (virStoragePoolPtr pool, const char *name), (pool, name))
FORWARD(virStorageVolPtr, virStorageVolLookupByPath, (virConnectPtr conn, const char *path), (conn, path))
FORWARD(int, virStorageVolUpload, (virStorageVolPtr vol, virStreamPtr stream, unsigned long long offset, unsigned long long length, unsigned int flags), (vol, stream, offset, length, flags))
FORWARD(int, virStorageVolWipe, (virStorageVolPtr vol, unsigned int flags), (vol, flags))
FORWARD(int, virStreamAbort, (virStreamPtr st), (st))
FORWARD(int, virStreamFinish, (virStreamPtr st), (st))
FORWARD(int, virStreamFree, (virStreamPtr st), (st))
FORWARD(virStreamPtr, virStreamNew, (virConnectPtr conn, unsigned int flags), (conn, flags))
FORWARD(int, virStreamSend, (virStreamPtr st, const char *data, size_t nbytes), (st, data, nbytes))
