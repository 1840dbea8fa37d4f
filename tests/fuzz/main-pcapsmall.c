/* pcapsmall with its main renamed, for fuzz_capture. */
int pcapsmall_main(int argc, char **argv);
#define main pcapsmall_main
#include "pcapsmall.c"
