# The capability model, jobs library, salary benchmarks and data networks live here.
