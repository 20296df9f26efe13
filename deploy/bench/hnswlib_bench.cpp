// hnswlib (C++ headers, Debian libhnswlib-dev) on TEXMEX files, measured like the C# side: for runs on a machine where
// the Python bindings cannot be installed (e.g. a lent device with another Python). Same output JSON as ann_anchors.py.
// build: g++ -O3 -march=x86-64-v4 -std=c++17 -pthread deploy/bench/hnswlib_bench.cpp -o hnswlib_bench
// usage: hnswlib_bench DATADIR OUT.json EFS(comma list)
#include <hnswlib/hnswlib.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

static std::vector<float> read_vecs(const std::string& path, int& n, int& dim) {
    std::ifstream f(path, std::ios::binary);
    f.seekg(0, std::ios::end);
    size_t bytes = f.tellg();
    f.seekg(0);
    f.read(reinterpret_cast<char*>(&dim), 4);
    n = bytes / (4 * (dim + 1));
    std::vector<float> rows((size_t)n * dim);
    f.seekg(0);
    for (int i = 0; i < n; i++) {
        int d;
        f.read(reinterpret_cast<char*>(&d), 4);
        f.read(reinterpret_cast<char*>(&rows[(size_t)i * dim]), 4 * dim);
    }
    return rows;
}

static long rss() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6)) * 1024;
    return 0;
}

static double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

template <class F> static void parallel(int threads, int n, F f) {
    std::atomic<int> next{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; t++)
        pool.emplace_back([&] { for (int i; (i = next++) < n;) f(i); });
    for (auto& t : pool) t.join();
}

int main(int argc, char** argv) {
    std::string dir = argv[1];
    int n, dim, nq, qdim, ng, gdim;
    auto base = read_vecs(dir + "/base.fvecs", n, dim);
    auto queries = read_vecs(dir + "/query.fvecs", nq, qdim);
    auto truthf = read_vecs(dir + "/groundtruth.ivecs", ng, gdim);
    const int* truth = reinterpret_cast<const int*>(truthf.data());
    std::vector<int> efs;
    std::stringstream ss(argv[3]);
    for (std::string e; std::getline(ss, e, ',');) efs.push_back(std::stoi(e));
    hnswlib::InnerProductSpace space(dim);
    auto build = [&](int threads) {
        auto* index = new hnswlib::HierarchicalNSW<float>(&space, n, 16, 200, 100);
        double t = now();
        if (threads == 1) for (int i = 0; i < n; i++) index->addPoint(&base[(size_t)i * dim], i);
        else parallel(threads, n, [&](int i) { index->addPoint(&base[(size_t)i * dim], i); });
        return std::make_pair(index, now() - t);
    };
    long before = rss();
    auto [index, build1] = build(1);
    double memory = (rss() - before) / 1048576.0;
    auto [other, build2] = build(2);
    delete other;
    fprintf(stderr, "hnswlib(c++): build 1t %.1f s, 2t %.1f s, RSS +%.1f MiB\n", build1, build2, memory);
    std::ostringstream runs;
    for (size_t e = 0; e < efs.size(); e++) {
        index->setEf(efs[e]);
        std::vector<std::vector<size_t>> found(nq);
        auto query = [&](int q) {
            auto top = index->searchKnn(&queries[(size_t)q * dim], 10);
            found[q].clear();
            while (!top.empty()) { found[q].push_back(top.top().second); top.pop(); }
        };
        for (int q = 0; q < std::min(nq, 500); q++) query(q);
        double t = now();
        for (int q = 0; q < nq; q++) query(q);
        double qps1 = nq / (now() - t);
        t = now();
        parallel(2, nq, query);
        double qps2 = nq / (now() - t);
        long hit = 0;
        for (int q = 0; q < nq; q++) {
            std::unordered_set<int> expected(truth + (size_t)q * gdim, truth + (size_t)q * gdim + 10);
            for (auto id : found[q]) hit += expected.count((int)id);
        }
        double recall = hit / (double)(nq * 10);
        fprintf(stderr, "hnswlib(c++): ef=%4d recall@10=%.4f qps_1t=%9.0f qps_2t=%9.0f\n", efs[e], recall, qps1, qps2);
        runs << (e ? "," : "") << "{\"ef\":" << efs[e] << ",\"recall_at_10\":" << recall << ",\"qps_1t\":" << qps1
             << ",\"qps_2t\":" << qps2 << "}";
    }
    std::ofstream out(argv[2]);
    out << "{\"libraries\":{\"hnswlib\":{\"build_s_1t\":" << build1 << ",\"build_s_2t\":" << build2 << ",\"memory_mib\":"
        << memory << ",\"notes\":\"hnswlib C++ headers (Debian libhnswlib-dev)\",\"runs\":[" << runs.str() << "]}}}";
    return 0;
}
