#ifndef NEWSD_CFUZZER_H
#define NEWSD_CFUZZER_H
#include <stddef.h>
#include <stdint.h>

// libFuzzer's entry point for programs that have their own main (compiler-rt,
// FuzzerInterface.h). SwiftPM gives each executable target a `main` of its own
// (`<Target>_main`, aliased to `main` at link time), so the targets start libFuzzer
// through this; libFuzzer's own main may be linked in instead, which is why every
// target also defines the standard `LLVMFuzzerTestOneInput` and both paths call it.
int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));

// Defined by each fuzz target (`@_cdecl("LLVMFuzzerTestOneInput")`).
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
