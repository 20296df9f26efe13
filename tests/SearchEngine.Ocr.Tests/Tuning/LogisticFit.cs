namespace SearchEngine.Ocr.Tests.Tuning;

/// <summary>
/// Logistic regression fitted by Newton's method with a small L2 penalty, on inputs standardised for the fit; the
/// weights come back in the raw inputs' units, so the detector needs no scaler.
/// </summary>
internal static class LogisticFit
{
    public static (double[] Weights, double Bias) Fit(IReadOnlyList<double[]> inputs, IReadOnlyList<int> labels, IReadOnlyList<double> sampleWeights, double penalty = 1e-3)
    {
        var d = inputs[0].Length;
        var n = inputs.Count;
        var mean = new double[d];
        var scale = new double[d];
        for (var j = 0; j < d; j++)
        {
            mean[j] = inputs.Average(x => x[j]);
            scale[j] = Math.Max(1e-9, Math.Sqrt(inputs.Average(x => (x[j] - mean[j]) * (x[j] - mean[j]))));
        }

        var z = inputs.Select(x => x.Select((v, j) => (v - mean[j]) / scale[j]).Append(1.0).ToArray()).ToArray();
        var w = new double[d + 1];
        var totalWeight = sampleWeights.Sum();
        for (var iteration = 0; iteration < 30; iteration++)
        {
            var gradient = new double[d + 1];
            var hessian = new double[d + 1, d + 1];
            for (var i = 0; i < n; i++)
            {
                var p = Sigmoid(Dot(w, z[i]));
                var s = sampleWeights[i] / totalWeight;
                for (var a = 0; a <= d; a++)
                {
                    gradient[a] += s * (p - labels[i]) * z[i][a];
                    for (var b = 0; b <= a; b++)
                    {
                        hessian[a, b] += s * p * (1 - p) * z[i][a] * z[i][b];
                    }
                }
            }

            for (var a = 0; a < d; a++)
            {
                gradient[a] += penalty * w[a];
                hessian[a, a] += penalty;
            }

            for (var a = 0; a <= d; a++)
            {
                for (var b = a + 1; b <= d; b++)
                {
                    hessian[a, b] = hessian[b, a];
                }
            }

            var step = Solve(hessian, gradient);
            var largest = 0.0;
            for (var a = 0; a <= d; a++)
            {
                w[a] -= step[a];
                largest = Math.Max(largest, Math.Abs(step[a]));
            }

            if (largest < 1e-8)
            {
                break;
            }
        }

        var weights = new double[d];
        var bias = w[d];
        for (var j = 0; j < d; j++)
        {
            weights[j] = w[j] / scale[j];
            bias -= w[j] * mean[j] / scale[j];
        }

        return (weights, bias);
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Gaussian elimination with partial pivoting; the system is small (one row an input).</summary>
    private static double[] Solve(double[,] matrix, double[] vector)
    {
        var n = vector.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])vector.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[row, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = row;
                }
            }

            for (var k = 0; k < n; k++)
            {
                (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            }

            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (var row = col + 1; row < n; row++)
            {
                var factor = a[row, col] / a[col, col];
                for (var k = col; k < n; k++)
                {
                    a[row, k] -= factor * a[col, k];
                }

                b[row] -= factor * b[col];
            }
        }

        var x = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var k = row + 1; k < n; k++)
            {
                sum -= a[row, k] * x[k];
            }

            x[row] = sum / a[row, row];
        }

        return x;
    }
}
