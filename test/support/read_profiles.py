"""Reads a profiles.h5 the way the original Python tool's ProfileStorage does.

Opens the file with h5py, walks /<version>/<platform>/profiles/*, reads the compound
fields by name, decodes the fixed-length byte strings as UTF-8, and prints the result
as JSON so the TypeScript test can compare it with the CSV it came from.
"""
import json
import sys

import h5py

ZONE_FIELDS = ("name", "src_file", "src_line", "total_ns", "total_perc", "counts",
               "mean_ns", "min_ns", "max_ns", "std_ns")
# The original's cProfile records, which the cpuprofile backend's datasets reuse.
CPROFILE_FIELDS = ("file", "line_number", "function", "call_count", "total_time", "cumulative_time")


def plain(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if hasattr(value, "item"):
        return value.item()
    return value


def main(path):
    out = {}
    with h5py.File(path, "r") as h5:
        for version in h5.keys():
            for platform in h5[version].keys():
                run = h5[version][platform]
                meta = {key: plain(value) for key, value in run["meta"].attrs.items()}
                profiles = {}
                for name, dataset in run["profiles"].items():
                    rows = []
                    fields = CPROFILE_FIELDS if "function" in dataset.dtype.names else ZONE_FIELDS
                    for row in dataset[()]:
                        record = {}
                        for field in fields:
                            value = row[field]
                            record[field] = value.decode("utf-8") if isinstance(value, bytes) else value.item()
                        rows.append(record)
                    profiles[name] = {
                        "dtype": [[n, dataset.dtype[n].str] for n in dataset.dtype.names],
                        "path": plain(dataset.attrs.get("csv_path", dataset.attrs.get("prof_path"))),
                        "total_calls": plain(dataset.attrs["total_calls"]),
                        "rows": rows,
                    }
                out[f"{version}/{platform}"] = {"meta": meta, "profiles": profiles}
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
