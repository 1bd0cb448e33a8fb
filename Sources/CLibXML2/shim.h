#ifndef WEARPORT_CLIBXML2_SHIM_H
#define WEARPORT_CLIBXML2_SHIM_H
// Debian's libxml2 is built with ICU support; its headers then include the system ICU, whose
// UErrorCode clashes with the ICU that Foundation bundles. wearport never needs libxml2's ICU
// encoders (it reads and writes UTF-8), so switch the ICU part of the headers off.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#endif
