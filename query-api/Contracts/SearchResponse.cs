namespace SearchEngine.QueryApi.Contracts;

/// <summary>The body of a search response (snake_case on the wire).</summary>
/// <param name="Query">What was searched for.</param>
/// <param name="TookMs">Time spent in the pipeline.</param>
/// <param name="Calibrated">Whether the collection's pack is calibrated, i.e. whether hits carry a <c>relevance</c>.</param>
/// <param name="CloseMatchRelevance">
/// The relevance the best hit needs for the results to count as matches (null without calibration): below it a client
/// should say "no close match" rather than present the hits as matches. The pack's own threshold, chosen on its
/// development data, unless QueryApi:CloseMatchRelevance sets one.
/// </param>
/// <param name="FilteredOut">How many of the k results min_relevance dropped (0 without it): the results were filtered when this is above 0.</param>
/// <param name="Partial">
/// Whether some shard of a sharded collection did not answer in time (false otherwise): the results are the best of
/// the shards that answered, and better ones may exist. Always present, like <c>filtered_out</c>, so a client need not
/// tell "complete" from "field missing".
/// </param>
/// <param name="MissingShards">The shards that did not answer, in order; empty when <c>partial</c> is false.</param>
/// <param name="Results">The hits, best first.</param>
/// <param name="NextCursor">
/// Opaque; send it back as <c>cursor</c> with the same query to get the next page (ranks go on from this page's last).
/// Null when there is no next page: this page was shorter than k, or the next would pass the paging depth
/// (Retrieval:MaxPagingDepth, 1000 results). Usable for QueryApi:Cursors:Lifetime (10 minutes) on the process that issued it.
/// </param>
public sealed record SearchResponse(
    QueryEcho Query, double TookMs, bool Calibrated, double? CloseMatchRelevance, int FilteredOut, bool Partial, IReadOnlyList<int> MissingShards,
    IReadOnlyList<SearchResultItem> Results, string? NextCursor = null);

/// <summary>What was searched for, as the service understood it.</summary>
public sealed record QueryEcho(string Collection, string? Text, string? File, long? DocumentId, string? Modality, int K, bool Rerank, double Diversity, string? Filter, double? MinRelevance, int Candidates, CropRegion? Crop = null);

/// <summary>
/// One ranked document. <c>Score</c> is the cosine similarity of its best segment to the query; <c>Relevance</c> is that
/// score through the pack's calibration: the estimated probability that the hit is relevant (null without calibration).
/// <c>Duration</c> is the length of an audio or video file in seconds (null otherwise).
/// <c>Match</c> says which kind of match the result is: <c>"exact"</c> when the query's clip was found inside this
/// recording by its audio fingerprint (exact results come first; <c>OffsetSeconds</c> is where in the recording the
/// clip starts, <c>Confidence</c> in [0, 1] how sure the match is, and <c>Segment</c> is the matched range with kind
/// <c>"fingerprint"</c>), <c>"similar"</c> for a result of the semantic search (both null). An exact match the semantic
/// search did not also find has score 0 and no relevance. <c>Moments</c> are the matched times of an audio or video
/// result (see <see cref="MomentMatch"/>). <c>Explanation</c> says why a result matched when a plain score cannot
/// ("text in picture: 'EXIT 42'"), and <c>TextInPicture</c> gives that text with its words' boxes (see
/// <see cref="TextInPictureMatch"/>); both null otherwise.
/// </summary>
public sealed record SearchResultItem(
    long Id,
    string Uri,
    string Modality,
    float Score,
    double? Relevance,
    double? FusedScore,
    int Rank,
    string Match,
    double? OffsetSeconds,
    double? Confidence,
    SegmentMatch? Segment,
    double? Duration,
    string? Title,
    string? Caption,
    System.Text.Json.JsonElement Metadata,
    string ThumbnailUrl,
    string MediaUrl,
    IReadOnlyList<MomentMatch>? Moments = null,
    string? Explanation = null,
    TextInPictureMatch? TextInPicture = null);

/// <summary>
/// The text read in a result's picture (or in a video frame at <c>Time</c> seconds) that holds words of the query.
/// Word boxes are [x, y, width, height] in a picture of <c>Width</c> × <c>Height</c> pixels (the picture as it was
/// read; scale them to the size shown); <c>Matched</c> marks the words that hold a term of the query.
/// </summary>
public sealed record TextInPictureMatch(string Text, double? Time, int? Width, int? Height, IReadOnlyList<TextInPictureWord> Words);

/// <summary>One word read in a picture: its text, box [x, y, width, height], the OCR engine's confidence (0–100), and whether it matched.</summary>
public sealed record TextInPictureWord(string Text, int[] Box, double Confidence, bool Matched);

/// <summary>
/// One matched moment of an audio or video result, for a timeline: a segment of the document among the query's
/// candidates (kind <c>frame</c>, <c>audio_window</c> or <c>caption</c>), its start and end in seconds (end null for a
/// frame) and its cosine similarity. A result lists at most Retrieval:MaxMoments (12), its best, in time order; null
/// for documents without times.
/// </summary>
public sealed record MomentMatch(string Kind, double Start, double? End, float Score);

/// <summary>
/// Where in an audio or video file the match is (null for whole documents). Kind <c>"fingerprint"</c>: the range an
/// exact match covers; otherwise the kind of the best-matching segment (<c>frame</c>, <c>audio_window</c>, <c>caption</c>).
/// </summary>
public sealed record SegmentMatch(string Kind, double? Start, double? End);
