/* pcapclose with its main renamed, for fuzz_capture. */
int pcapclose_main(int argc, char **argv);
#define main pcapclose_main
#include "pcapclose.c"
