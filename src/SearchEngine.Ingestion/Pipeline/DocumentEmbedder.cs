using Microsoft.Extensions.Logging;
using SearchEngine.Core;
using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Fingerprints;
using SearchEngine.Media;
using SearchEngine.Storage.Documents;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>
/// Turns a batch of decoded files into documents with segments in the pack's space, calling each tower once per batch:
/// an image gives a <c>whole</c> segment; audio one <c>audio_window</c> per window; a video one <c>frame</c> per
/// keyframe and its sound's windows; a text a <c>whole</c> segment and one <c>caption</c> per timed subtitle cue; and a
/// caption from a manifest or sidecar one more <c>caption</c> segment through the text tower. The subtitles of a video
/// (a sidecar's, else its embedded track's) or of audio (a sidecar's) give one timed <c>caption</c> per cue, and their
/// transcript is the document's full-text caption when it has no other. With a <paramref name="fingerprints"/>
/// extractor, an audio file and a video's sound track also get their fingerprint.
/// </summary>
internal sealed partial class DocumentEmbedder(ModelPack pack, FingerprintExtractor? fingerprints = null, ILogger? logger = null)
{
    /// <summary>Embeds <paramref name="files"/>; files that cannot be embedded are returned as failures, the rest as documents.</summary>
    public (List<EmbeddedDocument> Documents, List<FileFailure> Failures) Embed(IReadOnlyList<DecodedFile> files)
    {
        var documents = new List<EmbeddedDocument>(files.Count);
        var failures = new List<FileFailure>();
        try
        {
            EmbedBatch(files, documents, failures);
        }
        catch (Exception e) when (e is not OutOfMemoryException && files.Count > 1)
        {
            // One file broke the batched call; embed one by one so that only that file fails.
            documents.Clear();
            failures.Clear();
            foreach (var file in files)
            {
                var (single, singleFailures) = Embed([file]);
                documents.AddRange(single);
                failures.AddRange(singleFailures);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            documents.Clear();
            failures.Clear();
            failures.Add(new FileFailure(files[0].File.Source.Path, FailureStage.Embed, $"embedding failed: {e.Message}"));
        }

        return (documents, failures);
    }

    private void EmbedBatch(IReadOnlyList<DecodedFile> files, List<EmbeddedDocument> documents, List<FileFailure> failures)
    {
        // Gather what each tower must embed for the whole batch, remembering which file each input belongs to.
        var plans = new DocumentPlan[files.Count];
        var images = new List<RgbImage>();
        var texts = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            plans[i] = Plan(files[i], images, texts);
        }

        var imageVectors = images.Count > 0 ? pack.RequireImage().Embed(images) : [];
        var textVectors = texts.Count > 0 ? pack.RequireText().Embed(texts) : [];

        for (var i = 0; i < files.Count; i++)
        {
            var plan = plans[i];
            var source = files[i].File.Source;
            if (plan.Problem is not null)
            {
                failures.Add(new FileFailure(source.Path, FailureStage.Embed, plan.Problem));
                continue;
            }

            var segments = new List<Segment>(plan.Inputs.Count + 1);
            foreach (var input in plan.Inputs)
            {
                switch (input.Tower)
                {
                    case Tower.Image: segments.Add(new Segment(input.Kind, input.Start, input.End, imageVectors[input.Index])); break;
                    case Tower.Text: segments.Add(new Segment(input.Kind, input.Start, input.End, textVectors[input.Index])); break;
                }
            }

            foreach (var clip in plan.AudioClips)
            {
                foreach (var window in pack.RequireAudio().Embed(clip))
                {
                    segments.Add(new Segment(SegmentKind.AudioWindow, window.Start, window.End, window.Vector));
                }
            }

            if (segments.Count == 0)
            {
                failures.Add(new FileFailure(source.Path, FailureStage.Embed, "nothing to embed: the file has no image, sound or text content"));
                continue;
            }

            var pending = files[i].File;
            var write = new DocumentWrite(source.Path, plan.Modality, pending.Sha256, pending.SizeBytes, segments)
            {
                DurationSeconds = plan.Duration,
                Title = source.Title ?? plan.Title,
                Caption = source.Caption ?? plan.Transcript,
                Metadata = source.Metadata,
                MediaType = files[i].Media.Content.Modality is { } sniffed ? $"{sniffed.ToName()}/{files[i].Media.Content.Format}" : null,
                FinalPath = source.FinalTarget,
                FileModifiedAt = pending.ModifiedAt,
            };
            write = WithFingerprint(write, plan.Sound);
            try
            {
                write.EnsureValid(pack.Dimension);
            }
            catch (ArgumentException e)
            {
                failures.Add(new FileFailure(source.Path, FailureStage.Embed, e.Message));
                continue;
            }

            documents.Add(new EmbeddedDocument(write, plan.Thumbnail));
        }
    }

    private DocumentPlan Plan(DecodedFile file, List<RgbImage> images, List<string> texts)
    {
        var plan = new DocumentPlan();
        var media = file.Media;
        switch (media)
        {
            case DecodedImage image:
                plan.Modality = Modality.Image;
                plan.Thumbnail = image.Thumbnail;
                if (!pack.Supports(Modality.Image))
                {
                    return plan.Fail(NoTower("image", "images"));
                }

                plan.Inputs.Add(new TowerInput(Tower.Image, images.Count, SegmentKind.Whole, null, null));
                images.Add(image.Image);
                break;

            case DecodedAudio audio:
                plan.Modality = Modality.Audio;
                plan.Duration = audio.Clip.Duration;
                if (!pack.Supports(Modality.Audio))
                {
                    return plan.Fail(NoTower("audio", "audio"));
                }

                plan.AudioClips.Add(audio.Clip);
                AddSubtitles(plan, file.File.Source.Cues, texts);
                plan.Sound = audio.Clip;
                break;

            case DecodedVideo video:
                plan.Modality = Modality.Video;
                plan.Thumbnail = video.Thumbnail;
                plan.Duration = video.Video.Duration ?? video.Video.Audio?.Duration;
                if (pack.Image is not null)
                {
                    foreach (var frame in video.Video.Frames)
                    {
                        plan.Inputs.Add(new TowerInput(Tower.Image, images.Count, SegmentKind.Frame, frame.Time, null));
                        images.Add(frame.Image);
                    }
                }

                if (pack.Audio is not null && video.Video.Audio is { } track)
                {
                    plan.AudioClips.Add(track);
                }

                AddSubtitles(plan, file.File.Source.Cues is { Count: > 0 } sidecar ? sidecar : video.Video.Cues, texts);
                plan.Sound = video.Video.Audio;
                break;

            case DecodedText text:
                plan.Modality = Modality.Text;
                plan.Title = text.Document.Title;
                if (!pack.Supports(Modality.Text))
                {
                    return plan.Fail(NoTower("text", "texts"));
                }

                if (!string.IsNullOrWhiteSpace(text.Document.Body))
                {
                    plan.Inputs.Add(new TowerInput(Tower.Text, texts.Count, SegmentKind.Whole, null, null));
                    texts.Add(text.Document.Body);
                }

                AddCues(plan, text.Document.Cues, texts);

                break;

            default:
                return plan.Fail($"no embedding for {media.Content.Describe()}");
        }

        if (file.File.Source.Caption is { Length: > 0 } caption && pack.Text is not null)
        {
            plan.Inputs.Add(new TowerInput(Tower.Text, texts.Count, SegmentKind.Caption, null, null));
            texts.Add(caption);
        }

        return plan;
    }

    /// <summary>One timed <c>caption</c> segment per cue through the text tower, and the cues' words for full-text search.</summary>
    private void AddSubtitles(DocumentPlan plan, IReadOnlyList<Media.Text.TextCue> cues, List<string> texts)
    {
        if (cues.Count == 0 || pack.Text is null)
        {
            return;
        }

        AddCues(plan, cues, texts);
        plan.Transcript = Media.Text.Transcript.Of(cues);
    }

    /// <summary>One timed <c>caption</c> input per cue through the text tower.</summary>
    private static void AddCues(DocumentPlan plan, IReadOnlyList<Media.Text.TextCue> cues, List<string> texts)
    {
        foreach (var cue in cues)
        {
            plan.Inputs.Add(new TowerInput(Tower.Text, texts.Count, SegmentKind.Caption, cue.Start, cue.End));
            texts.Add(cue.Text);
        }
    }

    /// <summary>
    /// <paramref name="write"/> with the fingerprint of <paramref name="sound"/>. A file whose fingerprint cannot be
    /// taken is still stored, without one (logged): its vectors are found as before, only the exact match is missing.
    /// </summary>
    private DocumentWrite WithFingerprint(DocumentWrite write, AudioClip? sound)
    {
        if (fingerprints is null || sound is not { Samples.Length: > 0 })
        {
            return write;
        }

        try
        {
            var fingerprint = fingerprints.Extract(sound.Samples, sound.SampleRate);
            return write with { Fingerprint = fingerprint.ToBytes(), FingerprintLandmarks = fingerprint.Landmarks.Length };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (logger is not null)
            {
                LogFingerprintFailed(logger, write.Uri, e.Message);
            }

            return write;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fingerprint the sound of {Path} ({Reason}); it is indexed without a fingerprint, so it cannot be found by an exact clip match")]
    private static partial void LogFingerprintFailed(ILogger logger, string path, string reason);

    private string NoTower(string slot, string what) =>
        $"model pack '{pack.Id}' has no {slot} tower, so it cannot embed {what}; index these files into a collection whose pack has one";

    private enum Tower
    {
        Image,
        Text,
    }

    private readonly record struct TowerInput(Tower Tower, int Index, SegmentKind Kind, double? Start, double? End);

    private sealed class DocumentPlan
    {
        public Modality Modality { get; set; }

        public List<TowerInput> Inputs { get; } = [];

        public List<AudioClip> AudioClips { get; } = [];

        public byte[]? Thumbnail { get; set; }

        public AudioClip? Sound { get; set; }

        public double? Duration { get; set; }

        public string? Title { get; set; }

        public string? Transcript { get; set; }

        public string? Problem { get; private set; }

        public DocumentPlan Fail(string problem)
        {
            Problem = problem;
            return this;
        }
    }
}
