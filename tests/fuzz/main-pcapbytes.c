/* pcapbytes with its main renamed, for fuzz_capture. */
int pcapbytes_main(int argc, char **argv);
#define main pcapbytes_main
#include "pcapbytes.c"
