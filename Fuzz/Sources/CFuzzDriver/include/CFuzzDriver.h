// libFuzzer's entry for programs that have their own main (compiler-rt's FuzzerInterface.h).
// SwiftPM links an executable's main to the module's entry point, so the targets start libFuzzer themselves.
#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
