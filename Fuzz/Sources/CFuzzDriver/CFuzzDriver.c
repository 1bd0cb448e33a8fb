// Declarations only (include/CFuzzDriver.h); libclang_rt.fuzzer provides the definition.
#include "CFuzzDriver.h"
