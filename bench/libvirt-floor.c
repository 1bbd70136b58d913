/* The test driver's own share of `bluevirt apply --simulate` and `destroy`: the libvirt calls
 * that make and remove the same objects, made directly against test:///default with no
 * bluevirt logic (no blueprint, state store, world file or progress).
 *
 *   cc -O2 -o libvirt-floor bench/libvirt-floor.c -lvirt
 *   bluevirt dry-run BLUEPRINT --output-dir DIR     # the documents bluevirt would define
 *   ./libvirt-floor DIR [WORLD]
 *
 * apply: each network-*.xml defined and started, then each domain-*.xml defined, started and
 * asked for its addresses (the lease source, as bluevirt's wait asks first); destroy: each
 * domain shut down and undefined, then each network destroyed and undefined. Prints the two
 * phases' times in milliseconds and the object counts.
 *
 * WORLD, a simulated world file as `bluevirt apply --simulate` leaves it
 * (STATE/simulated/DEPLOYMENT/URI.xml): also times what the test driver does for a `destroy` of
 * that world, which starts in a new process: opening the file (the driver parses every object
 * in it, and a running domain twice) and removing every domain and network it holds
 * (world_open_ms, world_destroy_ms).
 */
#include <dirent.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *read_file(const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(1); }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    rewind(file);
    char *text = malloc(size + 1);
    if (fread(text, 1, size, file) != (size_t)size) { perror(path); exit(1); }
    text[size] = 0;
    fclose(file);
    return text;
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void ignore_error(void *data, virErrorPtr error) { (void)data; (void)error; }

/* Opens the world file at `path` as bluevirt's --simulate does and removes everything in it. */
static void destroy_world(const char *path) {
    char uri[4200];
    snprintf(uri, sizeof uri, "test://%s", path);
    double start = now_ms();
    virConnectPtr conn = virConnectOpen(uri);
    if (!conn) { fprintf(stderr, "cannot open %s\n", uri); exit(1); }
    double opened = now_ms();
    virDomainPtr *domains = NULL;
    int domain_count = virConnectListAllDomains(conn, &domains, 0);
    for (int i = 0; i < domain_count; i++) {
        if (virDomainIsActive(domains[i]) == 1 && virDomainDestroy(domains[i]) < 0) { fprintf(stderr, "world domain removal failed\n"); exit(1); }
        if (virDomainUndefine(domains[i]) < 0) { fprintf(stderr, "world domain removal failed\n"); exit(1); }
        virDomainFree(domains[i]);
    }
    free(domains);
    virNetworkPtr *networks = NULL;
    int network_count = virConnectListAllNetworks(conn, &networks, 0);
    for (int i = 0; i < network_count; i++) {
        if (virNetworkIsActive(networks[i]) == 1 && virNetworkDestroy(networks[i]) < 0) { fprintf(stderr, "world network removal failed\n"); exit(1); }
        if (virNetworkUndefine(networks[i]) < 0) { fprintf(stderr, "world network removal failed\n"); exit(1); }
        virNetworkFree(networks[i]);
    }
    double destroyed = now_ms();
    printf(" world_domains %d world_open_ms %.1f world_destroy_ms %.1f", domain_count, opened - start, destroyed - opened);
    virConnectClose(conn);
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) { fprintf(stderr, "usage: %s DIR [WORLD] (bluevirt dry-run --output-dir DIR)\n", argv[0]); return 2; }
    virSetErrorFunc(NULL, ignore_error);
    virConnectPtr conn = virConnectOpen("test:///default");
    if (!conn) { fprintf(stderr, "cannot open test:///default\n"); return 1; }

    struct dirent **entries;
    int count = scandir(argv[1], &entries, NULL, alphasort);
    if (count < 0) { perror(argv[1]); return 1; }
    virNetworkPtr *networks = calloc(count, sizeof *networks);
    virDomainPtr *domains = calloc(count, sizeof *domains);
    int network_count = 0, domain_count = 0;

    double start = now_ms();
    for (int i = 0; i < count; i++) {
        if (strncmp(entries[i]->d_name, "network-", 8) != 0) continue;
        char *xml = read_file(argv[1], entries[i]->d_name);
        virNetworkPtr network = virNetworkDefineXML(conn, xml);
        if (!network || virNetworkCreate(network) < 0) { fprintf(stderr, "network %s failed\n", entries[i]->d_name); return 1; }
        networks[network_count++] = network;
        free(xml);
    }
    for (int i = 0; i < count; i++) {
        if (strncmp(entries[i]->d_name, "domain-", 7) != 0) continue;
        char *xml = read_file(argv[1], entries[i]->d_name);
        virDomainPtr domain = virDomainDefineXML(conn, xml);
        if (!domain || virDomainCreate(domain) < 0) { fprintf(stderr, "domain %s failed\n", entries[i]->d_name); return 1; }
        virDomainInterfacePtr *interfaces = NULL;
        int found = virDomainInterfaceAddresses(domain, &interfaces, VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE, 0);
        for (int k = 0; k < found; k++) virDomainInterfaceFree(interfaces[k]);
        free(interfaces);
        domains[domain_count++] = domain;
        free(xml);
    }
    double applied = now_ms();
    for (int i = 0; i < domain_count; i++) {
        if (virDomainShutdown(domains[i]) < 0 || virDomainUndefine(domains[i]) < 0) { fprintf(stderr, "domain removal failed\n"); return 1; }
        virDomainFree(domains[i]);
    }
    for (int i = 0; i < network_count; i++) {
        if (virNetworkDestroy(networks[i]) < 0 || virNetworkUndefine(networks[i]) < 0) { fprintf(stderr, "network removal failed\n"); return 1; }
        virNetworkFree(networks[i]);
    }
    double destroyed = now_ms();
    printf("domains %d networks %d apply_ms %.1f destroy_ms %.1f", domain_count, network_count, applied - start, destroyed - applied);
    virConnectClose(conn);
    if (argc == 3) destroy_world(argv[2]);
    printf("\n");
    return 0;
}
