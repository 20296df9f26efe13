using System.Diagnostics;

namespace SearchEngine.Testing;

/// <summary>Ends a child process the way a machine dying would: SIGKILL to it and everything it started, no shutdown.</summary>
public static class HardKill
{
    /// <summary>Kills <paramref name="process"/> and its tree; returns once it is gone (at once if it already exited).</summary>
    public static void Kill(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }

        process.WaitForExit();
    }
}
