using TorchSharp;
using static TorchSharp.torch;

namespace SearchEngine.Training.Model;

/// <summary>
/// Fine-tuned word vectors inside the text head: each of up to <see cref="Capacity"/> frequent training words owns a
/// learned offset that is added to its GloVe vector; every other word (rare, unseen, dev-only) passes unchanged. The
/// head's input stays the GloVe vectors of <see cref="Embeddings.Onnx.HeadContract"/>, so the word is recognised from
/// its vector: a fixed random projection to <see cref="KeyWidth"/> dimensions, the nearest key by squared distance, and
/// a hit only below <see cref="MatchThreshold"/> (keys closer than <see cref="MinimumKeyDistance"/> are never adopted,
/// so a hit is unambiguous). Export mirrors this with MatMul, ReduceMin/ArgMin, Gather, Less and Cast.
/// </summary>
public sealed class WordAdaptation : nn.Module<Tensor, Tensor>
{
    /// <summary>Width of the projected keys.</summary>
    public const int KeyWidth = 16;

    /// <summary>A projected word within this squared distance of a key is that key's word.</summary>
    public const float MatchThreshold = 1e-3f;

    /// <summary>Words whose projected keys lie closer than this (squared) to another key get no offset.</summary>
    public const float MinimumKeyDistance = 1e-1f;

    // Unused key rows sit this far out, where no projected word vector can come near.
    private const float UnusedKey = 1e4f;

    private readonly Tensor projection;
    private readonly Tensor keys;
    private readonly TorchSharp.Modules.Parameter offsets;

    /// <summary>Creates an adaptation with room for <paramref name="capacity"/> words of <paramref name="width"/>-wide vectors, none adopted yet.</summary>
    public WordAdaptation(string name, int width, int capacity) : base(name)
    {
        Capacity = capacity;
        var generator = new Generator(7919);
        projection = randn([width, KeyWidth], generator: generator) / MathF.Sqrt(KeyWidth);
        keys = full(capacity, KeyWidth, UnusedKey);
        offsets = nn.Parameter(zeros(capacity, width));
        register_buffer("projection", projection);
        register_buffer("keys", keys);
        RegisterComponents();
    }

    /// <summary>Most words that can own an offset.</summary>
    public int Capacity { get; }

    /// <summary>The fixed projection of word vectors to keys [width, 16].</summary>
    public Tensor Projection => projection;

    /// <summary>Projected keys of the adopted words [capacity, 16].</summary>
    public Tensor Keys => keys;

    /// <summary>The learned offsets [capacity, width].</summary>
    public Tensor Offsets => offsets;

    /// <summary>
    /// Adopts the word vectors <paramref name="words"/> [V, width] (most frequent first; at most <see cref="Capacity"/>
    /// are taken) and returns the rows adopted, in key order: words whose keys collide with another's are left out.
    /// </summary>
    public int[] Adopt(Tensor words)
    {
        ArgumentNullException.ThrowIfNull(words);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        keys.fill_(UnusedKey);
        offsets.zero_();
        if (words.shape[0] == 0)
        {
            return [];
        }

        var projected = words.to(projection.device).matmul(projection);
        var distances = cdist(projected, projected).square() + eye(projected.shape[0], device: projected.device) * UnusedKey;
        var distinct = distances.min(1).values.ge(MinimumKeyDistance).cpu().data<bool>().ToArray();
        var rows = Enumerable.Range(0, distinct.Length).Where(r => distinct[r]).Take(Capacity).ToArray();
        if (rows.Length > 0)
        {
            keys.narrow(0, 0, rows.Length).copy_(projected.index_select(0, tensor(rows.Select(r => (long)r).ToArray(), device: projected.device)));
        }

        return rows;
    }

    /// <summary>The key index of each word of <paramref name="words"/> [..., width], or −1 where it is no adopted word.</summary>
    public Tensor Lookup(Tensor words)
    {
        ArgumentNullException.ThrowIfNull(words);
        using var scope = NewDisposeScope();
        var projected = words.matmul(projection);
        var distances = projected.square().sum(-1, keepdim: true) - 2f * projected.matmul(keys.t()) + keys.square().sum(-1);
        var nearest = distances.min(-1);
        return where(nearest.values.lt(MatchThreshold), nearest.indexes, -1L).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <paramref name="words"/> with the offsets of the words <paramref name="wordIndex"/> names added (−1: unchanged).
    /// Training passes the index it knows from the text bank, which skips the lookup by distance.
    /// </summary>
    public Tensor forward(Tensor words, Tensor? wordIndex)
    {
        ArgumentNullException.ThrowIfNull(words);
        using var scope = NewDisposeScope();
        var index = wordIndex ?? Lookup(words);
        var hit = index.ge(0L).to_type(ScalarType.Float32).unsqueeze(-1);
        var shape = index.shape;
        var offset = offsets.index_select(0, index.clamp_min(0L).reshape(-1)).reshape([.. shape, offsets.shape[1]]);
        return (words + offset * hit).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor words) => forward(words, null);
}
