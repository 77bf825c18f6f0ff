"""Benchmarks. Each compares our time with a baseline measured in the same run and reports
the ratio, because the machine is small and noisy: absolute times mean little, ratios hold."""
