#!/usr/bin/python3
"""hnswlib and FAISS IndexHNSWFlat on the ANN benchmark data, measured the way the C# side measures this project's index.

usage: ann_anchors.py DATADIR OUT.json [--efs 10,20,...] [--libs hnswlib,faiss]
Per library: build time with 1 thread (this index is queried) and with 2 threads (timing only), memory as the growth of
the process's anonymous resident memory (RssAnon + RssShmem, as the C# side measures) across the single-threaded build, and per ef recall@10 and queries/s with 1 and 2 threads. Queries are passed as
one batch with the library's thread count fixed, so Python's per-call overhead does not count against the libraries.
"""
import json, statistics, sys, time
import numpy as np
import hnswlib
import faiss

K, M, EF_CONSTRUCTION = 10, 16, 200
# Queries/s is the median of at least 3 timed passes, repeated until 1 s was spent (at most 20), as on the C# side: a
# short pass is easily hit by one scheduler quantum, and the median keeps one lucky or unlucky pass from setting it.
MIN_PASSES, MAX_PASSES, MIN_SECONDS = 3, 20, 1.0


def median_qps(n, run):
    seconds, spent, result = [], 0.0, None
    while len(seconds) < MIN_PASSES or (spent < MIN_SECONDS and len(seconds) < MAX_PASSES):
        start = time.perf_counter()
        result = run()
        elapsed = time.perf_counter() - start
        seconds.append(elapsed)
        spent += elapsed
    return n / statistics.median(seconds), result


def read_vecs(path, dtype):
    raw = np.fromfile(path, dtype=np.int32)
    dim = raw[0]
    return raw.reshape(-1, dim + 1)[:, 1:].copy().view(dtype)


def rss():
    """Anonymous + shared resident bytes (RssAnon + RssShmem), as the C# side measures."""
    total = 0
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(("RssAnon:", "RssShmem:")):
                total += int(line.split()[1]) * 1024
    return total


def recall(found, truth):
    hits = sum(len(set(found[i][:K]) & set(truth[i][:K])) for i in range(len(found)))
    return hits / (len(found) * K)


def run_hnswlib(base, queries, truth, efs):
    def build(threads):
        index = hnswlib.Index(space="ip", dim=base.shape[1])
        index.init_index(max_elements=len(base), ef_construction=EF_CONSTRUCTION, M=M, random_seed=100)
        index.set_num_threads(threads)
        start = time.perf_counter()
        index.add_items(base, np.arange(len(base)), num_threads=threads)
        return index, time.perf_counter() - start

    # The measured, queried build comes first so freed memory of another build cannot hide its RSS growth.
    before = rss()
    index, build1 = build(1)
    memory = (rss() - before) / 1048576
    _, build2 = build(2)
    print(f"hnswlib: build 1t {build1:.1f} s, 2t {build2:.1f} s, anonymous RSS +{memory:.1f} MiB", flush=True)
    runs = []
    for ef in efs:
        index.set_ef(ef)
        index.knn_query(queries[:500], k=K, num_threads=1)
        qps1, (labels, _) = median_qps(len(queries), lambda: index.knn_query(queries, k=K, num_threads=1))
        qps2, _ = median_qps(len(queries), lambda: index.knn_query(queries, k=K, num_threads=2))
        r = recall(labels, truth)
        print(f"hnswlib: ef={ef:4d} recall@10={r:.4f} qps_1t={qps1:9.0f} qps_2t={qps2:9.0f}", flush=True)
        runs.append({"ef": ef, "recall_at_10": round(r, 4), "qps_1t": round(qps1, 1), "qps_2t": round(qps2, 1)})
    return {"build_s_1t": round(build1, 2), "build_s_2t": round(build2, 2), "memory_mib": round(memory, 1),
            "notes": f"hnswlib {getattr(hnswlib, '__version__', 'debian')}", "runs": runs}


def run_faiss(base, queries, truth, efs):
    def build(threads):
        faiss.omp_set_num_threads(threads)
        index = faiss.IndexHNSWFlat(base.shape[1], M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = EF_CONSTRUCTION
        start = time.perf_counter()
        index.add(base)
        return index, time.perf_counter() - start

    # The measured, queried build comes first so freed memory of another build cannot hide its RSS growth.
    before = rss()
    index, build1 = build(1)
    memory = (rss() - before) / 1048576
    _, build2 = build(2)
    print(f"faiss: build 1t {build1:.1f} s, 2t {build2:.1f} s, anonymous RSS +{memory:.1f} MiB", flush=True)
    runs = []
    for ef in efs:
        index.hnsw.efSearch = ef
        faiss.omp_set_num_threads(1)
        index.search(queries[:500], K)
        qps1, (_, labels) = median_qps(len(queries), lambda: index.search(queries, K))
        faiss.omp_set_num_threads(2)
        qps2, _ = median_qps(len(queries), lambda: index.search(queries, K))
        r = recall(labels, truth)
        print(f"faiss: ef={ef:4d} recall@10={r:.4f} qps_1t={qps1:9.0f} qps_2t={qps2:9.0f}", flush=True)
        runs.append({"ef": ef, "recall_at_10": round(r, 4), "qps_1t": round(qps1, 1), "qps_2t": round(qps2, 1)})
    return {"build_s_1t": round(build1, 2), "build_s_2t": round(build2, 2), "memory_mib": round(memory, 1),
            "notes": f"faiss {faiss.__version__} IndexHNSWFlat", "runs": runs}


def main():
    data, out = sys.argv[1], sys.argv[2]
    libraries = sys.argv[sys.argv.index("--libs") + 1].split(",") if "--libs" in sys.argv else ["hnswlib", "faiss"]
    efs = [10, 20, 40, 80, 120, 200, 400]
    if "--efs" in sys.argv:
        efs = [int(x) for x in sys.argv[sys.argv.index("--efs") + 1].split(",")]
    base = read_vecs(f"{data}/base.fvecs", np.float32)
    queries = read_vecs(f"{data}/query.fvecs", np.float32)
    truth = read_vecs(f"{data}/groundtruth.ivecs", np.int32)
    runners = {"hnswlib": run_hnswlib, "faiss": run_faiss}
    results = {name: runners[name](base, queries, truth, efs) for name in libraries}
    with open(out, "w") as f:
        json.dump({"libraries": results}, f)


if __name__ == "__main__":
    main()
