# Writes OUT: a C++ source holding each asset of the voter pages as a string_view, so that the
# binary serves them without reading files. Run by src/web/CMakeLists.txt when an asset changes.
set(assets
  "kMessagesEn=assets/messages_en.json"
  "kStyleCss=assets/style.css")
set(text "// Generated from src/web/assets by embed_assets.cmake: do not edit.\n")
string(APPEND text "#include \"web/assets.h\"\n\nnamespace scrutineer::web {\n")
foreach(asset IN LISTS assets)
  string(REPLACE "=" ";" pair "${asset}")
  list(GET pair 0 name)
  list(GET pair 1 file)
  file(READ "${SOURCE_DIR}/${file}" content)
  string(APPEND text "const std::string_view ${name} = R\"asset(${content})asset\";\n")
endforeach()
string(APPEND text "}  // namespace scrutineer::web\n")
file(WRITE "${OUT}" "${text}")
