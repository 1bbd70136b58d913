// bluevirt allocates through mimalloc (Debian's libmimalloc2.0). Importing CMimalloc links
// libmimalloc ahead of glibc, so its malloc and free serve the whole process: the Swift runtime,
// Foundation, libyaml, and the libraries opened later (libvirt). Reading and checking a blueprint
// makes millions of small short-lived objects, where mimalloc's pages of one size class take
// fewer page faults and less time than glibc's heap: validate of 10,000 node templates 15%
// faster, with a third fewer page faults and the same peak memory (docs/performance.md,
// eighteenth round). AllocatorTests checks that every malloc binds to it.
#if os(Linux)
import CMimalloc
#endif
