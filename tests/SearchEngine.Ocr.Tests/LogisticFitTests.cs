using SearchEngine.Ocr.Tests.Tuning;

namespace SearchEngine.Ocr.Tests;

public class LogisticFitTests
{
    [Fact]
    public void Weights_a_sample_was_drawn_with_are_recovered_in_the_inputs_own_units()
    {
        // Inputs on very different scales, as the detector's are: the fit standardises them and must undo it.
        var random = new Random(3);
        double[] truth = [2.0, -0.05];
        const double bias = -1.0;
        var inputs = new List<double[]>();
        var labels = new List<int>();
        for (var i = 0; i < 20_000; i++)
        {
            double[] x = [random.NextDouble() * 2, random.NextDouble() * 100];
            inputs.Add(x);
            labels.Add(random.NextDouble() < LogisticFit.Sigmoid(bias + (truth[0] * x[0]) + (truth[1] * x[1])) ? 1 : 0);
        }

        var (weights, fitted) = LogisticFit.Fit(inputs, labels, Enumerable.Repeat(1.0, inputs.Count).ToList(), penalty: 0);

        Assert.InRange(weights[0], 1.8, 2.2);
        Assert.InRange(weights[1], -0.055, -0.045);
        Assert.InRange(fitted, -1.2, -0.8);
    }
}
