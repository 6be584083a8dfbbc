{
  "targets": [
    {
      "target_name": "samsa_crc32c",
      "sources": ["crc32c.c"],
      "cflags": ["-O3", "-Wall", "-Wextra"],
      "cflags!": ["-O2"],
      "xcode_settings": {
        "GCC_OPTIMIZATION_LEVEL": "3"
      },
      "msvs_settings": {
        "VCCLCompilerTool": { "Optimization": 2 }
      }
    }
  ]
}
