"""Fetches every path in a list from a running gongkai and writes it where nginx will serve it,
so that both servers answer the same URLs with the same bytes."""
import concurrent.futures
import os
import sys
import urllib.request

base, paths_file, root = sys.argv[1], sys.argv[2], sys.argv[3]
paths = [p.strip() for p in open(paths_file, encoding="utf-8") if p.strip()]


def fetch(path):
    with urllib.request.urlopen(base + path) as r:
        body = r.read()
    target = os.path.join(root, path.lstrip("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as f:
        f.write(body)
    return len(body)


with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
    sizes = list(pool.map(fetch, paths, chunksize=64))
print(f"pre-rendered {len(sizes)} pages, {sum(sizes) / len(sizes):.0f} bytes on average")
