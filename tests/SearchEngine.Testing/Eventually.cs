using System.Diagnostics;
using Xunit;

namespace SearchEngine.Testing;

/// <summary>Waits for a condition by polling it until a deadline, instead of sleeping for a guessed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns once <paramref name="condition"/> holds; fails the test with <paramref name="failure"/> after <paramref name="timeout"/>.</summary>
    public static async Task ThatAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"After {timeout.TotalSeconds:F0} s: {failure}.");
            }

            await Task.Delay(Poll);
        }
    }

    /// <inheritdoc cref="ThatAsync(Func{Task{bool}}, TimeSpan, string)"/>
    public static Task ThatAsync(Func<bool> condition, TimeSpan timeout, string failure) =>
        ThatAsync(() => Task.FromResult(condition()), timeout, failure);
}
