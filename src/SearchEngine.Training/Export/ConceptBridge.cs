namespace SearchEngine.Training.Export;

/// <summary>
/// What the exported heads need for the concept bridge (<see cref="Embeddings.Onnx.ConceptGraphs"/>): the class-name
/// vectors of MobileNetV2's 1,000 ImageNet classes and YAMNet's 521 AudioSet classes in the sentence encoder's space,
/// and the fusion weights chosen on the selection sets. A fused inner product is learned · learned + weight × the
/// cosine of the concept (or sentence) parts, the weight being the image or audio weight on the side that carries a
/// concept (their product between an image and a sound).
/// </summary>
/// <param name="ImageNames">"a photo of a {class}", row-major [1000, 384].</param>
/// <param name="AudioNames">"the sound of {class}", row-major [521, 384].</param>
/// <param name="ImageWeight">Scale of an image's concept vector.</param>
/// <param name="AudioWeight">Scale of a sound's concept vector.</param>
/// <param name="TopK">Classes mixed into a concept vector.</param>
public sealed record ConceptBridge(float[] ImageNames, float[] AudioNames, float ImageWeight, float AudioWeight, int TopK);
