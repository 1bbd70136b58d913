/* The floor: parse a file with libyaml's event API and do nothing with the events.
 * Usage: libyaml-floor FILE [REPETITIONS]   prints the best time of one parse in ms. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <yaml.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s FILE [REPETITIONS]\n", argv[0]); return 2; }
    int repetitions = argc > 2 ? atoi(argv[2]) : 50;
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *bytes = malloc(size);
    if (fread(bytes, 1, size, f) != (size_t)size) { perror("read"); return 2; }
    fclose(f);

    double best = 1e9;
    long events = 0;
    for (int r = 0; r < repetitions; r++) {
        double start = now();
        yaml_parser_t parser;
        yaml_event_t event;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, bytes, size);
        events = 0;
        for (;;) {
            if (!yaml_parser_parse(&parser, &event)) { fprintf(stderr, "parse error\n"); return 1; }
            int done = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
            events++;
            if (done) break;
        }
        yaml_parser_delete(&parser);
        double elapsed = now() - start;
        if (elapsed < best) best = elapsed;
    }
    printf("libyaml events: %ld bytes, %ld events, best of %d: %.3f ms\n", size, events, repetitions, best);
    return 0;
}
