/* pcapdns with its main renamed, for fuzz_capture. */
int pcapdns_main(int argc, char **argv);
#define main pcapdns_main
#include "pcapdns.c"
