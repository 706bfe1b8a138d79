# NEWSGRAPH_SANITIZE="address;undefined" builds everything with ASan + UBSan.
if(NEWSGRAPH_SANITIZE)
  string(REPLACE ";" "," _ng_sanitizers "${NEWSGRAPH_SANITIZE}")
  add_compile_options(-fsanitize=${_ng_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_ng_sanitizers})
endif()

# Fuzzing instruments every module; only the fuzz targets link libFuzzer's main.
if(NEWSGRAPH_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
