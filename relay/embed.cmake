# Writes INPUT's bytes as a C++ array (knotRelayBinary / knotRelayBinarySize) into OUTPUT.
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" length)
math(EXPR size "${length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n"
                     bytes "${bytes}")
file(WRITE ${OUTPUT}
     "// Generated from knot-relay by relay/embed.cmake; do not edit.\n"
     "#include <cstddef>\n"
     "namespace Knot {\n"
     "extern const unsigned char knotRelayBinary[];\n"
     "extern const std::size_t knotRelayBinarySize;\n"
     "alignas(16) const unsigned char knotRelayBinary[] = {\n${bytes}\n};\n"
     "const std::size_t knotRelayBinarySize = ${size};\n"
     "} // namespace Knot\n")
