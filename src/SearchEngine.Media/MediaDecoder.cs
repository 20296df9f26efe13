using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using SearchEngine.Core;
using SearchEngine.Media.Audio;
using SearchEngine.Media.Ffmpeg;
using SearchEngine.Media.Images;
using SearchEngine.Media.Sniffing;
using SearchEngine.Media.Text;
using SearchEngine.Media.Video;

namespace SearchEngine.Media;

/// <summary>
/// The one entry point the indexer uses: recognises a file by its content, hands it to the decoder for its modality,
/// and turns every failure into a <see cref="MediaException"/> so that one bad file never stops a batch.
/// </summary>
public sealed class MediaDecoder
{
    // Audio files up to this size share an ffmpeg process in DecodeManyAsync (their raw output passes through
    // temporary files); longer recordings stream through their own process.
    private const long BatchedAudioMaxBytes = 32L << 20;

    private const string NoAudioTower = "the file is sound only, and the model pack has no audio tower to embed it";

    private readonly MediaOptions _options;
    private readonly ImageDecoder _images;
    private readonly AudioDecoder _audio;
    private readonly VideoDecoder _video;
    private readonly TextDocumentReader _text;

    /// <summary>Combines the per-modality decoders.</summary>
    public MediaDecoder(IOptions<MediaOptions> options, ImageDecoder images, AudioDecoder audio, VideoDecoder video, TextDocumentReader text)
    {
        _options = options.Value;
        _images = images;
        _audio = audio;
        _video = video;
        _text = text;
        Roots = new Files.MediaRoots(_options.Roots);
    }

    /// <summary>The configured media roots (<see cref="MediaOptions.Roots"/>); empty when none are configured.</summary>
    public Files.MediaRoots Roots { get; }

    /// <summary>Creates a decoder and its parts from plain options (for tools and tests that do not use DI).</summary>
    public static MediaDecoder Create(MediaOptions? options = null)
    {
        var wrapped = Options.Create(options ?? new MediaOptions());
        var audio = new AudioDecoder(wrapped);
        return new MediaDecoder(wrapped, new ImageDecoder(wrapped), audio, new VideoDecoder(wrapped, new MediaProber(wrapped), audio), new TextDocumentReader(wrapped));
    }

    /// <summary>
    /// Decodes <paramref name="path"/> according to its content. Throws <see cref="MediaException"/> (and nothing else
    /// but <see cref="OperationCanceledException"/>) when the file cannot be decoded.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="audioSampleRate">
    /// The rate sound is resampled to: the <c>SampleRate</c> of the audio tower that will embed it. The media layer has
    /// no rate of its own, because each model pack's tower accepts only its own (YAMNet 16 kHz, CLAP 48 kHz). Null when
    /// no tower will embed sound: a video then yields its keyframes only, and a file that is sound only is refused.
    /// </param>
    /// <param name="cancellationToken">Stops the decoding.</param>
    public async Task<DecodedMedia> DecodeAsync(string path, int? audioSampleRate, CancellationToken cancellationToken = default)
    {
        try
        {
            MediaFile.CheckReadable(path, _options.MaxFileBytes);
            var content = MediaSniffer.Sniff(path);
            switch (content.Modality)
            {
                case Modality.Image:
                    var image = _images.Decode(path, _options.ImageShortSide);
                    return new DecodedImage(path, content, image, ThumbnailEncoder.Encode(image, _options.ThumbnailSize, _options.ThumbnailQuality));
                case Modality.Audio:
                    var rate = audioSampleRate ?? throw new MediaException(path, MediaStage.Decode, NoAudioTower);
                    return new DecodedAudio(path, content, await _audio.DecodeAsync(path, rate, cancellationToken).ConfigureAwait(false));
                case Modality.Video:
                    var video = await _video.DecodeAsync(path, audioSampleRate, cancellationToken).ConfigureAwait(false);
                    if (video.Frames.Count == 0)
                    {
                        // A container the header could not settle (an MP4 whose track list sits at its end) holds only sound.
                        return video.Audio is { } sound
                            ? new DecodedAudio(path, ContentType.Of(Modality.Audio, content.Format), sound)
                            : throw new MediaException(path, MediaStage.Decode, NoAudioTower);
                    }

                    var thumbnail = ThumbnailEncoder.Encode(video.Frames[0].Image, _options.ThumbnailSize, _options.ThumbnailQuality);
                    return new DecodedVideo(path, content, video, thumbnail);
                case Modality.Text:
                    return new DecodedText(path, content, await _text.ReadAsync(path, cancellationToken).ConfigureAwait(false));
                default:
                    throw new MediaException(path, MediaStage.Sniff, content.Reason ?? "unsupported content");
            }
        }
        catch (MediaException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A decoder bug or a library failure on strange input is still this file's problem, not the batch's.
            // The library's message can quote the file or the server's paths: it stays in the exception, not the reason.
            throw new MediaException(path, MediaStage.Decode, "the file could not be decoded", e);
        }
    }

    /// <summary>
    /// Decodes a batch of files as <see cref="DecodeAsync"/> does each, except that audio files of modest size share one
    /// ffmpeg process (<see cref="AudioDecoder.DecodeManyAsync"/>), which is what makes folders of short clips fast.
    /// Results are in input order; a file that cannot be decoded gets its <see cref="MediaException"/> and the rest go on.
    /// </summary>
    /// <param name="paths">The files.</param>
    /// <param name="audioSampleRate">The audio tower's sample rate, or null when no tower will embed sound (see <see cref="DecodeAsync"/>).</param>
    /// <param name="cancellationToken">Stops the decoding.</param>
    public async Task<MediaDecodeResult[]> DecodeManyAsync(IReadOnlyList<string> paths, int? audioSampleRate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var results = new MediaDecodeResult[paths.Count];
        var audio = new List<(int Index, ContentType Content)>();
        for (var i = 0; i < paths.Count; i++)
        {
            if (audioSampleRate is not null && ShortAudio(paths[i]) is { } content)
            {
                audio.Add((i, content));
                continue;
            }

            results[i] = await DecodeOneAsync(paths[i], audioSampleRate, cancellationToken).ConfigureAwait(false);
        }

        if (audio.Count > 0)
        {
            var clips = await _audio.DecodeManyAsync([.. audio.Select(a => paths[a.Index])], audioSampleRate!.Value, cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < audio.Count; j++)
            {
                var (index, content) = audio[j];
                results[index] = clips[j].Clip is { } clip
                    ? new MediaDecodeResult(paths[index], new DecodedAudio(paths[index], content, clip), null)
                    : new MediaDecodeResult(paths[index], null, clips[j].Error);
            }
        }

        return results;
    }

    /// <summary>The file's content when it is an audio file small enough to decode in a shared process; otherwise null.</summary>
    private ContentType? ShortAudio(string path)
    {
        try
        {
            var size = MediaFile.CheckReadable(path, _options.MaxFileBytes);
            var content = MediaSniffer.Sniff(path);
            return content.Modality == Modality.Audio && size <= BatchedAudioMaxBytes ? content : null;
        }
        catch (MediaException)
        {
            return null; // decoded on its own, which reports the reason
        }
    }

    private async Task<MediaDecodeResult> DecodeOneAsync(string path, int? audioSampleRate, CancellationToken cancellationToken)
    {
        try
        {
            return new MediaDecodeResult(path, await DecodeAsync(path, audioSampleRate, cancellationToken).ConfigureAwait(false), null);
        }
        catch (MediaException e)
        {
            return new MediaDecodeResult(path, null, e);
        }
    }

    /// <summary>
    /// Decodes each file in turn, yielding its media or its error; a bad file never stops the batch. Only cancellation ends it early.
    /// </summary>
    /// <param name="paths">The files.</param>
    /// <param name="audioSampleRate">The audio tower's sample rate, or null when no tower will embed sound (see <see cref="DecodeAsync"/>).</param>
    /// <param name="cancellationToken">Stops the decoding.</param>
    public async IAsyncEnumerable<MediaDecodeResult> DecodeAllAsync(
        IEnumerable<string> paths, int? audioSampleRate, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return await DecodeOneAsync(path, audioSampleRate, cancellationToken).ConfigureAwait(false);
        }
    }
}
