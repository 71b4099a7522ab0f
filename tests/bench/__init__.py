"""The benchmark suite (`make bench`, or `python -m tests.bench [--short]`).

Every figure is measured beside a ceiling taken in the same run on the same machine, and reported
as a ratio, because absolute numbers on a shared 2-core machine are noise. Load comes from a
separate process (`tests.bench.loadgen`) on loopback only, bounded in count and time.
"""
