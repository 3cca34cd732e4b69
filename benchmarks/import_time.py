"""How long `import kerastour_helpers` takes in a fresh interpreter (target: under 0.5 s).

Usage: .venv/bin/python benchmarks/import_time.py
"""

import statistics
import subprocess
import sys

CODE = "import time; t = time.perf_counter(); import kerastour_helpers; print(time.perf_counter() - t)"


def main(runs=7):
    times = [float(subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True).stdout)
             for _ in range(runs)]
    print(f"import kerastour_helpers: median {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms over {runs} fresh interpreters (target < 500 ms)")


if __name__ == "__main__":
    main()
