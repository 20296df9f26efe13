// Writes huggingface-token-ids.jsonl: the ids Hugging Face's own tokenizer (the Rust `tokenizers`, as
// sentence-transformers runs it) gives for all-MiniLM-L6-v2, for SentenceTokenizerTests to compare against.
// Run from this folder with the extracted vocabulary (MiniLmSetup, <cache>/minilm/vocab.txt):
//   npm install --no-save tokenizers@0.23.2 && node make-huggingface-token-ids.js ~/.cache/searchengine/minilm/vocab.txt
// The tokenizer below is all-MiniLM-L6-v2's tokenizer.json (BertNormalizer: clean text, CJK, lower-case, accents
// stripped because lower-casing; BertPreTokenizer; WordPiece with max_input_chars_per_word 100; [CLS] A [SEP]),
// truncated at sentence-transformers' max_seq_length of 256.
const { Tokenizer } = require('tokenizers');
const fs = require('fs');
const path = require('path');

const vocabPath = process.argv[2];
const vocab = {};
fs.readFileSync(vocabPath, 'utf8').split(/\r?\n/).forEach((token, id) => { if (token.length) vocab[token] = id; });
const special = [[0, '[PAD]'], [100, '[UNK]'], [101, '[CLS]'], [102, '[SEP]'], [103, '[MASK]']];
const json = {
  version: '1.0',
  truncation: { direction: 'Right', max_length: 256, strategy: 'LongestFirst', stride: 0 },
  padding: null,
  added_tokens: special.map(([id, content]) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
  normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: {
    type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
    pair: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } },
      { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
    special_tokens: { '[CLS]': { id: '[CLS]', ids: [101], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [102], tokens: ['[SEP]'] } },
  },
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
};
const tokenizerPath = path.join(require('os').tmpdir(), 'all-MiniLM-L6-v2.tokenizer.json');
fs.writeFileSync(tokenizerPath, JSON.stringify(json));
const tokenizer = Tokenizer.fromFile(tokenizerPath);

const texts = [
  '', ' ', 'A frog.', 'a photo of a tree frog', 'Hello, World!', 'MiXeD CaSe TeXt', 'ALL CAPS SHOUTING', '...!!!???', '#@%&*()',
  'Café crème brûlée', 'naïve résumé Zoë', 'Ångström façade señor', 'Straße İstanbul ǅ', 'Ελληνικά Русский العربية', 'ΣΑΣ ΌΣΟΣ',
  '日本語のテキスト', '中文测试', '한국어 텍스트', 'a\u{20000}b\u{2B820}c\u{2B920}d', '😀 emoji 🐸 frog', 'Ⅻ ﬁ ＡＢＣ ①',
  '\t tabs\tand\nnewlines\r\n', 'a\u0000b\u00adc\u200bd\ufeffe', 'ab\u2028cd\u00a0ef\u1680gh\u000bij\u0085kl', 'x\u0301 \u0301 a\u0308\u0308',
  'ab\ue000cd\ufffdef', 'don\'t won\'t it\'s', 'e-mail co-op 3.14 $100 50% #tag @user', '[CLS] [SEP] [UNK] [MASK] [PAD] x',
  'supercalifragilisticexpialidocious antidisestablishmentarianism', 'a qz xq zzzz',
  'a' + 'b'.repeat(99) + ' frog', 'a' + 'b'.repeat(100) + ' frog', 'é'.repeat(101) + ' frog',
  'A dog runs. '.repeat(120),
  'supercalifragilistic '.repeat(60),
  '中文'.repeat(400),
];
const trainImages = new Set(fs.readFileSync(path.join(__dirname, '../../../../../shared/datasets/flickr8k/splits/train.txt'), 'utf8').split('\n').slice(0, 20));
for (const line of fs.readFileSync(path.join(__dirname, '../../../../../shared/datasets/flickr8k/captions.tsv'), 'utf8').split('\n').slice(1)) {
  const [image, , caption] = line.split('\t');
  if (trainImages.has(image)) texts.push(caption);
}

(async () => {
  const lines = [];
  for (const text of texts) {
    const encoding = await tokenizer.encode(text);
    lines.push(JSON.stringify({ text, ids: encoding.getIds() }));
  }
  fs.writeFileSync(path.join(__dirname, 'huggingface-token-ids.jsonl'), lines.join('\n') + '\n');
  console.log(`${lines.length} texts`);
})();
