namespace SearchEngine.Embeddings.Text.Sentence;

/// <summary>The two files a BERT-style sentence encoder needs: its ONNX model and its WordPiece <c>vocab.txt</c>.</summary>
/// <param name="Model">The ONNX model (inputs <c>input_ids</c>, <c>attention_mask</c>, optionally <c>token_type_ids</c>; output <c>last_hidden_state</c>).</param>
/// <param name="Vocabulary">The vocabulary, one token per line.</param>
public sealed record SentenceModelFiles(string Model, string Vocabulary);
