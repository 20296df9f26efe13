namespace SearchEngine.Maps.Umap;

/// <summary>
/// UMAP's stochastic gradient descent, after umap-learn's <c>optimize_layout_euclidean</c>: each edge is sampled in
/// proportion to its weight (epochs-per-sample scheduling), pulled together by the attractive gradient and pushed apart
/// from <see cref="UmapOptions.NegativeSampleRate"/> random points per sample, with gradients clipped at 4 and a learning
/// rate decayed linearly. Both ends of an edge move (the layout embeds itself).
/// </summary>
internal static class LayoutOptimizer
{
    private const float GradientClip = 4f;

    /// <summary>Fixed number of edge blocks per epoch, whatever the thread count, so the random streams are the same.</summary>
    private const int Blocks = 64;

    public static void Optimise(float[] layout, FuzzyGraph graph, int pointCount, UmapOptions options)
    {
        var epochs = options.EpochsFor(pointCount);
        var edgeCount = graph.EdgeCount;
        if (edgeCount == 0 || epochs == 0)
        {
            return;
        }

        // umap-learn drops edges too weak to be sampled once over the run, then schedules the rest.
        var maxWeight = 0f;
        foreach (var w in graph.Weights)
        {
            maxWeight = Math.Max(maxWeight, w);
        }

        var epochsPerSample = new double[edgeCount];
        var nextSample = new double[edgeCount];
        var epochsPerNegative = new double[edgeCount];
        var nextNegative = new double[edgeCount];
        for (var e = 0; e < edgeCount; e++)
        {
            var samples = epochs * (graph.Weights[e] / maxWeight);
            epochsPerSample[e] = samples >= 1 ? epochs / samples : double.PositiveInfinity;
            nextSample[e] = epochsPerSample[e];
            epochsPerNegative[e] = epochsPerSample[e] / options.NegativeSampleRate;
            nextNegative[e] = epochsPerNegative[e];
        }

        var state = new EpochState(layout, graph.Heads, graph.Tails, epochsPerSample, nextSample, epochsPerNegative, nextNegative, pointCount, options);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.ResolveThreads() };
        var blocks = Math.Min(Blocks, edgeCount);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            state.Epoch = epoch;
            state.Alpha = options.LearningRate * (1f - ((float)epoch / epochs));
            if (parallel.MaxDegreeOfParallelism == 1)
            {
                for (var block = 0; block < blocks; block++)
                {
                    state.RunBlock(block, blocks);
                }
            }
            else
            {
                Parallel.For(0, blocks, parallel, block => state.RunBlock(block, blocks));
            }
        }
    }

    /// <summary>Everything an epoch's blocks read and write; shared by the threads (Hogwild: updates race by design).</summary>
    private sealed class EpochState(
        float[] layout, int[] heads, int[] tails, double[] epochsPerSample, double[] nextSample,
        double[] epochsPerNegative, double[] nextNegative, int pointCount, UmapOptions options)
    {
        private readonly float _a = options.A;
        private readonly float _b = options.B;
        private readonly float _gamma = options.RepulsionStrength;
        private readonly ulong _seed = (ulong)options.Seed;

        public int Epoch { get; set; }

        public float Alpha { get; set; }

        public void RunBlock(int block, int blocks)
        {
            var edgeCount = heads.Length;
            var start = (int)((long)edgeCount * block / blocks);
            var end = (int)((long)edgeCount * (block + 1) / blocks);
            var random = new XorShiftRandom(_seed, (ulong)Epoch, (ulong)block);
            var epoch = Epoch;
            var alpha = Alpha;
            var a = _a;
            var b = _b;
            var twoAB = 2f * a * b;
            var twoGammaB = 2f * _gamma * b;
            var points = (uint)pointCount;
            var xy = layout;
            for (var e = start; e < end; e++)
            {
                if (nextSample[e] > epoch)
                {
                    continue;
                }

                var j = heads[e];
                var k = tails[e];
                var dx = xy[2 * j] - xy[2 * k];
                var dy = xy[(2 * j) + 1] - xy[(2 * k) + 1];
                var d2 = (dx * dx) + (dy * dy);
                if (d2 > 0)
                {
                    var powB1 = MathF.Pow(d2, b - 1f);
                    var coefficient = -twoAB * powB1 / ((a * powB1 * d2) + 1f);
                    var gx = Clip(coefficient * dx) * alpha;
                    var gy = Clip(coefficient * dy) * alpha;
                    xy[2 * j] += gx;
                    xy[(2 * j) + 1] += gy;
                    xy[2 * k] -= gx;
                    xy[(2 * k) + 1] -= gy;
                }

                nextSample[e] += epochsPerSample[e];
                var negatives = (int)((epoch - nextNegative[e]) / epochsPerNegative[e]);
                var cx = xy[2 * j];
                var cy = xy[(2 * j) + 1];
                for (var p = 0; p < negatives; p++)
                {
                    var other = (int)(random.Next() % points);
                    if (other == j)
                    {
                        continue;
                    }

                    var ox = cx - xy[2 * other];
                    var oy = cy - xy[(2 * other) + 1];
                    var o2 = (ox * ox) + (oy * oy);
                    if (o2 <= 0)
                    {
                        continue;
                    }

                    var coefficient = twoGammaB / ((0.001f + o2) * ((a * MathF.Pow(o2, b)) + 1f));
                    cx += Clip(coefficient * ox) * alpha;
                    cy += Clip(coefficient * oy) * alpha;
                }

                xy[2 * j] = cx;
                xy[(2 * j) + 1] = cy;
                nextNegative[e] += negatives * epochsPerNegative[e];
            }
        }

        private static float Clip(float value) => Math.Clamp(value, -GradientClip, GradientClip);
    }
}
