/* pcapflows with its main renamed, for fuzz_capture. */
int pcapflows_main(int argc, char **argv);
#define main pcapflows_main
#include "pcapflows.c"
