/*
 * The floor of the benchmark: libyaml's bare event parse of a file, nothing built from it.
 *
 * Each run reads the file into memory and pulls every event with yaml_parser_parse until the
 * end of the stream, as any YAML loader over libyaml must at least do (bluevirt's in-process
 * measurement also reads the file each time). Prints the median and the fastest run:
 *   median_ms=<float> min_ms=<float> events=<count of one run>
 *
 * Build: cc -O2 -o libyaml-floor libyaml-floor.c -lyaml
 * Usage: libyaml-floor FILE [RUNS]   (RUNS defaults to 20)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1.0e6;
}

static unsigned char *read_file(const char *path, size_t *size) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        perror(path);
        return NULL;
    }
    fseek(file, 0, SEEK_END);
    long length = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *bytes = malloc(length > 0 ? (size_t)length : 1);
    if (bytes == NULL || fread(bytes, 1, (size_t)length, file) != (size_t)length) {
        fprintf(stderr, "%s: cannot read the file\n", path);
        fclose(file);
        free(bytes);
        return NULL;
    }
    fclose(file);
    *size = (size_t)length;
    return bytes;
}

/* Parses the whole stream; returns the number of events, or -1 on a YAML error. */
static long parse_all_events(const unsigned char *bytes, size_t size, const char *path) {
    yaml_parser_t parser;
    yaml_event_t event;
    long events = 0;
    int done = 0;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, bytes, size);
    while (!done) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "%s:%zu:%zu: %s\n", path, parser.problem_mark.line + 1,
                    parser.problem_mark.column + 1, parser.problem ? parser.problem : "YAML error");
            yaml_parser_delete(&parser);
            return -1;
        }
        done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        events++;
    }
    yaml_parser_delete(&parser);
    return events;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s FILE [RUNS]\n", argv[0]);
        return 2;
    }
    int runs = argc == 3 ? atoi(argv[2]) : 20;
    if (runs < 1) {
        fprintf(stderr, "RUNS must be a positive number\n");
        return 2;
    }
    double *times = malloc(sizeof(double) * (size_t)runs);
    long events = 0;
    for (int run = 0; run < runs; run++) {
        double start = now_ms();
        size_t size = 0;
        unsigned char *bytes = read_file(argv[1], &size);
        if (bytes == NULL) return 1;
        events = parse_all_events(bytes, size, argv[1]);
        free(bytes);
        if (events < 0) return 1;
        times[run] = now_ms() - start;
    }
    qsort(times, (size_t)runs, sizeof(double), compare_doubles);
    double median = runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2.0;
    printf("median_ms=%.2f min_ms=%.2f events=%ld\n", median, times[0], events);
    free(times);
    return 0;
}
