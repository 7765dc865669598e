// Compiles the precompiled header shared by every test (tests/CMakeLists.txt); no code of its own.
