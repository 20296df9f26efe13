using SearchEngine.Core;
using SearchEngine.Retrieval.Ranking;

namespace SearchEngine.Retrieval.Tests;

/// <summary>Which tower a matched segment came from: it picks the calibration map a hit's score is read through.</summary>
public sealed class HitRelevanceTests
{
    [Theory]
    [InlineData(SegmentKind.Whole, Modality.Image, Modality.Image)]
    [InlineData(SegmentKind.Whole, Modality.Text, Modality.Text)]
    [InlineData(SegmentKind.Caption, Modality.Image, Modality.Text)] // a photo's caption is text
    [InlineData(SegmentKind.Frame, Modality.Video, Modality.Image)]
    [InlineData(SegmentKind.AudioWindow, Modality.Video, Modality.Audio)]
    [InlineData(SegmentKind.AudioWindow, Modality.Audio, Modality.Audio)]
    public void A_segment_is_scored_in_the_direction_of_the_tower_that_embedded_it(SegmentKind kind, Modality document, Modality tower)
    {
        Assert.Equal(tower, HitRelevance.SegmentTower(kind, document));
    }

    [Fact]
    public void A_segment_whose_tower_cannot_be_told_has_none()
    {
        Assert.Null(HitRelevance.SegmentTower(SegmentKind.Whole, Modality.Video));
        Assert.Null(HitRelevance.SegmentTower(SegmentKind.Whole, null));
    }
}
