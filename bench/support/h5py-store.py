"""h5py doing what bench/store.bench.mjs does with ProfileStorage: 100,000 zone rows written as one
compound dataset (the same fields, fixed-width strings, chunks of 4,096 rows, deflate level 1)
and read back into Python rows. Prints JSON: median save and load in ms over ROUNDS rounds."""
import json
import os
import statistics
import sys
import tempfile
import time

import h5py
import numpy as np

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 5

DTYPE = np.dtype([
    ('name', 'S128'), ('src_file', 'S256'), ('src_line', '<i4'), ('total_ns', '<i8'), ('total_perc', '<f8'),
    ('counts', '<i8'), ('mean_ns', '<i8'), ('min_ns', '<i8'), ('max_ns', '<i8'), ('std_ns', '<f8'),
])

def rows():
    out = []
    for i in range(ROWS):
        mean = 1000 + ((i * 7919) % 100_000)
        out.append((f'suite {i % 97} > test number {i} with a realistic name', f'test/module-{i % 311}/feature.test.ts',
                    (i % 900) + 1, mean * 5, (mean * 5) / 1e9, 5, mean, mean - 100, mean + 100, 57.7))
    out.sort(key=lambda row: -row[3])
    return out

records = rows()
saves, loads = [], []
with tempfile.TemporaryDirectory(prefix='perf-report-h5py-') as directory:
    for round_index in range(ROUNDS):
        path = os.path.join(directory, f'profiles-{round_index}.h5')
        start = time.perf_counter()
        # Packing the rows is part of the work, as ProfileStorage.save packs its objects.
        packed = np.array([(r[0].encode(), r[1].encode()) + r[2:] for r in records], dtype=DTYPE)
        with h5py.File(path, 'w') as f:
            group = f.create_group('linux-x64-node20/1.0.0')
            group.create_dataset('big', data=packed, chunks=(4096,), compression='gzip', compression_opts=1)
        saves.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        with h5py.File(path, 'r') as f:
            data = f['linux-x64-node20/1.0.0/big'][()]
        # Back to rows with text fields, as ProfileStorage.loadProfiles returns zone objects.
        loaded = [(row[0].decode(), row[1].decode()) + tuple(row)[2:] for row in data.tolist()]
        loads.append((time.perf_counter() - start) * 1000)
        assert len(loaded) == ROWS
print(json.dumps({'save': statistics.median(saves), 'load': statistics.median(loads), 'h5py': h5py.__version__}))
