using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SearchEngine.Index;

/// <summary>
/// SIMD distance kernels over rows padded to a multiple of 4 floats (zero padding changes neither dot nor L2), so the
/// widest vector loop is followed by at most one 256-bit and one 128-bit step and never a scalar tail. The 512-bit path
/// is chosen on Avx512F.IsSupported rather than Vector512.IsHardwareAccelerated: the runtime reports the latter false on
/// Intel parts it expects to down-clock, which halved our kernel's width against hnswlib's AVX-512 build.
/// </summary>
internal static unsafe class DistanceKernels
{
    /// <summary>Rows are padded to this many floats so every kernel ends on a full 128-bit step.</summary>
    public const int FloatPadding = 4;

    /// <summary>Int8 code rows are padded to this many bytes: one 512-bit widening step per 16 codes.</summary>
    public const int CodePadding = 16;

    /// <summary>Inner product of two padded rows of <paramref name="length"/> floats (a multiple of 4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(float* a, float* b, int length)
    {
        var i = 0;
        var sum = 0f;
        if (Avx512F.IsSupported && length >= 16)
        {
            // Two accumulators hide the FMA latency on short rows (100-d: six steps).
            var acc0 = Vector512<float>.Zero;
            var acc1 = Vector512<float>.Zero;
            for (; i <= length - 32; i += 32)
            {
                acc0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i), Vector512.Load(b + i), acc0);
                acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i + 16), Vector512.Load(b + i + 16), acc1);
            }
            if (i <= length - 16)
            {
                acc0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i), Vector512.Load(b + i), acc0);
                i += 16;
            }
            sum = Vector512.Sum(acc0 + acc1);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= length - 8; i += 8)
            {
                acc = Vector256.FusedMultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), acc);
            }
            sum += Vector256.Sum(acc);
        }
        var acc4 = Vector128<float>.Zero;
        for (; i <= length - 4; i += 4)
        {
            acc4 = Vector128.FusedMultiplyAdd(Vector128.Load(a + i), Vector128.Load(b + i), acc4);
        }
        return sum + Vector128.Sum(acc4);
    }

    /// <summary>Squared Euclidean distance of two padded rows of <paramref name="length"/> floats (a multiple of 4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float L2Squared(float* a, float* b, int length)
    {
        var i = 0;
        var sum = 0f;
        if (Avx512F.IsSupported && length >= 16)
        {
            var acc0 = Vector512<float>.Zero;
            var acc1 = Vector512<float>.Zero;
            for (; i <= length - 32; i += 32)
            {
                var d0 = Vector512.Load(a + i) - Vector512.Load(b + i);
                var d1 = Vector512.Load(a + i + 16) - Vector512.Load(b + i + 16);
                acc0 = Vector512.FusedMultiplyAdd(d0, d0, acc0);
                acc1 = Vector512.FusedMultiplyAdd(d1, d1, acc1);
            }
            if (i <= length - 16)
            {
                var d = Vector512.Load(a + i) - Vector512.Load(b + i);
                acc0 = Vector512.FusedMultiplyAdd(d, d, acc0);
                i += 16;
            }
            sum = Vector512.Sum(acc0 + acc1);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= length - 8; i += 8)
            {
                var d = Vector256.Load(a + i) - Vector256.Load(b + i);
                acc = Vector256.FusedMultiplyAdd(d, d, acc);
            }
            sum += Vector256.Sum(acc);
        }
        var acc4 = Vector128<float>.Zero;
        for (; i <= length - 4; i += 4)
        {
            var d = Vector128.Load(a + i) - Vector128.Load(b + i);
            acc4 = Vector128.FusedMultiplyAdd(d, d, acc4);
        }
        return sum + Vector128.Sum(acc4);
    }

    /// <summary>
    /// Σ w[i]·code[i] over <paramref name="length"/> int8 codes (a multiple of 16), with w the query already multiplied by
    /// the quantizer's per-dimension scale: the asymmetric inner product of a float query and an int8 row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float DotInt8(float* w, sbyte* code, int length)
    {
        var i = 0;
        if (Avx512F.IsSupported)
        {
            var acc0 = Vector512<float>.Zero;
            var acc1 = Vector512<float>.Zero;
            for (; i <= length - 32; i += 32)
            {
                var c0 = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.Load(code + i)));
                var c1 = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.Load(code + i + 16)));
                acc0 = Vector512.FusedMultiplyAdd(Vector512.Load(w + i), c0, acc0);
                acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(w + i + 16), c1, acc1);
            }
            if (i < length)
            {
                var c = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.Load(code + i)));
                acc0 = Vector512.FusedMultiplyAdd(Vector512.Load(w + i), c, acc0);
            }
            return Vector512.Sum(acc0 + acc1);
        }
        var sum = 0f;
        for (; i < length; i++)
        {
            sum += w[i] * code[i];
        }
        return sum;
    }

    /// <summary>
    /// Σ q[i]·code[i] over <paramref name="length"/> int8 codes (a multiple of 16) with the query quantized too and held as
    /// int16: codes are sign-extended to int16 and multiplied pairwise into int32 (vpmaddwd), 32 codes per 512-bit step.
    /// Exact integer arithmetic: |q|, |code| ≤ 127, so a sum over 65,536 dimensions still fits an int32.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DotInt8(short* q, sbyte* code, int length)
    {
        var i = 0;
        var sum = 0;
        if (Avx512BW.IsSupported)
        {
            var acc = Vector512<int>.Zero;
            for (; i <= length - 32; i += 32)
            {
                var c = Avx512BW.ConvertToVector512Int16(Vector256.Load(code + i));
                acc += Avx512BW.MultiplyAddAdjacent(c, Vector512.Load(q + i));
            }
            sum = Vector512.Sum(acc);
        }
        if (Avx2.IsSupported)
        {
            var acc = Vector256<int>.Zero;
            for (; i < length; i += 16)
            {
                var c = Avx2.ConvertToVector256Int16(Vector128.Load(code + i));
                acc += Avx2.MultiplyAddAdjacent(c, Vector256.Load(q + i));
            }
            return sum + Vector256.Sum(acc);
        }
        for (; i < length; i++)
        {
            sum += q[i] * code[i];
        }
        return sum;
    }

    /// <summary>Σ (q[i] − s[i]·code[i])² over <paramref name="length"/> int8 codes (a multiple of 16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float L2Int8(float* q, float* scale, sbyte* code, int length)
    {
        var i = 0;
        if (Avx512F.IsSupported)
        {
            var acc = Vector512<float>.Zero;
            for (; i < length; i += 16)
            {
                var c = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.Load(code + i)));
                var d = Vector512.Load(q + i) - (Vector512.Load(scale + i) * c);
                acc = Vector512.FusedMultiplyAdd(d, d, acc);
            }
            return Vector512.Sum(acc);
        }
        var sum = 0f;
        for (; i < length; i++)
        {
            var d = q[i] - (scale[i] * code[i]);
            sum += d * d;
        }
        return sum;
    }

    /// <summary>Pulls the cache line at <paramref name="address"/> towards the core ahead of use.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Prefetch(void* address)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(address);
        }
    }
}
