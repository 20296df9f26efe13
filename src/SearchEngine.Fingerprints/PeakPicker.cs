namespace SearchEngine.Fingerprints;

/// <summary>
/// Finds the spectral peaks of a stream of log-power frames: points that are the maximum of their time–frequency
/// neighbourhood, thinned to a fixed density by rank inside a sliding one-second window. The window slides rather than
/// tiling the recording so that a clip cut anywhere keeps the peaks its source kept (block edges would differ).
/// Only <c>2 × timeRadius + 1</c> frames are held at a time, so hour-long recordings cost no spectrogram memory.
/// </summary>
internal sealed class PeakPicker
{
    // Log power (natural log of |X|²) below which a bin is treated as silence and never peaks.
    private const float SilenceFloor = -16f;

    private readonly int _minBin;
    private readonly int _maxBin;
    private readonly int _freqRadius;
    private readonly int _timeRadius;
    private readonly float[][] _rows;
    private readonly float[][] _rowMax;
    private readonly float[] _rowMean;
    private readonly List<SpectralPeak> _candidates = [];
    private int _pushed;

    /// <summary>Looks for peaks in bins [<paramref name="minBin"/>, <paramref name="maxBin"/>] of rows <paramref name="bins"/> long.</summary>
    public PeakPicker(int bins, int minBin, int maxBin, int freqRadius, int timeRadius)
    {
        _minBin = minBin;
        _maxBin = maxBin;
        _freqRadius = freqRadius;
        _timeRadius = timeRadius;
        var ring = 2 * timeRadius + 1;
        _rows = new float[ring][];
        _rowMax = new float[ring][];
        _rowMean = new float[ring];
        for (var i = 0; i < ring; i++)
        {
            _rows[i] = new float[bins];
            _rowMax[i] = new float[bins];
        }
    }

    /// <summary>Adds the next frame's log power.</summary>
    public void Push(ReadOnlySpan<float> logPower)
    {
        var slot = _pushed % _rows.Length;
        var row = _rows[slot];
        logPower.CopyTo(row);
        var max = _rowMax[slot];
        var sum = 0f;
        for (var f = _minBin; f <= _maxBin; f++)
        {
            var lo = Math.Max(_minBin, f - _freqRadius);
            var hi = Math.Min(_maxBin, f + _freqRadius);
            var m = row[lo];
            for (var k = lo + 1; k <= hi; k++)
            {
                m = Math.Max(m, row[k]);
            }

            max[f] = m;
            sum += row[f];
        }

        _rowMean[slot] = sum / (_maxBin - _minBin + 1);
        _pushed++;
        if (_pushed > _timeRadius)
        {
            Decide(_pushed - 1 - _timeRadius);
        }
    }

    /// <summary>The peaks of everything pushed, ordered by frame then bin, at most <paramref name="perWindow"/> in any <paramref name="window"/> frames.</summary>
    public List<SpectralPeak> Finish(int perWindow, int window)
    {
        for (var c = Math.Max(0, _pushed - _timeRadius); c < _pushed; c++)
        {
            Decide(c);
        }

        return Thin(_candidates, perWindow, window / 2);
    }

    private void Decide(int frame)
    {
        var slot = frame % _rows.Length;
        var row = _rows[slot];
        var max = _rowMax[slot];
        var mean = _rowMean[slot];
        for (var f = _minBin; f <= _maxBin; f++)
        {
            var v = row[f];
            // Strict against the lower neighbour and the earlier frames, so a plateau yields one peak, not many.
            if (v < max[f] || v <= SilenceFloor || (f > _minBin && v <= row[f - 1]))
            {
                continue;
            }

            var isPeak = true;
            for (var k = 1; k <= _timeRadius && isPeak; k++)
            {
                if (frame - k >= 0 && _rowMax[(frame - k) % _rows.Length][f] >= v)
                {
                    isPeak = false;
                }
                else if (frame + k < _pushed && _rowMax[(frame + k) % _rows.Length][f] > v)
                {
                    isPeak = false;
                }
            }

            if (isPeak)
            {
                _candidates.Add(new SpectralPeak(frame, f, v - mean));
            }
        }
    }

    private static List<SpectralPeak> Thin(List<SpectralPeak> candidates, int perWindow, int halfWindow)
    {
        var kept = new List<SpectralPeak>(candidates.Count / 2);
        var lo = 0;
        var hi = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            while (candidates[lo].Frame < c.Frame - halfWindow)
            {
                lo++;
            }

            while (hi < candidates.Count && candidates[hi].Frame <= c.Frame + halfWindow)
            {
                hi++;
            }

            var stronger = 0;
            for (var j = lo; j < hi && stronger < perWindow; j++)
            {
                if (candidates[j].Score > c.Score)
                {
                    stronger++;
                }
            }

            if (stronger < perWindow)
            {
                kept.Add(c);
            }
        }

        return kept;
    }
}
