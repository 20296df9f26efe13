using TorchSharp;
using static TorchSharp.torch;

namespace SearchEngine.Training.Tests;

/// <summary>TorchSharp's native library loads on this host (on Debian 12 only after the build's ELF fix) and trains.</summary>
public sealed class TorchSharpLoadsTests
{
    [Fact]
    public void A_tensor_is_created_and_one_backward_pass_gives_the_analytic_gradient()
    {
        var x = tensor(new float[] { 1f, 2f, 3f }, requires_grad: true);
        var loss = (x * x).sum();
        loss.backward();

        var grad = x.grad!.data<float>().ToArray();
        Assert.Equal(new[] { 2f, 4f, 6f }, grad);
    }

    [Fact]
    public void A_linear_layer_takes_one_adam_step_and_its_loss_falls()
    {
        random.manual_seed(7);
        var layer = nn.Linear(4, 1);
        var optimizer = optim.Adam(layer.parameters(), lr: 0.05);
        var input = randn(16, 4);
        var target = input.sum(1, keepdim: true);

        float Loss() => nn.functional.mse_loss(layer.forward(input), target).item<float>();

        var before = Loss();
        for (var step = 0; step < 20; step++)
        {
            optimizer.zero_grad();
            nn.functional.mse_loss(layer.forward(input), target).backward();
            optimizer.step();
        }

        Assert.True(Loss() < before / 2, $"loss did not fall: {before} -> {Loss()}");
    }
}
