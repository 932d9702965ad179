"""Fast data generators for the benchmarks (not part of the program or the tests)."""
